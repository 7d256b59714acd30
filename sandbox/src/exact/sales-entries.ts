import { round2 } from "../ids";
import type { ExRow } from "../model";
import type { SandboxData } from "../state";
import { findResource, odataDate } from "./resources";
import { DELETED_PAYMENT_TERM, recordDeleted, restampTransactionLines } from "./transaction-lines";
import { business, msOf, readBody, reject } from "./values";

const entries = findResource("salesentry/SalesEntries")!.resource;
const lines = findResource("salesentry/SalesEntryLines")!.resource;
const HEADER_WRITABLE = new Set([
  "Journal",
  "Customer",
  "EntryDate",
  "DueDate",
  "YourRef",
  "Description",
  "Currency",
  "Rate",
  "PaymentCondition",
  "PaymentReference",
  "ReportingYear",
  "ReportingPeriod",
  "Document",
  "VATAmountFC",
  "EntryNumber",
  "InvoiceNumber",
]);
const LINE_WRITABLE = new Set([
  "EntryID",
  "GLAccount",
  "AmountFC",
  "VATCode",
  "VATAmountFC",
  "VATPercentage",
  "VATBaseAmountFC",
  "Description",
  "Quantity",
]);

/** POST salesentry/SalesEntries: validated as strictly as Exact; business rules answer HTTP 500 with Exact's text. */
export function createSalesEntry(data: SandboxData, division: number, raw: unknown, newId: () => string): ExRow {
  const body = raw as Record<string, unknown>;
  const linesRaw = body?.SalesEntryLines;
  const header = readBody(
    { ...body, SalesEntryLines: undefined },
    entries.entity,
    { ...entries.fields, SalesEntryLines: "string" },
    HEADER_WRITABLE,
  );
  if (!Array.isArray(linesRaw) || linesRaw.length === 0)
    throw business("Verplicht: Boekingsregels", "Mandatory: Entry lines");
  const lineRows = linesRaw.map((line) => readBody(line, lines.entity, lines.fields, LINE_WRITABLE));

  const journal = requireJournal(data, division, header.Journal, header.Currency);
  const customer = requireCustomer(data, division, header.Customer);
  // EntryDate is not mandatory (PI's SalesEntries has no Required on it); the sandbox takes today.
  header.EntryDate ??= odataDate(Date.UTC(...utcDay(data.now())));
  checkPeriod(data, division, msOf(header.EntryDate));
  if (header.Document && !data.ex.documents.get(String(header.Document)))
    throw business("Ongeldig: Document", "Invalid: Document");
  const validated = lineRows.map((line) => validateLine(data, division, line));

  const EntryID = newId();
  const date = new Date(msOf(header.EntryDate));
  const sameJournal = data.ex.salesEntries.filter(
    (e) => e.Division === division && e.Journal === journal && e.ReportingYear === date.getUTCFullYear(),
  );
  const entryNumber = Number(
    `${String(date.getUTCFullYear()).slice(2)}${journal}${String(sameJournal.length + 1).padStart(4, "0")}`,
  );
  if (header.EntryNumber !== undefined && sameJournal.some((e) => e.EntryNumber === header.EntryNumber))
    throw business("In gebruik: Boekstuknummer", "Already exists: Entry number");
  const now = odataDate(data.now());
  const entry: ExRow = {
    EntryID,
    Division: division,
    Timestamp: data.nextTimestamp(),
    Journal: journal,
    Customer: customer.ID,
    CustomerName: customer.Name,
    EntryDate: header.EntryDate,
    DueDate: header.DueDate ?? odataDate(msOf(header.EntryDate) + 30 * 86_400_000),
    YourRef: header.YourRef ?? null,
    Description: header.Description ?? null,
    Currency: header.Currency ?? divisionCurrency(data, division),
    Rate: header.Rate ?? 1,
    PaymentCondition: header.PaymentCondition ?? null,
    PaymentReference: header.PaymentReference ?? null,
    Document: header.Document ?? null,
    EntryNumber: (header.EntryNumber as number) ?? entryNumber,
    InvoiceNumber: (header.EntryNumber as number) ?? entryNumber,
    Status: 20,
    ReportingYear: date.getUTCFullYear(),
    ReportingPeriod: date.getUTCMonth() + 1,
    Created: now,
    Modified: now,
  };
  data.ex.salesEntries.put(EntryID, entry);
  for (const line of validated) {
    const ID = newId();
    data.ex.salesEntryLines.put(ID, { ...line, ID, EntryID, Division: division, Timestamp: data.nextTimestamp() });
  }
  return recalculate(data, EntryID, newId);
}

export function addLine(data: SandboxData, division: number, raw: unknown, newId: () => string): ExRow {
  const line = readBody(raw, lines.entity, lines.fields, LINE_WRITABLE);
  const entry = line.EntryID ? data.ex.salesEntries.get(String(line.EntryID)) : undefined;
  if (!entry || entry.Division !== division)
    throw business("Verplicht: Boeking (EntryID)", "Mandatory: Entry (EntryID)");
  checkPeriod(data, division, msOf(entry.EntryDate));
  const ID = newId();
  const row = {
    ...validateLine(data, division, line),
    ID,
    EntryID: entry.EntryID,
    Division: division,
    Timestamp: data.nextTimestamp(),
  };
  data.ex.salesEntryLines.put(ID, row);
  recalculate(data, String(entry.EntryID), newId);
  return row;
}

export function deleteLine(data: SandboxData, division: number, id: string, newId: () => string) {
  const line = data.ex.salesEntryLines.get(id);
  if (!line || line.Division !== division) throw reject("Resource not found for the segment 'SalesEntryLines'.");
  const entry = data.ex.salesEntries.get(String(line.EntryID))!;
  checkPeriod(data, division, msOf(entry.EntryDate));
  data.ex.salesEntryLines.delete(id);
  // Deleting the last line deletes the whole entry.
  if (!data.ex.salesEntryLines.find((l) => l.EntryID === entry.EntryID))
    deleteEntry(data, division, String(entry.EntryID));
  else recalculate(data, String(entry.EntryID), newId);
}

export function updateEntry(data: SandboxData, division: number, id: string, raw: unknown) {
  const entry = data.ex.salesEntries.get(id);
  if (!entry || entry.Division !== division) throw reject("Resource not found for the segment 'SalesEntries'.");
  const changes = readBody(raw, entries.entity, { ...entries.fields, SalesEntryLines: "string" }, HEADER_WRITABLE);
  checkPeriod(data, division, msOf(entry.EntryDate));
  if (changes.EntryDate) checkPeriod(data, division, msOf(changes.EntryDate));
  if (changes.Customer) requireCustomer(data, division, changes.Customer);
  if (changes.Journal || changes.Currency)
    requireJournal(data, division, changes.Journal ?? entry.Journal, changes.Currency ?? entry.Currency);
  if (changes.Document && !data.ex.documents.get(String(changes.Document)))
    throw business("Ongeldig: Document", "Invalid: Document");
  data.ex.salesEntries.put(id, {
    ...entry,
    ...changes,
    Modified: odataDate(data.now()),
    Timestamp: data.nextTimestamp(),
  });
  restampTransactionLines(data, id);
}

export function deleteEntry(data: SandboxData, division: number, id: string) {
  const entry = data.ex.salesEntries.get(id);
  if (!entry || entry.Division !== division) throw reject("Resource not found for the segment 'SalesEntries'.");
  checkPeriod(data, division, msOf(entry.EntryDate));
  for (const line of data.ex.salesEntryLines.filter((l) => l.EntryID === id))
    data.ex.salesEntryLines.delete(String(line.ID));
  for (const term of data.ex.paymentTerms.filter((t) => t.TransactionEntryID === id)) {
    data.ex.paymentTerms.delete(String(term.ID));
    recordDeleted(data, division, DELETED_PAYMENT_TERM, String(term.ID));
  }
  data.ex.salesEntries.delete(id);
  restampTransactionLines(data, id);
}

function requireJournal(data: SandboxData, division: number, code: unknown, currency?: unknown): string {
  if (!code) throw business("Verplicht: Dagboek", "Mandatory: Journal");
  const journal = data.ex.journals.get(`${division}:${code}`);
  if (!journal) throw business(`Ongeldig: Dagboek: ${code}`, `Invalid: Journal: ${code}`);
  if (journal.Type !== 20) throw business("Ongeldig: Dagboek (Type)", "Invalid: Journal (type)");
  // "If AllowVariableCurrency is false this [Currency] is the only currency that can be used" (Exact's field
  // reference for financial/Journals). The wording of Exact's refusal is not published: see docs/sandbox.md.
  const entryCurrency = currency ?? divisionCurrency(data, division);
  if (journal.AllowVariableCurrency !== true && entryCurrency !== journal.Currency)
    throw business(
      `Ongeldig: Valuta: ${entryCurrency} (dagboek ${code} staat alleen ${journal.Currency} toe)`,
      `Invalid: Currency: ${entryCurrency} (journal ${code} allows only ${journal.Currency})`,
    );
  return String(code);
}

function divisionCurrency(data: SandboxData, division: number): string {
  return String(data.ex.divisions.get(String(division))?.Currency ?? "EUR");
}

function requireCustomer(data: SandboxData, division: number, id: unknown) {
  if (!id) throw business("Verplicht: Klant", "Mandatory: Customer");
  const account = data.ex.accounts.get(String(id));
  if (!account || account.Division !== division) throw business("Ongeldig: Klant", "Invalid: Customer");
  if (account.Status !== "C") throw business("Ongeldig: Klant (Type)", "Invalid: Customer (Type)");
  return account as ExRow & { ID: string; Name: string };
}

function validateLine(data: SandboxData, division: number, line: Record<string, unknown>) {
  if (!line.GLAccount) throw business("Verplicht: Grootboekrekening", "Mandatory: G/L account");
  const gl = data.ex.glAccounts.get(String(line.GLAccount));
  if (!gl || gl.Division !== division) throw business("Ongeldig: Grootboekrekening", "Invalid: G/L account");
  if (gl.IsBlocked)
    throw business(`Geblokkeerd: Grootboekrekening: ${String(gl.Code)}`, `Blocked: G/L account: ${String(gl.Code)}`);
  if (line.AmountFC === undefined || line.AmountFC === null) throw business("Verplicht: Bedrag", "Mandatory: Amount");
  let pct = 0;
  let vatType = "N";
  let storedCode: unknown = null;
  // A line without VATCode takes its G/L account's default VAT code (Exact's SalesEntryLines reference).
  const vatCode = line.VATCode ?? gl.VATCode ?? null;
  if (vatCode !== null) {
    const code = data.ex.vatCodes.find(
      (v) => v.Division === division && String(v.Code).trimEnd() === String(vatCode).trimEnd(),
    );
    if (!code) throw business(`Ongeldig: Btw-code: ${vatCode}`, `Invalid: VAT code: ${vatCode}`);
    if (code.VATTransactionType === "P")
      throw business(`Ongeldig: Btw-code (Type): ${vatCode}`, `Invalid: VAT code (Type): ${vatCode}`);
    pct = Number(code.Percentage);
    vatType = String(code.Type);
    storedCode = code.Code;
  }
  const amount = Number(line.AmountFC);
  const vat =
    line.VATAmountFC !== undefined && line.VATAmountFC !== null
      ? Number(line.VATAmountFC)
      : vatType === "E"
        ? round2(amount * pct)
        : 0;
  return { ...line, VATCode: storedCode, VATPercentage: pct, VATAmountFC: vat };
}

export function checkPeriod(data: SandboxData, division: number, ms: number) {
  const div = data.ex.divisions.get(String(division))!;
  const date = new Date(ms);
  if (!div.fiscalYears.includes(date.getUTCFullYear()))
    throw business("Verplicht: Boekjaar", "Unknown: Fiscal year (Period - date table)");
  if (!div.closedPeriods.includes(date.toISOString().slice(0, 7))) return;
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
  throw business(`Periode is afgesloten: ${year} – ${month}`, `Period is closed: ${year} – ${month}`);
}

/** Header totals and the receivable (payment term) follow the lines, as in Exact. */
export function recalculate(data: SandboxData, entryId: string, newId: () => string): ExRow {
  const entry = data.ex.salesEntries.get(entryId)!;
  const entryLines = data.ex.salesEntryLines.filter((l) => l.EntryID === entryId);
  const rate = Number(entry.Rate ?? 1);
  for (const line of entryLines)
    data.ex.salesEntryLines.put(String(line.ID), { ...line, AmountDC: round2(Number(line.AmountFC) * rate) });
  const vat = round2(entryLines.reduce((s, l) => s + Number(l.VATAmountFC ?? 0), 0));
  const amount = round2(entryLines.reduce((s, l) => s + Number(l.AmountFC) + Number(l.VATAmountFC ?? 0), 0));
  const updated: ExRow = {
    ...entry,
    AmountFC: amount,
    VATAmountFC: vat,
    AmountDC: round2(amount * rate),
    VATAmountDC: round2(vat * rate),
    Type: amount < 0 ? 21 : 20,
    Timestamp: data.nextTimestamp(),
  };
  data.ex.salesEntries.put(entryId, updated);
  const term = data.ex.paymentTerms.find((t) => t.TransactionEntryID === entryId);
  const termId = String(term?.ID ?? newId());
  data.ex.paymentTerms.put(termId, {
    ...term,
    ID: termId,
    Division: updated.Division,
    Timestamp: data.nextTimestamp(),
    LineType: 20,
    TransactionEntryID: entryId,
    EntryNumber: updated.EntryNumber,
    InvoiceNumber: updated.InvoiceNumber,
    YourRef: updated.YourRef,
    IsFullyPaid: term?.IsFullyPaid ?? false,
    Status: term?.Status ?? 20,
    AmountDC: updated.AmountDC,
    AmountFC: updated.AmountFC,
    TransactionAmountDC: updated.AmountDC,
    LastPaymentDate: term?.LastPaymentDate ?? null,
    DueDate: updated.DueDate,
    Account: updated.Customer,
  });
  restampTransactionLines(data, entryId);
  return data.ex.salesEntries.get(entryId)!;
}

const utcDay = (ms: number): [number, number, number] => {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
};
