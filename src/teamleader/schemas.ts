import { z } from "zod";

/** Raw Teamleader Focus API shapes (https://developer.focus.teamleader.eu/docs/api). Unknown keys are dropped. */

export const Ref = z.object({ type: z.string(), id: z.string() });
export const Money = z.object({ amount: z.number(), currency: z.string() });
const nullish = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

export const UserMe = z.object({
  id: z.string(),
  account: Ref,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string(),
  language: z.string().nullish(),
});

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  vat_number: nullish(z.string()),
  currency: z.string().optional(),
  status: z.enum(["active", "archived"]).optional(),
});

/**
 * Documents as booking reads them. Each schema requires only the fields the connector uses, so a field it
 * never reads (or a value the spec adds later) cannot stop a document from loading; unknown keys are dropped.
 */
const Invoicee = z.object({
  name: z.string(),
  vat_number: nullish(z.string()),
  customer: Ref,
  email: nullish(z.string()),
  national_identification_number: nullish(z.string()),
});

/**
 * A line as booking uses it: Teamleader's own line totals, so a VAT-inclusive price (`unit_price.tax:
 * "including"`, docs/sandbox.md) is booked from the amounts Teamleader computed, not recomputed here.
 */
export const LineItem = z.object({
  quantity: z.number(),
  description: z.string(),
  tax: Ref,
  total: z.object({ tax_exclusive: Money, tax_inclusive: Money }),
  product_category: nullish(Ref),
});

const GroupedLines = z.array(z.object({ line_items: z.array(LineItem) }));
const TaxTotal = z.object({ rate: z.number(), taxable: Money, tax: Money });
const ExchangeRate = z.object({ from: z.string(), to: z.string(), rate: z.number() });

/** The totals booking checks against: creditNotes.info has no `*_before_discount`, only invoices have `due`. */
const DocumentTotals = z.object({ tax_exclusive: Money, tax_inclusive: Money, taxes: z.array(TaxTotal) });

/** A list item tells which document changed when; everything else is read with `.info`. */
export const InvoiceListItem = z.object({
  id: z.string(),
  invoice_number: nullish(z.string()),
  invoice_date: nullish(z.string()),
  updated_at: z.string(),
});

export const Invoice = z.object({
  id: z.string(),
  department: Ref,
  invoice_number: nullish(z.string()),
  invoice_date: nullish(z.string()),
  status: z.enum(["draft", "outstanding", "matched"]),
  due_on: nullish(z.string()),
  paid: z.boolean(),
  purchase_order_number: nullish(z.string()),
  payment_reference: nullish(z.string()),
  invoicee: Invoicee,
  grouped_lines: GroupedLines,
  total: DocumentTotals.extend({ due: Money }),
  currency: z.string(),
  // Only a document in another currency than the division's needs it.
  currency_exchange_rate: nullish(ExchangeRate),
  updated_at: z.string(),
});

export const CreditNoteListItem = z.object({
  id: z.string(),
  credit_note_number: nullish(z.string()),
  credit_note_date: nullish(z.string()),
  updated_at: z.string(),
});

export const CreditNote = z.object({
  id: z.string(),
  department: Ref,
  credit_note_number: nullish(z.string()),
  credit_note_date: nullish(z.string()),
  invoice: nullish(Ref),
  invoicee: Invoicee,
  grouped_lines: GroupedLines,
  total: DocumentTotals,
  currency: z.string(),
  // Only a document in another currency than the division's needs it.
  currency_exchange_rate: nullish(ExchangeRate),
  updated_at: z.string(),
});

/** creditNotes.info is documented with `data` as an array; accept an object or a one-element array. */
export const CreditNoteInfo = z
  .union([CreditNote, z.tuple([CreditNote])])
  .transform((v) => (Array.isArray(v) ? v[0] : v));

export const Download = z.object({ location: z.url(), expires: z.string() });

const Address = z.object({
  line_1: nullish(z.string()),
  postal_code: nullish(z.string()),
  city: nullish(z.string()),
  country: nullish(z.string()),
});
const AddressEntry = z.object({ type: z.string(), address: Address });
const Email = z.object({ type: z.string(), email: z.string() });
const Telephone = z.object({ type: z.string(), number: z.string() });

export const Company = z.object({
  id: z.string(),
  name: z.string(),
  vat_number: nullish(z.string()),
  national_identification_number: nullish(z.string()),
  emails: z.array(Email).default([]),
  telephones: z.array(Telephone).default([]),
  addresses: z.array(AddressEntry).default([]),
  language: nullish(z.string()),
  website: nullish(z.string()),
});

export const Contact = z.object({
  id: z.string(),
  first_name: nullish(z.string()),
  last_name: z.string(),
  vat_number: nullish(z.string()),
  national_identification_number: nullish(z.string()),
  emails: z.array(Email).default([]),
  telephones: z.array(Telephone).default([]),
  addresses: z.array(AddressEntry).default([]),
  language: nullish(z.string()),
});

export const TaxRate = z.object({ id: z.string(), description: z.string(), rate: z.number(), department: Ref });

export const ProductCategory = z.object({
  id: z.string(),
  name: z.string(),
  ledgers: z.array(z.object({ department: Ref, ledger_account_number: z.string() })).default([]),
});

export const Webhook = z.object({ url: z.string(), types: z.array(z.string()) });

export type Invoice = z.infer<typeof Invoice>;
export type CreditNote = z.infer<typeof CreditNote>;
export type InvoiceListItem = z.infer<typeof InvoiceListItem>;
export type CreditNoteListItem = z.infer<typeof CreditNoteListItem>;
export type Company = z.infer<typeof Company>;
export type Contact = z.infer<typeof Contact>;
export type TaxRate = z.infer<typeof TaxRate>;
export type ProductCategory = z.infer<typeof ProductCategory>;
