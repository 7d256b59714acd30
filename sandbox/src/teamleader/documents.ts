import { round2 } from "../ids";
import type { TlDocument, TlTaxRate } from "../model";
import type { SandboxData } from "../state";

/**
 * Derives Teamleader's line and document totals from the stored lines, with arithmetic that adds up to
 * the cent: line totals are rounded per line; the invoice discount applies per VAT rate on the taxable
 * base; VAT is computed per rate on that base (Teamleader groups `taxes` by rate only).
 */
export function computeTotals(doc: TlDocument, taxRate: (id: string) => TlTaxRate) {
  const money = (amount: number) => ({ amount: round2(amount), currency: doc.currency });
  const invoiceFactor = 1 - (doc.discount_pct ?? 0) / 100;
  const byRate = new Map<number, number>();

  const lineItems = doc.lines.map((line) => {
    const rate = taxRate(line.tax_rate_id).rate;
    const before = round2(line.quantity * line.unit_price);
    const excl = round2(before * (1 - (line.discount_pct ?? 0) / 100));
    byRate.set(rate, round2((byRate.get(rate) ?? 0) + excl));
    return {
      product: null,
      quantity: line.quantity,
      description: line.description,
      extended_description: null,
      unit: null,
      unit_price: { amount: line.unit_price, tax: "excluding" as const },
      tax: { type: "taxRate", id: line.tax_rate_id },
      discount: line.discount_pct ? { value: line.discount_pct, type: "percentage" as const } : null,
      total: {
        tax_exclusive: money(excl),
        tax_exclusive_before_discount: money(before),
        tax_inclusive: money(excl * (1 + rate)),
        tax_inclusive_before_discount: money(before * (1 + rate)),
      },
      product_category: line.product_category_id ? { type: "productCategory", id: line.product_category_id } : null,
      withheld_tax: null,
    };
  });

  const taxes = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, base]) => {
      const taxable = round2(base * invoiceFactor);
      return { rate, taxable: money(taxable), tax: money(taxable * rate) };
    });
  const beforeDiscount = round2([...byRate.values()].reduce((sum, v) => sum + v, 0));
  const exclusive = round2(taxes.reduce((sum, t) => sum + t.taxable.amount, 0));
  const vat = round2(taxes.reduce((sum, t) => sum + t.tax.amount, 0));
  const beforeDiscountVat = round2([...byRate.entries()].reduce((sum, [rate, base]) => sum + round2(base * rate), 0));
  const inclusive = round2(exclusive + vat);
  const paid = round2(doc.payments.reduce((sum, p) => sum + p.payment.amount, 0));

  return {
    lineItems,
    total: {
      tax_exclusive: money(exclusive),
      tax_exclusive_before_discount: money(beforeDiscount),
      tax_inclusive: money(inclusive),
      tax_inclusive_before_discount: money(beforeDiscount + beforeDiscountVat),
      taxes,
      withheld_taxes: [],
      payable: money(inclusive),
      due: money(Math.max(0, inclusive - paid)),
    },
  };
}

export function taxRateLookup(data: SandboxData) {
  return (id: string) => {
    const rate = data.tl.taxRates.get(id);
    if (!rate) throw new Error(`sandbox data error: unknown tax rate ${id}`);
    return rate;
  };
}

function invoicee(data: SandboxData, doc: TlDocument) {
  const company = doc.customer.type === "company" ? data.tl.companies.get(doc.customer.id) : undefined;
  const contact = doc.customer.type === "contact" ? data.tl.contacts.get(doc.customer.id) : undefined;
  const name = company?.name ?? (contact ? `${contact.first_name} ${contact.last_name}` : "Unknown");
  const email =
    (company ?? contact)?.emails.find((e) => e.type === "invoicing")?.email ??
    (company ?? contact)?.emails[0]?.email ??
    null;
  return {
    name,
    vat_number: (company ?? contact)?.vat_number ?? null,
    customer: doc.customer,
    for_attention_of: null,
    email,
    national_identification_number: (company ?? contact)?.national_identification_number ?? null,
  };
}

const department = (doc: TlDocument) => ({ type: "department", id: doc.department_id });
const exchangeRate = (doc: TlDocument) => ({ from: "EUR", to: doc.currency, rate: doc.exchange_rate });

/** invoices.info `data`. */
export function invoiceInfo(data: SandboxData, doc: TlDocument) {
  const { lineItems, total } = computeTotals(doc, taxRateLookup(data));
  return {
    id: doc.id,
    department: department(doc),
    invoice_number: doc.number,
    invoice_date: doc.date,
    status: doc.status,
    due_on: doc.due_on,
    paid: doc.status === "matched",
    paid_at: doc.status === "matched" ? (doc.payments.at(-1)?.paid_at ?? null) : null,
    sent: doc.status !== "draft",
    purchase_order_number: doc.purchase_order_number,
    payment_reference: doc.payment_reference,
    invoicee: invoicee(data, doc),
    discounts: doc.discount_pct ? [{ type: "percentage", value: doc.discount_pct, description: "Korting" }] : [],
    grouped_lines: [{ section: { title: "" }, line_items: lineItems }],
    total,
    payment_term: { type: "after_invoice_date", days: 30 },
    payments: doc.payments,
    note: null,
    currency: doc.currency,
    currency_exchange_rate: exchangeRate(doc),
    expected_payment_method: { method: "bank_transfer" },
    file: doc.status === "draft" ? null : { type: "file", id: `file-${doc.id}` },
    deal: null,
    project: null,
    on_hold_since: null,
    custom_fields: [],
    created_at: doc.created_at,
    updated_at: doc.updated_at,
    document_template: { type: "documentTemplate", id: "dt-default" },
    delivery_date: null,
    peppol_status: null,
  };
}

/** invoices.list item. */
export function invoiceListItem(data: SandboxData, doc: TlDocument) {
  const info = invoiceInfo(data, doc);
  const { grouped_lines, discounts, payments, note, ...rest } = info;
  const { tax_exclusive, tax_inclusive, payable, taxes, due } = info.total;
  return { ...rest, total: { tax_exclusive, tax_inclusive, payable, taxes, due } };
}

/** creditNotes.info `data` (amounts positive, like Teamleader's examples). */
export function creditNoteInfo(data: SandboxData, doc: TlDocument) {
  const { lineItems, total } = computeTotals(doc, taxRateLookup(data));
  const { due, withheld_taxes, ...creditTotal } = total;
  return {
    id: doc.id,
    department: department(doc),
    credit_note_number: doc.number,
    credit_note_date: doc.date,
    status: "booked",
    invoice: doc.invoice_id ? { type: "invoice", id: doc.invoice_id } : null,
    paid: false,
    paid_at: null,
    invoicee: invoicee(data, doc),
    discounts: doc.discount_pct ? [{ type: "percentage", value: doc.discount_pct, description: "Korting" }] : [],
    grouped_lines: [{ section: { title: "" }, line_items: lineItems }],
    total: creditTotal,
    currency: doc.currency,
    currency_exchange_rate: exchangeRate(doc),
    document_template: { type: "documentTemplate", id: "dt-default" },
    peppol_status: null,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}

export function creditNoteListItem(data: SandboxData, doc: TlDocument) {
  const { grouped_lines, discounts, currency_exchange_rate, document_template, peppol_status, ...rest } =
    creditNoteInfo(data, doc);
  const { tax_exclusive, tax_inclusive, payable, taxes } = rest.total;
  return { ...rest, total: { tax_exclusive, tax_inclusive, payable, taxes } };
}
