import { round2 } from "../ids";
import type { TlDocument, TlTaxRate } from "../model";
import type { SandboxData } from "../state";

/**
 * Derives Teamleader's line and document totals from the stored lines, with arithmetic that adds up to
 * the cent: line totals are rounded per line; the invoice discount applies per VAT rate on the taxable
 * base; VAT is computed per rate on that base (Teamleader groups `taxes` by rate only). A VAT-inclusive
 * price keeps its inclusive amount: per rate, the inclusive sum is split into taxable base and VAT
 * (an assumption, docs/sandbox.md).
 */
export function computeTotals(doc: TlDocument, taxRate: (id: string) => TlTaxRate) {
  const money = (amount: number) => ({ amount: round2(amount), currency: doc.currency });
  const invoiceFactor = 1 - (doc.discount_pct ?? 0) / 100;
  const byRate = new Map<number, { excl: number; incl: number }>();

  const lineItems = doc.lines.map((line) => {
    const rate = taxRate(line.tax_rate_id).rate;
    const including = line.unit_price_tax === "including";
    const before = round2(line.quantity * line.unit_price);
    const amount = round2(before * (1 - (line.discount_pct ?? 0) / 100));
    const excl = including ? round2(amount / (1 + rate)) : amount;
    const incl = including ? amount : round2(amount * (1 + rate));
    const sums = byRate.get(rate) ?? { excl: 0, incl: 0 };
    if (including) sums.incl = round2(sums.incl + amount);
    else sums.excl = round2(sums.excl + amount);
    byRate.set(rate, sums);
    return {
      product: null,
      quantity: line.quantity,
      description: line.description,
      extended_description: null,
      unit: null,
      unit_price: { amount: line.unit_price, tax: line.unit_price_tax ?? "excluding" },
      tax: { type: "taxRate", id: line.tax_rate_id },
      discount: line.discount_pct ? { value: line.discount_pct, type: "percentage" as const } : null,
      total: {
        tax_exclusive: money(excl),
        tax_exclusive_before_discount: money(including ? before / (1 + rate) : before),
        tax_inclusive: money(incl),
        tax_inclusive_before_discount: money(including ? before : before * (1 + rate)),
      },
      product_category: line.product_category_id ? { type: "productCategory", id: line.product_category_id } : null,
      withheld_tax: null,
    };
  });

  const taxes = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, sums]) => {
      const exclTaxable = round2(sums.excl * invoiceFactor);
      const inclGross = round2(sums.incl * invoiceFactor);
      const inclTaxable = round2(inclGross / (1 + rate));
      const taxable = round2(exclTaxable + inclTaxable);
      const tax = round2(round2(exclTaxable * rate) + (inclGross - inclTaxable));
      return { rate, taxable: money(taxable), tax: money(tax) };
    });
  const exclusiveBefore = round2(lineItems.reduce((sum, l) => sum + l.total.tax_exclusive.amount, 0));
  const inclusiveBefore = round2(lineItems.reduce((sum, l) => sum + l.total.tax_inclusive.amount, 0));
  const exclusive = round2(taxes.reduce((sum, t) => sum + t.taxable.amount, 0));
  const vat = round2(taxes.reduce((sum, t) => sum + t.tax.amount, 0));
  const inclusive = round2(exclusive + vat);
  const paid = round2(doc.payments.reduce((sum, p) => sum + p.payment.amount, 0));

  return {
    lineItems,
    total: {
      tax_exclusive: money(exclusive),
      tax_exclusive_before_discount: money(exclusiveBefore),
      tax_inclusive: money(inclusive),
      tax_inclusive_before_discount: money(inclusiveBefore),
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
/** From the document's (foreign) currency to the department's own: SPEC example `{from: USD, to: EUR}`. */
const exchangeRate = (data: SandboxData, doc: TlDocument) => ({
  from: doc.currency,
  to: data.tl.departments.get(doc.department_id)?.currency ?? "EUR",
  rate: doc.exchange_rate,
});

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
    currency_exchange_rate: exchangeRate(data, doc),
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

/** invoices.list item: the list's own fields (SPEC `invoices.list`), with `web_url`, without info-only ones. */
export function invoiceListItem(data: SandboxData, doc: TlDocument) {
  const info = invoiceInfo(data, doc);
  const { tax_exclusive, tax_inclusive, payable, taxes, due } = info.total;
  const { email, national_identification_number, ...invoicee } = info.invoicee;
  return {
    id: info.id,
    department: info.department,
    invoice_number: info.invoice_number,
    invoice_date: info.invoice_date,
    status: info.status,
    due_on: info.due_on,
    paid: info.paid,
    paid_at: info.paid_at,
    sent: info.sent,
    purchase_order_number: info.purchase_order_number,
    payment_reference: info.payment_reference,
    invoicee,
    total: { tax_exclusive, tax_inclusive, payable, taxes, due },
    currency_exchange_rate: info.currency_exchange_rate,
    created_at: info.created_at,
    updated_at: info.updated_at,
    // The SPEC example's address; the sandbox has no web app, so the link leads nowhere.
    web_url: `https://focus.teamleader.eu/invoice_detail.php?id=${doc.id}`,
    file: info.file,
    deal: info.deal,
    project: info.project,
    delivery_date: info.delivery_date,
  };
}

/** creditNotes.info `data` (amounts positive, like Teamleader's examples). */
export function creditNoteInfo(data: SandboxData, doc: TlDocument) {
  const { lineItems, total } = computeTotals(doc, taxRateLookup(data));
  // creditNotes.info totals have only these four (SPEC); lines have no `withheld_tax`, the invoicee no
  // `for_attention_of`.
  const { tax_exclusive, tax_inclusive, payable, taxes } = total;
  const { for_attention_of, ...creditInvoicee } = invoicee(data, doc);
  return {
    id: doc.id,
    department: department(doc),
    credit_note_number: doc.number,
    credit_note_date: doc.date,
    status: "booked",
    invoice: doc.invoice_id ? { type: "invoice", id: doc.invoice_id } : null,
    paid: false,
    paid_at: null,
    invoicee: creditInvoicee,
    discounts: doc.discount_pct ? [{ type: "percentage", value: doc.discount_pct, description: "Korting" }] : [],
    total: { tax_exclusive, tax_inclusive, payable, taxes },
    grouped_lines: [{ section: { title: "" }, line_items: lineItems.map(({ withheld_tax, ...line }) => line) }],
    currency: doc.currency,
    currency_exchange_rate: exchangeRate(data, doc),
    document_template: { type: "documentTemplate", id: "dt-default" },
    peppol_status: null,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}

/** creditNotes.list item (SPEC `creditNotes.list`): no lines, currency or template; invoicee without contact details. */
export function creditNoteListItem(data: SandboxData, doc: TlDocument) {
  const {
    grouped_lines,
    discounts,
    currency,
    currency_exchange_rate,
    document_template,
    peppol_status,
    invoicee: { email, national_identification_number, ...invoicee },
    ...rest
  } = creditNoteInfo(data, doc);
  return { ...rest, invoicee };
}
