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

const Invoicee = z.object({
  name: z.string(),
  vat_number: nullish(z.string()),
  customer: Ref,
  for_attention_of: z.unknown().optional(),
  email: nullish(z.string()),
  national_identification_number: nullish(z.string()),
});

export const LineItem = z.object({
  product: nullish(Ref),
  quantity: z.number(),
  description: z.string(),
  extended_description: nullish(z.string()),
  // The published spec lists only "excluding"; Teamleader's own docs listed "including" until 2017 and
  // third-party clients still type it, so a VAT-inclusive price must load too (docs/sandbox.md).
  unit_price: z.object({ amount: z.number(), tax: z.enum(["excluding", "including"]) }),
  tax: Ref,
  discount: nullish(z.object({ value: z.number(), type: z.literal("percentage") })),
  total: z.object({ tax_exclusive: Money, tax_inclusive: Money }),
  product_category: nullish(Ref),
});

const GroupedLines = z.array(
  z.object({ section: z.object({ title: z.string().nullish() }).nullish(), line_items: z.array(LineItem) }),
);
const TaxTotal = z.object({ rate: z.number(), taxable: Money, tax: Money });
const ExchangeRate = z.object({ from: z.string(), to: z.string(), rate: z.number() });
const Discount = z.object({ type: z.literal("percentage"), value: z.number(), description: z.string().nullish() });

/**
 * The totals of an invoice's or credit note's `.info`, as far as booking uses them. creditNotes.info has only
 * these four (no `*_before_discount`); invoices add `due`.
 */
const DocumentTotals = z.object({
  tax_exclusive: Money,
  tax_inclusive: Money,
  payable: Money,
  taxes: z.array(TaxTotal),
});

export const InvoiceStatus = z.enum(["draft", "outstanding", "matched"]);

export const InvoiceListItem = z.object({
  id: z.string(),
  department: Ref,
  invoice_number: nullish(z.string()),
  invoice_date: nullish(z.string()),
  status: InvoiceStatus,
  due_on: nullish(z.string()),
  paid: z.boolean(),
  paid_at: nullish(z.string()),
  invoicee: Invoicee.pick({ name: true, vat_number: true, customer: true }),
  total: z.object({ tax_exclusive: Money, tax_inclusive: Money, payable: Money, due: Money.optional() }),
  updated_at: z.string(),
});

export const Invoice = InvoiceListItem.extend({
  purchase_order_number: nullish(z.string()),
  payment_reference: nullish(z.string()),
  invoicee: Invoicee,
  discounts: z.array(Discount),
  grouped_lines: GroupedLines,
  total: DocumentTotals.extend({ due: Money }),
  payments: z.array(z.object({ paid_at: z.string(), payment: Money })),
  currency: z.string(),
  currency_exchange_rate: ExchangeRate,
  created_at: z.string(),
});

export const CreditNoteListItem = z.object({
  id: z.string(),
  department: Ref,
  credit_note_number: nullish(z.string()),
  credit_note_date: nullish(z.string()),
  status: z.literal("booked"),
  invoice: nullish(Ref),
  invoicee: Invoicee.pick({ name: true, vat_number: true, customer: true }),
  total: z.object({ tax_exclusive: Money, tax_inclusive: Money, payable: Money }),
  updated_at: z.string(),
});

export const CreditNote = CreditNoteListItem.extend({
  invoicee: Invoicee,
  paid: z.boolean(),
  paid_at: nullish(z.string()),
  discounts: z.array(Discount),
  grouped_lines: GroupedLines,
  total: DocumentTotals,
  currency: z.string(),
  currency_exchange_rate: ExchangeRate,
  created_at: z.string(),
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

export const PaymentMethod = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["active", "archived"]).optional(),
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
