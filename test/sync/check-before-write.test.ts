import { beforeEach, describe, expect, it } from "vitest";
import { createConnection, eventsOf, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

describe("a document Exact will refuse leaves nothing behind in Exact", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("the new customer and the PDF made for a refused entry are removed; booked later, the customer is created once", async () => {
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    // A company Exact does not know yet (no account matches its VAT number, chamber of commerce or name).
    const company = (await sandbox.state("tl.companies")).find((c) => c.vat_number === "DE811569869")!;
    const invoice = await sandbox.bookInvoice({ customerId: company.id });
    const accountsBefore = (await sandbox.state("ex.accounts")).filter((a) => a.Division === division);
    const documentsBefore = await sandbox.state("ex.documents");
    const period = new Date().toISOString().slice(0, 7);
    await sandbox.closePeriod(division, period);

    const refused = await stub.sync(id, "manual");
    expect(refused.counts?.failed).toBe(1);
    const [pair] = (await pairsOf(id)).filter((p) => p.tlId === invoice.id);
    expect(pair).toMatchObject({ status: "failed", errorCode: "EXACT_BUSINESS_RULE", exactDocumentId: null });
    expect(pair!.errorMessage).toContain(`Periode is afgesloten: ${period}`);
    expect((await sandbox.state("ex.accounts")).filter((a) => a.Division === division)).toEqual(accountsBefore);
    expect(await sandbox.state("ex.documents")).toEqual(documentsBefore);
    expect(await exactEntries(division)).toEqual([]);

    await sandbox.closePeriod(division, period, false);
    await sandbox.clearCalls();
    expect(await stub.document(id, { kind: "invoice", id: invoice.id })).toBe("booked");
    const created = (await sandbox.state("ex.accounts")).filter(
      (a) => a.Division === division && !accountsBefore.some((b) => b.ID === a.ID),
    );
    expect(created.map((a) => a.Name)).toEqual([company.name]);
    expect((await sandbox.calls())["exact POST crm/Accounts"]).toBe(1);
    expect(await eventsOf(id, "document.undo_failed")).toEqual([]);
  });
});
