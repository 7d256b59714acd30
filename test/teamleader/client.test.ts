import { beforeEach, describe, expect, it } from "vitest";
import * as tl from "../../src/teamleader/api";
import type { InvoiceListItem } from "../../src/teamleader/schemas";
import { teamleaderClient } from "../helpers/clients";
import { sandbox } from "../helpers/sandbox";

describe("Teamleader client", () => {
  beforeEach(() => sandbox.reset());

  it("reads the user, the account and the departments", async () => {
    const { client } = await teamleaderClient();
    const me = await tl.usersMe(client);
    expect(me.account.type).toBe("account");
    expect(me.email).toBe("eva@noordlicht.example");
    const departments = await tl.departmentsList(client);
    expect(departments.map((d) => d.name)).toEqual(["Noordlicht Studio BV", "Noordlicht Studio België BV"]);
    expect(client.rateLimit).toMatchObject({ limit: 200 });
    expect(client.rateLimit!.resetAt).toBeGreaterThan(Date.now());
  });

  it("pages until a short page (pages of 100)", async () => {
    await sandbox.reset("bench", false);
    const { client } = await teamleaderClient();
    const [dept] = await tl.departmentsList(client);
    await sandbox.clearCalls();
    const pages: number[] = [];
    for await (const page of tl.invoicePages(client, { department_id: dept!.id, status: ["outstanding", "matched"] }))
      pages.push(page.length);
    const expected = (await sandbox.state("tl.documents")).filter(
      (d) => d.kind === "invoice" && d.department_id === dept!.id,
    ).length;
    expect(expected).toBeGreaterThan(700);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected);
    expect(pages.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(pages.at(-1)).toBeLessThan(100);
    expect((await sandbox.calls())["teamleader invoices.list"]).toBe(pages.length);
  });

  it("reads invoices with lines, tax rates and categories, and credit notes answered as an array", async () => {
    const { client } = await teamleaderClient();
    const [dept] = await tl.departmentsList(client);
    const rates = await tl.taxRatesList(client, dept!.id);
    expect(rates.filter((r) => r.rate === 0).length).toBe(4);
    const categories = await tl.productCategoriesList(client, dept!.id);
    expect(categories.flatMap((c) => c.ledgers.map((l) => l.ledger_account_number)).sort()).toEqual([
      "8100",
      "8200",
      "8300",
    ]);

    const first = (
      await tl.invoicePages(client, { department_id: dept!.id, status: ["outstanding", "matched"] }).next()
    ).value![0]!;
    const invoice = await tl.invoicesInfo(client, first.id);
    const lines = invoice.grouped_lines.flatMap((g) => g.line_items);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => rates.some((r) => r.id === l.tax.id))).toBe(true);

    const notes = await sandboxCreditNoteIds();
    const note = await tl.creditNotesInfo(client, notes[0]!);
    expect(note.id).toBe(notes[0]);
    expect(note.total.tax_inclusive.amount).toBeGreaterThan(0);
  });

  it("loads a credit note with VAT-inclusive prices and only the four totals creditNotes.info has", async () => {
    const { client } = await teamleaderClient();
    const [id] = await sandboxCreditNoteIds();
    const doc = (await sandbox.state("tl.documents")).find((d) => d.id === id)!;
    const rate21 = (await sandbox.state("tl.taxRates")).find(
      (r) => r.department.id === doc.department_id && r.rate === 0.21,
    )!;
    await sandbox.updateDocument(id!, {
      discount_pct: null,
      lines: [
        {
          description: "Workshoptickets",
          quantity: 10,
          unit_price: 10,
          unit_price_tax: "including",
          tax_rate_id: rate21.id,
          discount_pct: null,
          product_category_id: null,
        },
      ],
    });
    const note = await tl.creditNotesInfo(client, id!);
    const line = note.grouped_lines[0]!.line_items[0]!;
    expect([line.total.tax_exclusive.amount, line.total.tax_inclusive.amount]).toEqual([82.64, 100]);
    expect(note.total.taxes).toEqual([
      { rate: 0.21, taxable: { amount: 82.64, currency: "EUR" }, tax: { amount: 17.36, currency: "EUR" } },
    ]);
    expect(note.total.tax_inclusive.amount).toBe(100);
  });

  it("lists invoices oldest first by asking for that order (Teamleader's default is newest first)", async () => {
    const { client } = await teamleaderClient();
    const [dept] = await tl.departmentsList(client);
    const pages = tl.invoicePages(client, { department_id: dept!.id, status: ["outstanding", "matched"] });
    const page: InvoiceListItem[] = (await pages.next()).value ?? [];
    expect(page.length).toBeGreaterThan(10);
    const dates = page.map((i) => i.invoice_date);
    expect(dates).toEqual([...dates].sort());
  });

  it("downloads the invoice PDF from the temporary location", async () => {
    const { client } = await teamleaderClient();
    const [dept] = await tl.departmentsList(client);
    const first = (await tl.invoicePages(client, { department_id: dept!.id, status: ["outstanding"] }).next())
      .value![0]!;
    const download = await tl.invoicesDownload(client, first.id);
    const pdf = await fetch(download.location);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 8))).toBe("%PDF-1.4");
  });

  it("maps errors to the shared vocabulary with Teamleader's title", async () => {
    const { client } = await teamleaderClient();
    await expect(tl.invoicesInfo(client, "no-such-id")).rejects.toMatchObject({
      code: "UPSTREAM_NOT_FOUND",
      source: "teamleader",
      message: expect.stringContaining("Invoice not found"),
    });
    await expect(client.action("invoices.list", { filter: { status: "outstanding" } })).rejects.toMatchObject({
      code: "UPSTREAM_REJECTED",
      message: expect.stringContaining("filter.status"),
    });
  });

  it("waits for the rate-limit reset after a 429 and then succeeds", async () => {
    const { client } = await teamleaderClient();
    await sandbox.fault({ method: "POST", path: "teamleader/departments.list", kind: "429" });
    const started = Date.now();
    const departments = await tl.departmentsList(client);
    expect(departments).toHaveLength(2);
    // The injected 429 says "reset in 1–2 s" (whole seconds); the client must not come back earlier.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await sandbox.calls())["teamleader departments.list"]).toBe(2);
  });

  it("hands a long wait back to the caller as RATE_LIMITED with the reset time", async () => {
    const { client } = await teamleaderClient({ maxWaitMs: 100 });
    await sandbox.fault({ method: "POST", path: "teamleader/departments.list", kind: "429" });
    const error = await tl.departmentsList(client).catch((e) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryable: true });
    expect(error.retryAt).toBeGreaterThan(Date.now());
  });

  it("registers, lists and unregisters webhooks", async () => {
    const { client } = await teamleaderClient();
    const url = "https://connector.example/webhooks/teamleader/abc";
    await tl.webhooksRegister(client, url, ["invoice.booked", "creditNote.booked"]);
    expect(await tl.webhooksList(client)).toEqual([{ url, types: ["invoice.booked", "creditNote.booked"] }]);
    await tl.webhooksUnregister(client, url, ["invoice.booked", "creditNote.booked"]);
    expect(await tl.webhooksList(client)).toEqual([]);
    await expect(tl.webhooksRegister(client, url, ["invoice.paid"])).rejects.toMatchObject({
      code: "UPSTREAM_REJECTED",
    });
  });

  it("registers a payment on an invoice", async () => {
    const { client } = await teamleaderClient();
    const [dept] = await tl.departmentsList(client);
    const open = (await tl.invoicePages(client, { department_id: dept!.id, status: ["outstanding"] }).next())
      .value![0]!;
    const invoice = await tl.invoicesInfo(client, open.id);
    await tl.invoicesRegisterPayment(client, open.id, {
      amount: invoice.total.due.amount,
      currency: invoice.currency,
      paidAt: "2026-11-20T10:00:00+00:00",
    });
    const after = await tl.invoicesInfo(client, open.id);
    expect(after.status).toBe("matched");
    expect(after.total.due.amount).toBe(0);
  });
});

async function sandboxCreditNoteIds(): Promise<string[]> {
  return (await sandbox.state("tl.documents")).filter((d) => d.kind === "creditNote").map((d) => d.id);
}

describe("Teamleader customers and reference data", () => {
  beforeEach(() => sandbox.reset());

  it("reads companies (with apostrophes and accents) and contacts as customers", async () => {
    const { client } = await teamleaderClient();
    const companies = await sandbox.state("tl.companies");
    const hoekje = companies.find((c) => c.name === "Brouwerij 't Hoekje BV")!;
    const company = await tl.companiesInfo(client, hoekje.id);
    expect(company).toMatchObject({
      name: "Brouwerij 't Hoekje BV",
      vat_number: "NL810433941B01",
      national_identification_number: "30123456",
    });
    expect(company.addresses[0]?.address).toMatchObject({ city: "Utrecht", country: "NL" });

    const contactRow = (await sandbox.state("tl.contacts")).find((c) => c.last_name === "O'Neill")!;
    const contact = await tl.contactsInfo(client, contactRow.id);
    expect(contact).toMatchObject({ first_name: "Siobhán", last_name: "O'Neill" });
    await expect(tl.companiesInfo(client, contactRow.id)).rejects.toMatchObject({ code: "UPSTREAM_NOT_FOUND" });
  });
});
