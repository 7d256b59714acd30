/** Row types of the emulated systems. Teamleader rows are stored in the API's own shapes. */

export type Money = { amount: number; currency: string };
export type Ref = { type: string; id: string };

export interface TlUser {
  id: string;
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  language: string;
}
/** Stored as departments.info answers it (SPEC `departments.info`); departments.list shows a subset. */
export interface TlDepartment {
  id: string;
  name: string;
  vat_number: string;
  address: { line_1: string; postal_code: string; city: string; country: string; area_level_two: null };
  emails: { type: "primary" | "invoicing"; email: string }[];
  telephones: { type: "phone" | "mobile" | "fax"; number: string }[];
  website: string;
  currency: string;
  iban: string;
  bic: string;
  fiscal_regime: string | null;
  status: "active" | "archived";
}
export interface TlTaxRate {
  id: string;
  description: string;
  rate: number;
  department: Ref;
}
export interface TlProductCategory {
  id: string;
  name: string;
  ledgers: { department: Ref; ledger_account_number: string }[];
}
export interface TlPaymentMethod {
  id: string;
  name: string;
  status: "active" | "archived";
}

export interface TlAddress {
  type: string;
  address: { line_1: string; postal_code: string; city: string; country: string; area_level_two: null };
  addressee: string | null;
}

export interface TlCompany {
  id: string;
  name: string;
  status: "active";
  vat_number: string | null;
  national_identification_number: string | null;
  emails: { type: string; email: string }[];
  telephones: { type: string; number: string }[];
  website: string | null;
  addresses: TlAddress[];
  language: string;
  preferred_currency: string | null;
  added_at: string;
  updated_at: string;
}

export interface TlContact {
  id: string;
  first_name: string;
  last_name: string;
  salutation: string | null;
  vat_number: string | null;
  national_identification_number: string | null;
  emails: { type: string; email: string }[];
  telephones: { type: string; number: string }[];
  addresses: TlAddress[];
  language: string;
  added_at: string;
  updated_at: string;
}

/** A line as the sandbox keeps it; totals are derived when the document is computed. */
export interface TlLineInput {
  description: string;
  quantity: number;
  unit_price: number;
  /** Whether `unit_price` includes VAT; absent means "excluding". */
  unit_price_tax?: "excluding" | "including";
  tax_rate_id: string;
  discount_pct: number | null;
  product_category_id: string | null;
}

export interface TlDocument {
  kind: "invoice" | "creditNote";
  id: string;
  department_id: string;
  number: string | null;
  date: string | null;
  due_on: string | null;
  status: "draft" | "outstanding" | "matched" | "booked";
  customer: Ref;
  for_attention_of: null;
  purchase_order_number: string | null;
  payment_reference: string | null;
  currency: string;
  /** 1 unit of `currency` in the department's currency (Teamleader's rate is foreign → own; docs/sandbox.md). */
  exchange_rate: number;
  lines: TlLineInput[];
  discount_pct: number | null;
  payments: { paid_at: string; payment: Money }[];
  /** Credit notes: the credited invoice. */
  invoice_id: string | null;
  created_at: string;
  updated_at: string;
  deleted: boolean;
}

export interface TlWebhook {
  url: string;
  types: string[];
}

export interface WebhookDelivery {
  at: string;
  url: string;
  type: string;
  subject: Ref;
  status: number | null;
  error: string | null;
}

/** OAuth grant bookkeeping shared by both emulated servers. */
export interface OAuthCode {
  code: string;
  provider: "teamleader" | "exact";
  user_id: string;
  client_id: string;
  redirect_uri: string;
  expires_at: number;
  used: boolean;
}
export interface OAuthAccess {
  token: string;
  provider: "teamleader" | "exact";
  user_id: string;
  chain: string;
  issued_at: number;
  expires_at: number;
}
export interface OAuthRefresh {
  token: string;
  provider: "teamleader" | "exact";
  user_id: string;
  chain: string;
  status: "active" | "used";
  created_at: number;
  last_used_at: number;
}
export interface OAuthChain {
  id: string;
  provider: "teamleader" | "exact";
  client_id: string;
  revoked: boolean;
  revoked_reason: string | null;
}

export interface ExUser {
  UserID: string;
  UserName: string;
  FullName: string;
  Email: string;
  LanguageCode: string;
  CurrentDivision: number;
  divisions: number[];
}
export interface ExDivision {
  Code: number;
  Description: string;
  Country: string;
  Currency: string;
  Legislation: string;
  VATNumber: string;
  Status: number;
  closedPeriods: string[];
  fiscalYears: number[];
}

/** Exact entities: stored with their division; `Timestamp` is the rowversion for sync endpoints. */
export type ExRow = Record<string, unknown> & { Division: number; Timestamp: number };
