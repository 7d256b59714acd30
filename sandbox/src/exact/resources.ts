import type { ExactEntity } from "../state";
import type { FieldType } from "./odata-filter";

/** The Exact resources the sandbox serves, with their field types (from Exact's REST reference). */
export interface Resource {
  path: string;
  entity: string;
  table: ExactEntity | "divisions" | "me" | "financialPeriods";
  key: string;
  pageSize: number;
  fields: Record<string, FieldType>;
  /** Sync endpoints accept a filter on Timestamp only, and (our choice) need `$select` like bulk ones. */
  sync?: boolean;
  /**
   * Entities with a sync counterpart refuse a list without `$filter` (Exact's "mandatory filtering" since
   * July 2021; Invantive, "Coping with mandatory filtering").
   */
  mandatoryFilter?: boolean;
  writable?: ("POST" | "PUT" | "DELETE")[];
  expand?: Record<string, { table: ExactEntity; foreignKey: string }>;
}

const g = "guid",
  s = "string",
  i = "int",
  d = "double",
  b = "bool",
  t = "date";

export const RESOURCES: Resource[] = [
  {
    path: "current/Me",
    entity: "Me",
    table: "me",
    key: "UserID",
    pageSize: 60,
    fields: { CurrentDivision: i, UserID: g, UserName: s, FullName: s, Email: s, LanguageCode: s },
  },
  {
    path: "system/Divisions",
    entity: "SystemDivision",
    table: "divisions",
    key: "Code",
    pageSize: 60,
    fields: {
      Code: i,
      Description: s,
      Country: s,
      Currency: s,
      Legislation: s,
      VATNumber: s,
      Status: i,
      DivisionMoveDate: t,
    },
  },
  {
    path: "financial/Journals",
    entity: "Journal",
    table: "journals",
    key: "ID",
    pageSize: 60,
    fields: {
      ID: g,
      Code: s,
      Description: s,
      Type: i,
      Currency: s,
      AllowVariableCurrency: b,
      IsBlocked: b,
      Division: i,
    },
  },
  {
    path: "financial/GLAccounts",
    entity: "GLAccount",
    table: "glAccounts",
    key: "ID",
    pageSize: 60,
    mandatoryFilter: true,
    fields: { ID: g, Code: s, Description: s, Type: i, BalanceType: s, IsBlocked: b, VATCode: s, Division: i },
  },
  {
    path: "sync/Financial/GLAccounts",
    entity: "SyncFinancialGLAccount",
    table: "glAccounts",
    key: "ID",
    pageSize: 1000,
    sync: true,
    fields: {
      Timestamp: "int64",
      ID: g,
      Code: s,
      Description: s,
      Type: i,
      BalanceType: s,
      IsBlocked: b,
      VATCode: s,
      Division: i,
    },
  },
  {
    path: "vat/VATCodes",
    entity: "VATCode",
    table: "vatCodes",
    key: "ID",
    pageSize: 60,
    fields: {
      ID: g,
      Code: s,
      Description: s,
      Percentage: d,
      Type: s,
      VATTransactionType: s,
      Charged: b,
      EUSalesListing: s,
      IsBlocked: b,
      Division: i,
    },
  },
  {
    // Derived from each division's financial years: twelve monthly periods a year.
    path: "financial/FinancialPeriods",
    entity: "FinancialPeriod",
    table: "financialPeriods",
    key: "ID",
    pageSize: 60,
    fields: { ID: g, FinYear: i, FinPeriod: i, StartDate: t, EndDate: t, Division: i },
  },
  {
    path: "crm/Accounts",
    entity: "Account",
    table: "accounts",
    key: "ID",
    pageSize: 60,
    mandatoryFilter: true,
    writable: ["POST", "PUT", "DELETE"],
    fields: {
      ID: g,
      Code: s,
      Name: s,
      Status: s,
      VATNumber: s,
      ChamberOfCommerce: s,
      Email: s,
      Phone: s,
      Website: s,
      AddressLine1: s,
      AddressLine2: s,
      Postcode: s,
      City: s,
      Country: s,
      Language: s,
      IsSupplier: b,
      IsSales: b,
      SearchCode: s,
      Blocked: b,
      Division: i,
      Created: t,
      Modified: t,
    },
  },
  {
    path: "salesentry/SalesEntries",
    entity: "SalesEntry",
    table: "salesEntries",
    key: "EntryID",
    pageSize: 60,
    writable: ["POST", "PUT", "DELETE"],
    expand: { SalesEntryLines: { table: "salesEntryLines", foreignKey: "EntryID" } },
    fields: {
      EntryID: g,
      EntryNumber: i,
      InvoiceNumber: i,
      Journal: s,
      Customer: g,
      CustomerName: s,
      YourRef: s,
      Description: s,
      EntryDate: t,
      DueDate: t,
      Currency: s,
      Rate: d,
      AmountFC: d,
      AmountDC: d,
      VATAmountFC: d,
      VATAmountDC: d,
      Type: i,
      Status: i,
      PaymentCondition: s,
      PaymentReference: s,
      ReportingYear: i,
      ReportingPeriod: i,
      Document: g,
      Division: i,
      Created: t,
      Modified: t,
    },
  },
  {
    path: "salesentry/SalesEntryLines",
    entity: "SalesEntryLine",
    table: "salesEntryLines",
    key: "ID",
    pageSize: 60,
    writable: ["POST", "DELETE"],
    fields: {
      ID: g,
      EntryID: g,
      GLAccount: g,
      AmountFC: d,
      AmountDC: d,
      VATCode: s,
      VATAmountFC: d,
      VATPercentage: d,
      VATBaseAmountFC: d,
      Description: s,
      Quantity: d,
      Division: i,
    },
  },
  {
    path: "documents/Documents",
    entity: "Document",
    table: "documents",
    key: "ID",
    pageSize: 60,
    mandatoryFilter: true,
    writable: ["POST", "DELETE"],
    fields: {
      ID: g,
      Subject: s,
      Type: i,
      Account: g,
      DocumentDate: t,
      Body: s,
      FinancialTransactionEntryID: g,
      SalesInvoiceNumber: i,
      Division: i,
      Created: t,
    },
  },
  {
    path: "documents/DocumentAttachments",
    entity: "DocumentAttachment",
    table: "documentAttachments",
    key: "ID",
    pageSize: 60,
    mandatoryFilter: true,
    writable: ["POST", "DELETE"],
    fields: { ID: g, Document: g, FileName: s, FileSize: d, Url: s },
  },
  {
    path: "sync/Cashflow/PaymentTerms",
    entity: "SyncCashflowPaymentTerm",
    table: "paymentTerms",
    key: "ID",
    pageSize: 1000,
    sync: true,
    fields: {
      Timestamp: "int64",
      ID: g,
      LineType: i,
      TransactionEntryID: g,
      EntryNumber: i,
      InvoiceNumber: i,
      YourRef: s,
      IsFullyPaid: b,
      Status: i,
      AmountDC: d,
      AmountFC: d,
      TransactionAmountDC: d,
      LastPaymentDate: t,
      DueDate: t,
      Account: g,
      Division: i,
    },
  },
];

export function findResource(path: string): { resource: Resource; key?: string } | undefined {
  const match = /^(.*?)(?:\((?:guid'([^']*)'|(\d+))\))?$/.exec(path);
  if (!match) return undefined;
  const resource = RESOURCES.find((r) => r.path.toLowerCase() === match[1]!.toLowerCase());
  return resource ? { resource, key: match[2] ?? match[3] } : undefined;
}

/** Exact writes dates as "/Date(ms)/". */
export const odataDate = (ms: number) => `/Date(${ms})/`;
