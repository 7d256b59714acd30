import { beforeEach, describe, expect, it } from "vitest";
import * as exact from "../../src/exact/api";
import { exactClient } from "../helpers/clients";
import { createConnection, eventsOf, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

const companyWithVat = async (vat: string) => (await sandbox.state("tl.companies")).find((c) => c.vat_number === vat)!;

describe("customers and their VAT numbers", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("finds an existing account whose VAT number was typed with spaces and dots", async () => {
    const { client } = await exactClient();
    const typed = await exact.createAccount(client, {
      Name: "SEL (typed by hand)",
      Status: "C",
      VATNumber: "BE 0403.170.701",
    });
    expect((await sandbox.state("ex.accounts")).find((a) => a.ID === typed.ID)?.VATNumber).toBe("BE 0403.170.701");

    const { id, stub } = await createConnection({ historicalExport: "none" });
    const invoice = await sandbox.bookInvoice({ customerId: (await companyWithVat("BE0403170701")).id });
    await sandbox.clearCalls();
    expect((await stub.sync(id, "manual")).counts?.booked).toBe(1);
    expect((await sandbox.calls())["exact POST crm/Accounts"]).toBeUndefined();
    const entry = (await sandbox.state("ex.salesEntries")).find((e) => e.YourRef === invoice.number);
    expect(entry?.Customer).toBe(typed.ID);
    expect((await eventsOf(id, "customer.matched"))[0]?.message).toContain("matched by VAT number");
  });

  it("creates a customer whose VAT number fails its check digit without it, books the invoice, and says so", async () => {
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    const company = await companyWithVat("NL001234567B02");
    const invoice = await sandbox.bookInvoice({ customerId: company.id });
    expect((await stub.sync(id, "manual")).counts?.booked).toBe(1);

    const account = (await sandbox.state("ex.accounts")).find(
      (a) => a.Division === division && a.Name === company.name,
    );
    expect(account).toBeDefined();
    expect(account!.VATNumber ?? null).toBeNull();
    const pair = (await pairsOf(id)).find((p) => p.tlId === invoice.id)!;
    const [warning] = await eventsOf(id, "customer.vat_left_out");
    expect(warning).toMatchObject({ documentPairId: pair.id, level: "warn" });
    expect(warning!.message).toContain("NL001234567B02");
    expect(warning!.message).toContain("check digit");
  });

  it("the sandbox refuses a VAT number with a wrong check digit, as Exact does, and keeps a valid one as typed", async () => {
    const { client } = await exactClient();
    await expect(
      exact.createAccount(client, { Name: "Wrong", Status: "C", VATNumber: "NL 0012.34.567.B02" }),
    ).rejects.toMatchObject({
      code: "EXACT_BUSINESS_RULE",
      message: "Exact Online: Ongeldig: Btw-nummer (controlecijfer)",
    });
    await expect(
      exact.createAccount(client, { Name: "Wrong BE", Status: "C", VATNumber: "BE0403170702" }),
    ).rejects.toMatchObject({ code: "EXACT_BUSINESS_RULE" });
    const ok = await exact.createAccount(client, { Name: "Right", Status: "C", VATNumber: "NL 8104.33.941.B01" });
    expect((await sandbox.state("ex.accounts")).find((a) => a.ID === ok.ID)?.VATNumber).toBe("NL 8104.33.941.B01");
  });
});
