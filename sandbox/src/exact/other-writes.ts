import type { ExRow } from "../model";
import { padCode } from "../seed/exact";
import type { SandboxData } from "../state";
import { findResource, odataDate } from "./resources";
import { business, readBody, reject } from "./values";

const accounts = findResource("crm/Accounts")!.resource;
const documents = findResource("documents/Documents")!.resource;
const attachments = findResource("documents/DocumentAttachments")!.resource;

const ACCOUNT_WRITABLE = new Set([
  "Code",
  "Name",
  "Status",
  "VATNumber",
  "ChamberOfCommerce",
  "Email",
  "Phone",
  "Website",
  "AddressLine1",
  "AddressLine2",
  "Postcode",
  "City",
  "Country",
  "Language",
  "IsSupplier",
  "IsSales",
  "SearchCode",
  "Blocked",
]);

export function createAccount(data: SandboxData, division: number, raw: unknown, newId: () => string): ExRow {
  const body = readBody(raw, accounts.entity, accounts.fields, ACCOUNT_WRITABLE);
  checkAccount(body);
  const existing = data.ex.accounts.filter((a) => a.Division === division);
  // Without a Code, Exact assigns the highest existing numeric code + 1, padded to 18 characters.
  const code = body.Code
    ? padCode(String(body.Code).trim())
    : padCode(Math.max(0, ...existing.map((a) => Number(String(a.Code).trim()) || 0)) + 1);
  if (existing.some((a) => a.Code === code)) throw business("In gebruik: Code", "Already exists: Code");
  const ID = newId();
  const now = odataDate(data.now());
  return data.ex.accounts.put(ID, {
    Status: "A",
    IsSupplier: false,
    ...body,
    Code: code,
    ID,
    Division: division,
    Timestamp: data.nextTimestamp(),
    Created: now,
    Modified: now,
  });
}

export function updateAccount(data: SandboxData, division: number, id: string, raw: unknown) {
  const row = data.ex.accounts.get(id);
  if (!row || row.Division !== division) throw business("Ongeldig: Relatie", "Invalid: Account");
  const body = readBody(raw, accounts.entity, accounts.fields, ACCOUNT_WRITABLE);
  checkAccount({ ...row, ...body });
  data.ex.accounts.put(id, { ...row, ...body, Modified: odataDate(data.now()), Timestamp: data.nextTimestamp() });
}

function checkAccount(body: Record<string, unknown>) {
  if (!body.Name || !String(body.Name).trim()) throw business("Verplicht: Naam", "Mandatory: Name");
  if (body.Status !== undefined && !["A", "S", "P", "C"].includes(String(body.Status)))
    throw business("Ongeldig: Status", "Invalid: Status");
  // Exact validates VAT numbers; the sandbox checks the shape (country prefix + 2–13 characters), not the check digit.
  if (body.VATNumber && !/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(String(body.VATNumber).replace(/[\s.]/g, "")))
    throw business("Ongeldig: Btw-nummer", "Invalid: VAT number");
  if (body.Country && !/^[A-Z]{2}$/.test(String(body.Country))) throw business("Ongeldig: Land", "Invalid: Country");
}

export function createDocument(data: SandboxData, division: number, raw: unknown, newId: () => string): ExRow {
  const body = readBody(
    raw,
    documents.entity,
    documents.fields,
    new Set([
      "Subject",
      "Type",
      "Account",
      "DocumentDate",
      "Body",
      "FinancialTransactionEntryID",
      "SalesInvoiceNumber",
    ]),
  );
  if (!body.Subject) throw business("Verplicht: Onderwerp", "Mandatory: Subject");
  if (body.Type === undefined) throw business("Verplicht: Soort", "Mandatory: Type");
  if (![10, 20, 55].includes(Number(body.Type))) throw business("Ongeldig: Soort", "Invalid: Type");
  if (body.Account && !data.ex.accounts.get(String(body.Account)))
    throw business("Ongeldig: Relatie", "Invalid: Account");
  const ID = newId();
  const now = odataDate(data.now());
  return data.ex.documents.put(ID, {
    ...body,
    DocumentDate: body.DocumentDate ?? now,
    ID,
    Division: division,
    Timestamp: data.nextTimestamp(),
    Created: now,
  });
}

export function createAttachment(
  data: SandboxData,
  division: number,
  raw: unknown,
  newId: () => string,
  origin: string,
): ExRow {
  const withoutFile = { ...(raw as Record<string, unknown>) };
  const content = withoutFile.Attachment;
  delete withoutFile.Attachment;
  const body = readBody(withoutFile, attachments.entity, attachments.fields, new Set(["Document", "FileName"]));
  if (!body.Document) throw business("Verplicht: Document", "Mandatory: Document");
  const doc = data.ex.documents.get(String(body.Document));
  if (!doc || doc.Division !== division) throw business("Ongeldig: Document", "Invalid: Document");
  if (!body.FileName) throw business("Verplicht: Bestandsnaam", "Mandatory: File name");
  if (typeof content !== "string" || !content) throw business("Verplicht: Bijlage", "Mandatory: Attachment");
  let size: number;
  try {
    size = atob(content).length;
  } catch {
    // Edm.Binary is read while the request stream is parsed: a conversion error, not a business rule.
    throw reject(
      "Error processing request stream. Cannot convert a value to target type 'Edm.Binary' for property 'Attachment'.",
    );
  }
  const ID = newId();
  data.meta.put(`attachment:${ID}`, content);
  return data.ex.documentAttachments.put(ID, {
    ...body,
    ID,
    FileSize: size,
    Division: division,
    Timestamp: data.nextTimestamp(),
    Url: `${origin}/exact/docs/attachment/${ID}?download=0`,
  });
}
