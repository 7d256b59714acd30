import { beforeEach, describe, expect, it } from "vitest";
import * as exact from "../../src/exact/api";
import { Account, SalesEntry } from "../../src/exact/schemas";
import { DIVISION, exactClient, findAccounts } from "../helpers/clients";
import { eventually } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

async function customerAndAccounts() {
  const { client } = await exactClient();
  const [customer] = await findAccounts(client, { vatNumber: "NL810433941B01" });
  const gl = await exact.glAccounts(client);
  return { client, customer: customer!, revenue: gl.find((g) => g.Code === "8000")! };
}

const entry = (customer: string, gl: string, yourRef = "2026 / 12", date = "2026-01-15") => ({
  Journal: "70",
  Customer: customer,
  EntryDate: date,
  YourRef: yourRef,
  Description: `${yourRef} test`,
  SalesEntryLines: [{ GLAccount: gl, AmountFC: 100, VATCode: "1", VATAmountFC: 21, Description: "Ontwerp" }],
});

describe("Exact Online client", () => {
  beforeEach(() => sandbox.reset());

  it("reads the user, the divisions and only the sales journals", async () => {
    const { client } = await exactClient();
    expect((await exact.me(client))?.CurrentDivision).toBe(DIVISION);
    expect((await exact.divisions(client)).map((d) => d.Code)).toEqual([100001, 100002]);
    expect((await exact.salesJournals(client)).map((j) => j.Code).sort()).toEqual(["70", "71"]);
    const vat = await exact.vatCodes(client);
    expect(vat.find((v) => v.Code === "1")?.Percentage).toBe(0.21);
    expect(client.budget).toMatchObject({ dailyLimit: 5000, minutelyLimit: 60 });
    expect(client.budget.minutelyResetAt).toBeGreaterThan(Date.now());
  });

  it("finds an account by a name with an apostrophe (escaped) and by VAT number", async () => {
    const { client } = await exactClient();
    const [byName] = await findAccounts(client, { name: "Brouwerij 't Hoekje BV" });
    const [byVat] = await findAccounts(client, { vatNumber: "NL810433941B01" });
    expect(byName?.ID).toBe(byVat?.ID);
    expect(byName?.Code).toBe("                 1");
  });

  it("follows __next past the 60-row page", async () => {
    await sandbox.reset("demo", false);
    const { client } = await exactClient();
    for (let i = 0; i < 65; i++) await exact.createAccount(client, { Name: `Klant ${i}`, Status: "C" });
    await sandbox.clearCalls();
    const all = await client.list(
      "crm/Accounts",
      { filter: "Name ne ''", select: ["ID", "Name"] },
      Account.pick({ ID: true, Name: true }),
    );
    expect(all).toHaveLength(68);
    expect((await sandbox.calls())["exact GET crm/Accounts"]).toBe(2);
  });

  it("creates a sales entry, finds it by YourRef, and links a PDF document", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    const created = await exact.createSalesEntry(client, entry(customer.ID, revenue.ID));
    expect(created.EntryNumber).toBeGreaterThan(0);
    expect(created.AmountFC).toBe(121);
    const found = await exact.salesEntriesByYourRef(client, "2026 / 12");
    expect(found.map((e) => e.EntryID)).toEqual([created.EntryID]);

    const doc = await exact.createDocument(client, { Subject: "Factuur 2026 / 12", Type: 10, Account: customer.ID });
    await exact.createDocumentAttachment(client, doc.ID, "2026-12.pdf", btoa("%PDF-1.4 tiny"));
    await exact.updateSalesEntry(client, created.EntryID, { Document: doc.ID });
    const [linked] = await exact.salesEntriesByYourRef(client, "2026 / 12");
    expect(linked?.Document).toBe(doc.ID);
  });

  it("replaces an entry's lines (add the new, delete the old)", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    const created = await exact.createSalesEntry(client, entry(customer.ID, revenue.ID));
    const [oldLine] = await exact.salesEntryLines(client, created.EntryID);
    await exact.addSalesEntryLine(client, created.EntryID, {
      GLAccount: revenue.ID,
      AmountFC: 200,
      VATCode: "1",
      VATAmountFC: 42,
      Description: "Nieuw",
    });
    await exact.deleteSalesEntryLine(client, oldLine!.ID);
    const lines = await exact.salesEntryLines(client, created.EntryID);
    expect(lines.map((l) => [l.AmountFC, l.VATAmountFC])).toEqual([[200, 42]]);
    expect((await exact.salesEntriesByYourRef(client, "2026 / 12"))[0]?.AmountFC).toBe(242);
  });

  it("finds accounts by chamber of commerce number and creates a customer with the next code", async () => {
    const { client } = await exactClient();
    expect((await findAccounts(client, { chamberOfCommerce: "30280353" }))[0]?.Name).toBe("Gemeente Utrecht");
    const created = await exact.createAccount(client, {
      Name: "Café De Nieuwe Sluis",
      Status: "C",
      VATNumber: "NL005678912B01",
      Country: "NL",
      City: "Amsterdam",
    });
    expect(created).toMatchObject({ Code: "                 4", Status: "C" });
    await expect(exact.createAccount(client, { Name: "X", Status: "C", VATNumber: "12" })).rejects.toMatchObject({
      message: "Exact Online: Ongeldig: Btw-nummer",
    });
  });

  it("turns Exact's business rejections into non-retryable errors carrying Exact's text", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    await sandbox.closePeriod(DIVISION, "2026-01");
    const closed = await exact.createSalesEntry(client, entry(customer.ID, revenue.ID)).catch((e) => e);
    expect(closed).toMatchObject({
      code: "EXACT_BUSINESS_RULE",
      retryable: false,
      upstreamStatus: 500,
      message: "Exact Online: Periode is afgesloten: 2026 – 1",
    });

    const [supplier] = await findAccounts(client, { name: "Papierhandel De Vries" });
    await expect(
      exact.createSalesEntry(client, entry(supplier!.ID, revenue.ID, "x", "2026-02-01")),
    ).rejects.toMatchObject({ message: "Exact Online: Ongeldig: Klant (Type)" });
    await expect(
      exact.createSalesEntry(client, { ...entry(customer.ID, revenue.ID, "x", "2026-02-01"), Journal: "60" }),
    ).rejects.toMatchObject({ code: "EXACT_BUSINESS_RULE" });
  });

  it("rejects unknown properties like the real OData service (400, not retried)", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    const error = await client
      .create("salesentry/SalesEntries", { ...entry(customer.ID, revenue.ID), InvoiceNumberr: 1 }, SalesEntry)
      .catch((e) => e);
    expect(error).toMatchObject({ code: "UPSTREAM_REJECTED", upstreamStatus: 400 });
    expect(error.message).toContain("InvoiceNumberr");
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(1);
  });

  it("reports a 500 after the write was committed as UPSTREAM_UNCERTAIN and does not post again", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    await sandbox.fault({ method: "POST", path: "exact/POST salesentry/SalesEntries", kind: "500-after-commit" });
    await expect(exact.createSalesEntry(client, entry(customer.ID, revenue.ID))).rejects.toMatchObject({
      code: "UPSTREAM_UNCERTAIN",
      retryable: true,
    });
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(1);
    // The lookup the engine does before posting again finds the committed entry.
    expect(await exact.salesEntriesByYourRef(client, "2026 / 12")).toHaveLength(1);
  });

  it("reports a timeout on a POST as UPSTREAM_UNCERTAIN", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    const slow = await exactClient({ timeoutMs: 300 });
    await sandbox.fault({
      method: "POST",
      path: "exact/POST salesentry/SalesEntries",
      kind: "timeout",
      delayMs: 30_000,
    });
    await expect(exact.createSalesEntry(slow.client, entry(customer.ID, revenue.ID))).rejects.toMatchObject({
      code: "UPSTREAM_UNCERTAIN",
    });
    // Exact commits before it holds the answer: the entry is there once the sandbox has done its work.
    await eventually(async () => expect(await exact.salesEntriesByYourRef(client, "2026 / 12")).toHaveLength(1));
  });

  it("waits for the minute reset after a 429, even for a POST (nothing was done)", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    await sandbox.fault({ method: "POST", path: "exact/POST salesentry/SalesEntries", kind: "429" });
    const created = await exact.createSalesEntry(client, entry(customer.ID, revenue.ID));
    expect(created.EntryID).toBeTruthy();
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(2);
    expect(await exact.salesEntriesByYourRef(client, "2026 / 12")).toHaveLength(1);
  });

  it("counts down the real 60-a-minute budget and stops before Exact refuses", async () => {
    const { client } = await exactClient({ maxWaitMs: 0 });
    let calls = 0;
    const error = await (async () => {
      for (;;) {
        await exact.glAccounts(client);
        calls++;
      }
    })().catch((e) => e);
    expect(calls).toBe(60);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryable: true });
    expect(client.budget.minutelyRemaining).toBe(0);
    // The client stopped itself: Exact never had to answer 429.
    expect((await sandbox.calls())["exact GET sync/Financial/GLAccounts"]).toBe(60);
  });

  it("reads payment terms changed since a Timestamp, one call when nothing changed", async () => {
    const { client, customer, revenue } = await customerAndAccounts();
    const created = await exact.createSalesEntry(client, entry(customer.ID, revenue.ID));
    const first = [];
    for await (const page of exact.paymentTermPages(client, "1")) first.push(...page);
    const mine = first.find((t) => t.TransactionEntryID === created.EntryID)!;
    expect(mine).toMatchObject({ LineType: 20, IsFullyPaid: false, AmountDC: 121 });
    const cursor = first
      .map((t) => BigInt(t.Timestamp))
      // biome-ignore lint/complexity/useMathMinMax: Timestamps are bigints, which Math.max refuses
      .reduce((a, b) => (a > b ? a : b))
      .toString();

    await sandbox.clearCalls();
    const idle = [];
    for await (const page of exact.paymentTermPages(client, cursor)) idle.push(...page);
    expect(idle).toEqual([]);
    expect((await sandbox.calls())["exact GET sync/Cashflow/PaymentTerms"]).toBe(1);

    await sandbox.markPaid(created.EntryID);
    const changed = [];
    for await (const page of exact.paymentTermPages(client, cursor)) changed.push(...page);
    expect(changed).toMatchObject([{ TransactionEntryID: created.EntryID, IsFullyPaid: true }]);
    expect(changed[0]!.LastPaymentDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
