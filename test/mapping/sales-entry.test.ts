import { describe, expect, it } from "vitest";
import { allocateCents } from "../../src/mapping/allocate";
import { buildSalesEntry, type MappingContext } from "../../src/mapping/sales-entry";
import type { SourceDocument } from "../../src/mapping/source";

const context = (overrides: Partial<MappingContext> = {}): MappingContext => ({
  journal: "70",
  journalCurrency: { code: "70", currency: "EUR", allowVariableCurrency: false },
  divisionCurrency: "EUR",
  customerAccountId: "cust-1",
  taxRates: new Map([
    ["t21", { rate: 0.21, description: "21%" }],
    ["t9", { rate: 0.09, description: "9%" }],
    ["t0-rc", { rate: 0, description: "0% btw verlegd" }],
    ["t0-eu", { rate: 0, description: "0% intracommunautair" }],
  ]),
  vatCodes: new Map([
    ["t21", "1"],
    ["t9", "2"],
    ["t0-rc", "3"],
    ["t0-eu", "4"],
  ]),
  categoryLedgers: new Map([
    ["design", { ledger: "8100", name: "Ontwerp" }],
    ["licence", { ledger: "8300", name: "Licenties" }],
  ]),
  glAccounts: new Map([
    ["8100", "gl-8100"],
    ["8300", "gl-8300"],
  ]),
  defaultGlAccountId: "gl-8000",
  descriptionTemplate: "{number} {customer}",
  ...overrides,
});

type LineInput = Omit<SourceDocument["lines"][number], "amountIncl"> & { amountIncl?: number };
const RATES: Record<string, number> = { t21: 0.21, t9: 0.09 };

/** A document; a line without `amountIncl` gets Teamleader's per-line inclusive total (exclusive × (1 + rate)). */
const doc = ({
  lines = [],
  ...overrides
}: Omit<Partial<SourceDocument>, "lines"> & { lines?: LineInput[] }): SourceDocument => ({
  kind: "invoice",
  id: "i1",
  number: "2026 / 7",
  date: "2026-03-02",
  dueDate: "2026-04-01",
  departmentId: "d",
  currency: "EUR",
  exchangeRate: { from: "EUR", to: "EUR", rate: 1 },
  paymentReference: null,
  purchaseOrder: null,
  customer: { type: "company", id: "c", name: "Brouwerij 't Hoekje BV" },
  creditedInvoiceId: null,
  lines: lines.map((l) => ({
    ...l,
    amountIncl: l.amountIncl ?? Math.round(l.amountExcl * (1 + (RATES[l.taxRateId] ?? 0)) * 100) / 100,
  })),
  taxes: [],
  totalExcl: 0,
  totalIncl: 0,
  updatedAt: "2026-03-02T10:00:00+00:00",
  ...overrides,
});

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

describe("two Teamleader tax rates with one percentage", () => {
  it("books the lines of both against their summed taxable amount", () => {
    const result = buildSalesEntry(
      doc({
        lines: [
          { description: "Verlegd", quantity: 1, taxRateId: "t0-rc", categoryId: null, amountExcl: 100 },
          { description: "ICL", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 250 },
        ],
        taxes: [
          { rate: 0, taxable: 100, tax: 0 },
          { rate: 0, taxable: 250, tax: 0 },
        ],
        totalExcl: 350,
        totalIncl: 350,
      }),
      context(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entry.SalesEntryLines.map((l) => l.AmountFC)).toEqual([100, 250]);
    expect(result.totals).toEqual({ excl: 350, vat: 0, incl: 350 });
  });
});

describe("allocateCents", () => {
  it("splits exactly, favouring the largest remainders", () => {
    expect(allocateCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateCents(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateCents(5, [0, 0])).toEqual([3, 2]);
    expect(allocateCents(0, [10, -10])).toEqual([0, 0]);
  });
});

describe("buildSalesEntry", () => {
  it("books each line with its VAT code and GL account, VAT per line adding up to Teamleader's per rate", () => {
    // Three 21% lines whose VAT rounds differently per line (3 × 0.21 × 33.33 = 20.9979) than per rate (21.00).
    const result = buildSalesEntry(
      doc({
        lines: [
          { description: "A", quantity: 1, taxRateId: "t21", categoryId: "design", amountExcl: 33.33 },
          { description: "B", quantity: 1, taxRateId: "t21", categoryId: null, amountExcl: 33.33 },
          { description: "C", quantity: 1, taxRateId: "t21", categoryId: "licence", amountExcl: 33.34 },
          { description: "Boek", quantity: 2, taxRateId: "t9", categoryId: null, amountExcl: 49.9 },
        ],
        taxes: [
          { rate: 0.21, taxable: 100, tax: 21 },
          { rate: 0.09, taxable: 49.9, tax: 4.49 },
        ],
        totalExcl: 149.9,
        totalIncl: 175.39,
      }),
      context(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.entry.SalesEntryLines;
    expect(lines.map((l) => [l.GLAccount, l.VATCode])).toEqual([
      ["gl-8100", "1"],
      ["gl-8000", "1"],
      ["gl-8300", "1"],
      ["gl-8000", "2"],
    ]);
    expect(sum(lines.filter((l) => l.VATCode === "1").map((l) => l.VATAmountFC!))).toBe(21);
    expect(sum(lines.filter((l) => l.VATCode === "2").map((l) => l.VATAmountFC!))).toBe(4.49);
    expect(sum(lines.map((l) => l.AmountFC + l.VATAmountFC!))).toBe(175.39);
    expect(result.totals).toEqual({ excl: 149.9, vat: 25.49, incl: 175.39 });
    expect(result.entry).toMatchObject({
      Journal: "70",
      Customer: "cust-1",
      EntryDate: "2026-03-02",
      DueDate: "2026-04-01",
      YourRef: "2026 / 7",
      Description: "2026 / 7 Brouwerij 't Hoekje BV",
    });
  });

  it("spreads an invoice discount over the lines so the taxable base per rate is Teamleader's", () => {
    // 10% invoice discount on 3 × 10.01 = 30.03 → taxable 27.03 (Teamleader rounds per rate).
    const result = buildSalesEntry(
      doc({
        lines: [1, 2, 3].map((n) => ({
          description: `L${n}`,
          quantity: 1,
          taxRateId: "t21",
          categoryId: null,
          amountExcl: 10.01,
        })),
        taxes: [{ rate: 0.21, taxable: 27.03, tax: 5.68 }],
        totalExcl: 27.03,
        totalIncl: 32.71,
      }),
      context(),
    );
    if (!result.ok) throw new Error("expected ok");
    expect(result.entry.SalesEntryLines.map((l) => l.AmountFC)).toEqual([9.01, 9.01, 9.01]);
    expect(sum(result.entry.SalesEntryLines.map((l) => l.VATAmountFC!))).toBe(5.68);
  });

  it("keeps two 0% regimes apart by tax-rate id (reverse charge vs intra-EU)", () => {
    const result = buildSalesEntry(
      doc({
        lines: [
          { description: "Montage", quantity: 1, taxRateId: "t0-rc", categoryId: null, amountExcl: 500 },
          { description: "Levering", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 250 },
        ],
        taxes: [{ rate: 0, taxable: 750, tax: 0 }],
        totalExcl: 750,
        totalIncl: 750,
      }),
      context(),
    );
    if (!result.ok) throw new Error("expected ok");
    expect(result.entry.SalesEntryLines.map((l) => [l.VATCode, l.AmountFC, l.VATAmountFC])).toEqual([
      ["3", 500, 0],
      ["4", 250, 0],
    ]);
  });

  it("books a credit note with negative amounts and names the credited invoice", () => {
    const result = buildSalesEntry(
      doc({
        kind: "creditNote",
        number: "2026 / 2",
        dueDate: null,
        lines: [{ description: "Retour", quantity: 2, taxRateId: "t21", categoryId: null, amountExcl: 100 }],
        taxes: [{ rate: 0.21, taxable: 100, tax: 21 }],
        totalExcl: 100,
        totalIncl: 121,
      }),
      context({ creditedInvoiceNumber: "2026 / 7" }),
    );
    if (!result.ok) throw new Error("expected ok");
    expect(result.entry.SalesEntryLines).toEqual([
      { GLAccount: "gl-8000", AmountFC: -100, VATCode: "1", VATAmountFC: -21, Description: "Retour", Quantity: -2 },
    ]);
    expect(result.entry.Description).toBe("Creditnota 2026 / 2 (factuur 2026 / 7) Brouwerij 't Hoekje …");
    expect(result.entry).not.toHaveProperty("DueDate");
    expect(result.totals.incl).toBe(-121);
  });

  it("books VAT-inclusive credit-note lines to the cent, VAT from Teamleader's per-rate totals", () => {
    // 10 × €10.00 incl. 21% = €100.00: excl. 82.64 and VAT 17.36; VAT on the exclusive amount would give 17.35.
    const result = buildSalesEntry(
      doc({
        kind: "creditNote",
        number: "2026 / 3",
        lines: [
          {
            description: "Workshop tickets",
            quantity: 10,
            taxRateId: "t21",
            categoryId: null,
            amountExcl: 82.64,
            amountIncl: 100,
          },
          { description: "Lunch", quantity: 4, taxRateId: "t9", categoryId: null, amountExcl: 45.87, amountIncl: 50 },
        ],
        taxes: [
          { rate: 0.21, taxable: 82.64, tax: 17.36 },
          { rate: 0.09, taxable: 45.87, tax: 4.13 },
        ],
        totalExcl: 128.51,
        totalIncl: 150,
      }),
      context(),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.entry.SalesEntryLines.map((l) => [l.AmountFC, l.VATAmountFC])).toEqual([
      [-82.64, -17.36],
      [-45.87, -4.13],
    ]);
    expect(result.totals).toEqual({ excl: -128.51, vat: -21.49, incl: -150 });
  });

  it("books a foreign-currency document at Teamleader's rate from that currency to the division's", () => {
    const result = buildSalesEntry(
      doc({
        currency: "USD",
        exchangeRate: { from: "USD", to: "EUR", rate: 0.9223 },
        lines: [{ description: "Licence", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 1995 }],
        taxes: [{ rate: 0, taxable: 1995, tax: 0 }],
        totalExcl: 1995,
        totalIncl: 1995,
      }),
      context({ journalCurrency: { code: "70", currency: "EUR", allowVariableCurrency: true } }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.entry).toMatchObject({ Currency: "USD", Rate: 0.9223 });
    expect(result.entry.SalesEntryLines[0]!.AmountFC).toBe(1995);
    expect(result.division).toEqual({ currency: "EUR", rate: 0.9223, incl: 1839.99 });
  });

  it("takes a rate given from the division's currency to the document's as its inverse", () => {
    const result = buildSalesEntry(
      doc({
        currency: "USD",
        exchangeRate: { from: "EUR", to: "USD", rate: 1.0842 },
        lines: [{ description: "Licence", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 1995 }],
        taxes: [{ rate: 0, taxable: 1995, tax: 0 }],
        totalExcl: 1995,
        totalIncl: 1995,
      }),
      context({ journalCurrency: { code: "71", currency: "USD", allowVariableCurrency: false } }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.entry).toMatchObject({ Currency: "USD", Rate: 0.92233905 });
  });

  it("refuses a rate that does not convert the document's currency into the division's", () => {
    const result = buildSalesEntry(
      doc({
        currency: "USD",
        exchangeRate: { from: "USD", to: "GBP", rate: 0.79 },
        lines: [{ description: "Licence", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 100 }],
        taxes: [{ rate: 0, taxable: 100, tax: 0 }],
        totalExcl: 100,
        totalIncl: 100,
      }),
      context({ journalCurrency: { code: "70", currency: "EUR", allowVariableCurrency: true } }),
    );
    expect(result).toMatchObject({ ok: false, problems: [{ kind: "exchange_rate", subject: "USD" }] });
    if (result.ok) return;
    expect(result.problems[0]!.message).toContain("(USD → GBP, 0.79) does not convert this USD document into EUR");
  });

  it("refuses a foreign-currency document that comes without an exchange rate", () => {
    const result = buildSalesEntry(
      doc({
        currency: "USD",
        exchangeRate: null,
        lines: [{ description: "Licence", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 100 }],
        taxes: [{ rate: 0, taxable: 100, tax: 0 }],
        totalExcl: 100,
        totalIncl: 100,
      }),
      context({ journalCurrency: { code: "70", currency: "EUR", allowVariableCurrency: true } }),
    );
    expect(result).toMatchObject({ ok: false, problems: [{ kind: "exchange_rate", subject: "USD" }] });
  });

  it("refuses a foreign-currency document in a journal that takes only its own currency, saying what to change", () => {
    const result = buildSalesEntry(
      doc({
        currency: "USD",
        exchangeRate: { from: "USD", to: "EUR", rate: 0.9223 },
        lines: [{ description: "Licence", quantity: 1, taxRateId: "t0-eu", categoryId: null, amountExcl: 100 }],
        taxes: [{ rate: 0, taxable: 100, tax: 0 }],
        totalExcl: 100,
        totalIncl: 100,
      }),
      context(),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          kind: "journal_currency",
          subject: "USD",
          message:
            "Exact journal 70 takes only EUR, so this USD document cannot be booked in it. In Exact, allow variable currency on journal 70 (its journal settings), or choose a sales journal that does.",
        },
      ],
    });
  });

  it("books a zero-total invoice", () => {
    const result = buildSalesEntry(
      doc({
        lines: [{ description: "Gratis intake", quantity: 1, taxRateId: "t21", categoryId: null, amountExcl: 0 }],
        taxes: [{ rate: 0.21, taxable: 0, tax: 0 }],
        totalExcl: 0,
        totalIncl: 0,
      }),
      context(),
    );
    if (!result.ok) throw new Error("expected ok");
    expect(result.entry.SalesEntryLines[0]).toMatchObject({ AmountFC: 0, VATAmountFC: 0 });
  });

  it("lists every missing mapping once, naming the tax rate or ledger number and where to fix it", () => {
    const result = buildSalesEntry(
      doc({
        lines: [
          { description: "A", quantity: 1, taxRateId: "t0-rc", categoryId: "licence", amountExcl: 10 },
          { description: "B", quantity: 1, taxRateId: "t0-rc", categoryId: "licence", amountExcl: 10 },
        ],
        taxes: [{ rate: 0, taxable: 20, tax: 0 }],
        totalExcl: 20,
        totalIncl: 20,
      }),
      context({ vatCodes: new Map([["t21", "1"]]), glAccounts: new Map() }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          kind: "vat_code",
          subject: "t0-rc",
          message: 'Tax rate "0% btw verlegd" (0%) has no Exact VAT code. Choose one on the VAT mapping page.',
        },
        {
          kind: "gl_account",
          subject: "8300",
          message:
            'Ledger account 8300 (product category "Licenties") has no Exact GL account. Choose one on the ledger mapping page.',
        },
      ],
    });
  });

  it("refuses to book when Teamleader's own totals do not add up", () => {
    const result = buildSalesEntry(
      doc({
        lines: [{ description: "A", quantity: 1, taxRateId: "t21", categoryId: null, amountExcl: 100 }],
        taxes: [{ rate: 0.21, taxable: 100, tax: 21 }],
        totalExcl: 100,
        totalIncl: 121.01,
      }),
      context(),
    );
    expect(result).toMatchObject({ ok: false, problems: [{ kind: "totals" }] });
  });
});
