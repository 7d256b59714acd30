import { beforeAll, describe, expect, it } from "vitest";
import { teamleaderTokens } from "../helpers/clients";
import { SANDBOX, sandbox } from "../helpers/sandbox";

const cents = (n: number) => Math.round(n * 100);

type Money = { amount: number; currency: string };
/** The parts of invoices.info these checks read. */
interface RawInvoice {
  department: { id: string };
  invoice_date: string;
  status: string;
  paid: boolean;
  invoicee: { customer: { type: string } };
  discounts: unknown[];
  grouped_lines: { line_items: { discount: unknown; total: { tax_exclusive: Money } }[] }[];
  total: { tax_exclusive: Money; tax_inclusive: Money; taxes: { rate: number; taxable: Money; tax: Money }[] };
  currency: string;
  currency_exchange_rate: { from: string; to: string; rate: number };
}

describe("sandbox demo data", () => {
  // invoices.info as the sandbox answers it (raw: the client reads only what booking needs).
  let invoices: RawInvoice[] = [];
  let documents: any[] = [];

  beforeAll(async () => {
    await sandbox.reset("demo", false);
    documents = await sandbox.state("tl.documents");
    const { accessToken } = await teamleaderTokens();
    const info = async (id: string) => {
      const response = await fetch(`${SANDBOX}/teamleader/api/invoices.info`, {
        method: "POST",
        headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
        body: JSON.stringify({ id }),
      });
      return ((await response.json()) as { data: RawInvoice }).data;
    };
    invoices = await Promise.all(
      documents.filter((d) => d.kind === "invoice" && d.status !== "draft").map((d) => info(d.id)),
    );
  });

  it("has 60 booked invoices over 14 months, 6 credit notes and 3 drafts, in two departments", () => {
    expect(invoices).toHaveLength(60);
    expect(documents.filter((d) => d.kind === "creditNote")).toHaveLength(6);
    expect(documents.filter((d) => d.status === "draft")).toHaveLength(3);
    expect(new Set(invoices.map((i) => i.department.id)).size).toBe(2);
    const months = new Set(invoices.map((i) => i.invoice_date!.slice(0, 7)));
    expect(months.size).toBe(14);
  });

  it("adds up to the cent: lines → taxable per rate → VAT → totals", () => {
    for (const invoice of invoices) {
      const lines = invoice.grouped_lines.flatMap((g) => g.line_items);
      const sumLines = lines.reduce((s, l) => s + cents(l.total.tax_exclusive.amount), 0);
      if (!invoice.discounts.length) expect(cents(invoice.total.tax_exclusive.amount)).toBe(sumLines);
      const taxable = invoice.total.taxes.reduce((s, t) => s + cents(t.taxable.amount), 0);
      const vat = invoice.total.taxes.reduce((s, t) => s + cents(t.tax.amount), 0);
      expect(cents(invoice.total.tax_exclusive.amount)).toBe(taxable);
      expect(cents(invoice.total.tax_inclusive.amount)).toBe(taxable + vat);
      for (const t of invoice.total.taxes)
        expect(cents(t.tax.amount)).toBe(Math.round(cents(t.taxable.amount) * t.rate));
    }
  });

  it("covers discounts, several VAT rates, the 0% regimes and a foreign currency", () => {
    expect(invoices.some((i) => i.discounts.length > 0)).toBe(true);
    expect(invoices.some((i) => i.grouped_lines.flatMap((g) => g.line_items).some((l) => l.discount))).toBe(true);
    expect(invoices.some((i) => i.total.taxes.length > 1)).toBe(true);
    expect(invoices.some((i) => i.total.taxes.some((t) => t.rate === 0))).toBe(true);
    const usd = invoices.filter((i) => i.currency === "USD");
    expect(usd.length).toBeGreaterThan(0);
    // From the foreign currency to the department's own (docs/sandbox.md, "Exchange rates").
    expect(usd[0]!.currency_exchange_rate).toEqual({ from: "USD", to: "EUR", rate: 0.9223 });
    expect(invoices.some((i) => i.status === "matched" && i.paid)).toBe(true);
    expect(invoices.some((i) => i.invoicee.customer.type === "contact")).toBe(true);
  });
});
