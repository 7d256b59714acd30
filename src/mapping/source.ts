import type { CreditNote, Invoice } from "../teamleader/schemas";

/** A Teamleader invoice or credit note reduced to what booking needs; amounts as Teamleader gives them (positive). */
export interface SourceDocument {
  kind: "invoice" | "creditNote";
  id: string;
  number: string;
  date: string;
  dueDate: string | null;
  departmentId: string;
  currency: string;
  /** Teamleader's `currency_exchange_rate`: 1 `from` = `rate` `to` (docs/sandbox.md, "Exchange rates"). */
  exchangeRate: { from: string; to: string; rate: number } | null;
  paymentReference: string | null;
  purchaseOrder: string | null;
  customer: { type: "company" | "contact"; id: string; name: string };
  creditedInvoiceId: string | null;
  lines: {
    description: string;
    quantity: number;
    taxRateId: string;
    categoryId: string | null;
    amountExcl: number;
    amountIncl: number;
  }[];
  taxes: { rate: number; taxable: number; tax: number }[];
  totalExcl: number;
  totalIncl: number;
  updatedAt: string;
}

export function fromInvoice(invoice: Invoice): SourceDocument {
  return {
    ...common(invoice),
    kind: "invoice",
    number: invoice.invoice_number ?? "",
    date: invoice.invoice_date ?? "",
    dueDate: invoice.due_on,
    paymentReference: invoice.payment_reference,
    purchaseOrder: invoice.purchase_order_number,
    creditedInvoiceId: null,
  };
}

export function fromCreditNote(note: CreditNote): SourceDocument {
  return {
    ...common(note),
    kind: "creditNote",
    number: note.credit_note_number ?? "",
    date: note.credit_note_date ?? "",
    dueDate: null,
    paymentReference: null,
    purchaseOrder: null,
    creditedInvoiceId: note.invoice?.id ?? null,
  };
}

function common(doc: Invoice | CreditNote) {
  return {
    id: doc.id,
    departmentId: doc.department.id,
    currency: doc.currency,
    exchangeRate: doc.currency_exchange_rate,
    customer: {
      type: doc.invoicee.customer.type as "company" | "contact",
      id: doc.invoicee.customer.id,
      name: doc.invoicee.name,
    },
    lines: doc.grouped_lines.flatMap((group) =>
      group.line_items.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        taxRateId: line.tax.id,
        categoryId: line.product_category?.id ?? null,
        amountExcl: line.total.tax_exclusive.amount,
        amountIncl: line.total.tax_inclusive.amount,
      })),
    ),
    taxes: doc.total.taxes.map((t) => ({ rate: t.rate, taxable: t.taxable.amount, tax: t.tax.amount })),
    totalExcl: doc.total.tax_exclusive.amount,
    totalIncl: doc.total.tax_inclusive.amount,
    updatedAt: doc.updated_at,
  };
}
