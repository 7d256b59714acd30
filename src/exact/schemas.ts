import { z } from "zod";
import { parseODataDate } from "./odata";

/** Raw Exact Online shapes (https://start.exactonline.nl/docs/HlpRestAPIResources.aspx). Unknown keys are dropped. */

/** "/Date(ms)/" → ISO string; null stays null. */
const ODataDate = z
  .string()
  .regex(/^\/Date\(-?\d+([+-]\d{4})?\)\/$/, "expected /Date(ms)/")
  .transform((value) => parseODataDate(value).toISOString());
const nullableDate = ODataDate.nullish().transform((v) => v ?? null);
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const Guid = z.string().regex(/^[0-9a-f-]{36}$/i, "expected a GUID");
/** Exact returns VAT codes space-padded ("1  ", ossobv/exactonline); we compare and store them trimmed. */
const VatCodeText = z.string().transform((v) => v.trim());
const nullableVatCode = VatCodeText.nullish().transform((v) => v ?? null);

export const Me = z.object({
  CurrentDivision: z.number().int(),
  UserID: Guid,
  UserName: z.string(),
  FullName: nullableString,
  Email: nullableString,
});

export const Division = z.object({
  Code: z.number().int(),
  Description: z.string(),
  Country: nullableString,
  Currency: nullableString,
  Status: z.number().int().nullish(),
  DivisionMoveDate: nullableDate.optional(),
});

export const Journal = z.object({
  Code: z.string(),
  Description: z.string(),
  Type: z.number().int(),
  Currency: nullableString,
  // "If AllowVariableCurrency is false this [Currency] is the only currency that can be used" (Exact's reference).
  AllowVariableCurrency: z.boolean().nullish(),
  IsBlocked: z.boolean().optional(),
});

export const GLAccount = z.object({
  ID: Guid,
  Code: z.string(),
  Description: z.string(),
  Type: z.number().int().nullish(),
  IsBlocked: z.boolean().optional(),
  BalanceType: nullableString.optional(),
  VATCode: nullableVatCode.optional(),
});

export const VATCode = z.object({
  ID: Guid,
  Code: VatCodeText,
  Description: z.string(),
  Percentage: z.number(),
  Type: nullableString,
  VATTransactionType: nullableString,
  Charged: z.boolean().nullish(),
  EUSalesListing: nullableString,
  IsBlocked: z.boolean().nullish(),
});

export const Account = z.object({
  ID: Guid,
  Code: nullableString,
  Name: z.string(),
  Status: nullableString,
  VATNumber: nullableString,
  ChamberOfCommerce: nullableString,
});

export const SalesEntryLine = z.object({
  ID: Guid,
  GLAccount: Guid,
  AmountFC: z.number(),
  VATCode: nullableVatCode,
  VATAmountFC: z.number().nullish(),
  Description: nullableString,
});

export const SalesEntry = z.object({
  EntryID: Guid,
  EntryNumber: z.number().int().nullish(),
  Journal: z.string().optional(),
  Customer: Guid.optional(),
  YourRef: nullableString,
  AmountFC: z.number().nullish(),
  VATAmountFC: z.number().nullish(),
  Type: z.number().int().nullish(),
  Status: z.number().int().nullish(),
  EntryDate: nullableDate.optional(),
  ReportingYear: z.number().int().nullish(),
  ReportingPeriod: z.number().int().nullish(),
  Document: Guid.nullish(),
});

export const Document = z.object({ ID: Guid, Subject: z.string().optional(), Type: z.number().int().optional() });

export const DocumentAttachment = z.object({ ID: Guid, Document: Guid.optional(), FileName: z.string().optional() });

export const PaymentTerm = z.object({
  Timestamp: z.union([z.number(), z.string()]).transform((v) => String(v)),
  ID: Guid,
  LineType: z.number().int(),
  TransactionEntryID: Guid.nullish(),
  EntryNumber: z.number().int().nullish(),
  YourRef: nullableString,
  IsFullyPaid: z.boolean().nullish(),
  Status: z.number().int().nullish(),
  AmountDC: z.number().nullish(),
  /** The receivable's amount in the entry's currency; for a fully paid one, what was paid (sync/Cashflow/PaymentTerms). */
  AmountFC: z.number().nullish(),
  TransactionAmountDC: z.number().nullish(),
  LastPaymentDate: nullableDate,
});

/** financial/FinancialPeriods: the periods of the division's financial years (no open/closed flag). */
export const FinancialPeriod = z.object({
  FinYear: z.number().int(),
  FinPeriod: z.number().int(),
  StartDate: nullableDate,
  EndDate: nullableDate,
});

export type Me = z.infer<typeof Me>;
export type FinancialPeriod = z.infer<typeof FinancialPeriod>;
export type Division = z.infer<typeof Division>;
export type Journal = z.infer<typeof Journal>;
export type GLAccount = z.infer<typeof GLAccount>;
export type VATCode = z.infer<typeof VATCode>;
export type Account = z.infer<typeof Account>;
export type SalesEntry = z.infer<typeof SalesEntry>;
export type PaymentTerm = z.infer<typeof PaymentTerm>;
