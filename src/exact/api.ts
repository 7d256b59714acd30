import type { ExactClient } from "./client";
import { guid, int64, str } from "./odata";
import * as S from "./schemas";

/** Typed Exact Online endpoints; each line names its resource as Exact's reference does. */

const pick = <T extends object>(shape: T) => Object.keys(shape);

// current/Me answers a one-element list.
export async function me(exact: ExactClient) {
  const [first] = await exact.list("current/Me", { select: pick(S.Me.shape) }, S.Me);
  return first ?? null;
}

export const divisions = (exact: ExactClient) =>
  exact.list("system/Divisions", { select: pick(S.Division.shape) }, S.Division);

/** Only sales journals (Type 20) can hold sales entries. */
export const salesJournals = (exact: ExactClient) =>
  exact.list("financial/Journals", { filter: "Type eq 20", select: pick(S.Journal.shape) }, S.Journal);

/**
 * All GL accounts through the sync endpoint: `financial/GLAccounts` refuses a list without `$filter`
 * (mandatory filtering, since July 2021). `Timestamp gt 1L` is how a first sync starts.
 */
export const glAccounts = (exact: ExactClient) =>
  exact.list(
    "sync/Financial/GLAccounts",
    { filter: `Timestamp gt ${int64(1)}`, select: pick(S.GLAccount.shape) },
    S.GLAccount,
  );

/** The periods of every financial year the division has; a date outside them cannot be booked ("Verplicht: Boekjaar"). */
export const financialPeriods = (exact: ExactClient) =>
  exact.list("financial/FinancialPeriods", { select: pick(S.FinancialPeriod.shape) }, S.FinancialPeriod);

export const vatCodes = (exact: ExactClient) =>
  exact.list("vat/VATCodes", { select: pick(S.VATCode.shape) }, S.VATCode);

/**
 * One call for every way a customer could already exist: its VAT number in each spelling given (Exact stores
 * it as typed), its chamber of commerce number, its exact name.
 */
export function findAccountCandidates(
  exact: ExactClient,
  keys: { vatSpellings: string[]; chamberOfCommerce: string | null; name: string },
) {
  const clauses = [
    ...keys.vatSpellings.map((v) => `VATNumber eq ${str(v)}`),
    keys.chamberOfCommerce ? `ChamberOfCommerce eq ${str(keys.chamberOfCommerce)}` : null,
    `Name eq ${str(keys.name)}`,
  ].filter(Boolean);
  return exact.list("crm/Accounts", { filter: clauses.join(" or "), select: pick(S.Account.shape) }, S.Account);
}

export const updateAccount = (exact: ExactClient, id: string, fields: Partial<NewAccount>) =>
  exact.update(`crm/Accounts(${guid(id)})`, fields);

export interface NewAccount {
  Name: string;
  /** C = customer; the others (A none, S suspect, P prospect) only to give a relation its old status back. */
  Status: "C" | "A" | "S" | "P";
  VATNumber?: string;
  ChamberOfCommerce?: string;
  Email?: string;
  Phone?: string;
  AddressLine1?: string;
  Postcode?: string;
  City?: string;
  Country?: string;
  Language?: string;
}

export const createAccount = (exact: ExactClient, account: NewAccount) =>
  exact.create("crm/Accounts", account, S.Account);

export const deleteAccount = (exact: ExactClient, id: string) => exact.remove(`crm/Accounts(${guid(id)})`);

/** The idempotency lookup: our entries carry the Teamleader number in YourRef (Exact does not enforce uniqueness). */
export const salesEntriesByYourRef = (exact: ExactClient, yourRef: string) =>
  exact.list(
    "salesentry/SalesEntries",
    { filter: `YourRef eq ${str(yourRef)}`, select: pick(S.SalesEntry.shape) },
    S.SalesEntry,
  );

export interface SalesEntryLineInput {
  GLAccount: string;
  AmountFC: number;
  VATCode?: string;
  VATAmountFC?: number;
  Description?: string;
  Quantity?: number;
}

export interface SalesEntryInput {
  Journal: string;
  Customer: string;
  EntryDate: string;
  DueDate?: string;
  YourRef: string;
  Description: string;
  Currency?: string;
  Rate?: number;
  PaymentReference?: string;
  Document?: string;
  SalesEntryLines: SalesEntryLineInput[];
}

export const createSalesEntry = (exact: ExactClient, entry: SalesEntryInput) =>
  exact.create("salesentry/SalesEntries", entry, S.SalesEntry);

export const updateSalesEntry = (
  exact: ExactClient,
  entryId: string,
  fields: Partial<Omit<SalesEntryInput, "SalesEntryLines">>,
) => exact.update(`salesentry/SalesEntries(${guid(entryId)})`, fields);

export const salesEntryLines = (exact: ExactClient, entryId: string) =>
  exact.list(
    "salesentry/SalesEntryLines",
    { filter: `EntryID eq ${guid(entryId)}`, select: pick(S.SalesEntryLine.shape) },
    S.SalesEntryLine,
  );

export const addSalesEntryLine = (exact: ExactClient, entryId: string, line: SalesEntryLineInput) =>
  exact.create("salesentry/SalesEntryLines", { EntryID: entryId, ...line }, S.SalesEntryLine);

export const deleteSalesEntryLine = (exact: ExactClient, lineId: string) =>
  exact.remove(`salesentry/SalesEntryLines(${guid(lineId)})`);

export interface NewDocument {
  Subject: string;
  /** 10 = sales invoice. */
  Type: 10;
  Account?: string;
  DocumentDate?: string;
}

export const createDocument = (exact: ExactClient, doc: NewDocument) =>
  exact.create("documents/Documents", doc, S.Document);

/** Deleting a document deletes its attachments. */
export const deleteDocument = (exact: ExactClient, id: string) => exact.remove(`documents/Documents(${guid(id)})`);

export const createDocumentAttachment = (exact: ExactClient, documentId: string, fileName: string, base64: string) =>
  exact.create(
    "documents/DocumentAttachments",
    { Document: documentId, FileName: fileName, Attachment: base64 },
    S.DocumentAttachment,
  );

/**
 * Payment terms changed since a rowversion (`Timestamp gt {v}L`, the only filter a sync endpoint takes).
 * One call when nothing changed; pages of 1000 otherwise.
 */
export const paymentTermPages = (exact: ExactClient, sinceTimestamp: string) =>
  exact.pages(
    "sync/Cashflow/PaymentTerms",
    { filter: `Timestamp gt ${int64(sinceTimestamp)}`, select: pick(S.PaymentTerm.shape) },
    S.PaymentTerm,
  );
