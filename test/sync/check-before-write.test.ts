import { beforeEach, describe, expect, it } from "vitest";
import * as exact from "../../src/exact/api";
import { exactClient } from "../helpers/clients";
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
    expect(pair!.errorMessage).toContain("Periode is afgesloten");
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

  it("a supplier made a customer for a refused entry gets its old status back", async () => {
    const { client } = await exactClient();
    const supplier = await exact.createAccount(client, {
      Name: "Müller (Lieferant)",
      Status: "S",
      VATNumber: "DE811569869",
    });
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    const company = (await sandbox.state("tl.companies")).find((c) => c.vat_number === "DE811569869")!;
    await sandbox.bookInvoice({ customerId: company.id });
    await sandbox.closePeriod(division, new Date().toISOString().slice(0, 7));

    expect((await stub.sync(id, "manual")).counts?.failed).toBe(1);
    expect((await sandbox.state("ex.accounts")).find((a) => a.ID === supplier.ID)?.Status).toBe("S");
    expect((await sandbox.calls())["exact PUT crm/Accounts"]).toBe(2);
    expect(await eventsOf(id, "document.undo_failed")).toEqual([]);
  });

  it("a document dated outside Exact's financial years fails without a write, and books once the year exists", async () => {
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    const year = new Date().getUTCFullYear();
    await sandbox.fiscalYear(division, year, false);
    const company = (await sandbox.state("tl.companies")).find((c) => c.vat_number === "DE811569869")!;
    const invoice = await sandbox.bookInvoice({ customerId: company.id });
    await sandbox.clearCalls();

    expect((await stub.sync(id, "manual")).counts?.failed).toBe(1);
    const [pair] = await pairsOf(id);
    expect(pair).toMatchObject({ status: "failed", errorCode: "FINANCIAL_PERIOD_MISSING" });
    expect(pair!.errorMessage).toContain(`create the financial year ${year} in Exact`);
    const writes = Object.keys(await sandbox.calls()).filter((k) => /^exact (POST|PUT|DELETE) /.test(k));
    expect(writes).toEqual([]);

    await sandbox.fiscalYear(division, year, true);
    expect((await stub.sync(id, "manual")).counts?.booked).toBe(1);
    expect((await exactEntries(division)).map((e) => e.YourRef)).toEqual([invoice.number]);
  });

  it("a PDF kept from an earlier unclear attempt is removed too when Exact then refuses the entry", async () => {
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    const documentsBefore = await sandbox.state("ex.documents");
    await sandbox.bookInvoice();
    await sandbox.fault({ method: "POST", path: "exact/POST salesentry/SalesEntries", kind: "500" });
    expect((await stub.sync(id, "manual")).more).toBe(true);
    const [waiting] = await pairsOf(id);
    expect(waiting).toMatchObject({ status: "posting" });
    expect(waiting!.exactDocumentId).not.toBeNull();

    await sandbox.closePeriod(division, new Date().toISOString().slice(0, 7));
    expect((await stub.sync(id, "alarm")).counts?.failed).toBe(1);
    expect((await pairsOf(id))[0]).toMatchObject({ status: "failed", exactDocumentId: null });
    expect(await sandbox.state("ex.documents")).toEqual(documentsBefore);
  });
});
