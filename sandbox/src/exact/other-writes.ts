import type { ExRow } from "../model";
import { padCode } from "../seed/exact";
import type { SandboxData } from "../state";
import { findResource, odataDate } from "./resources";
import { business, readBody, reject } from "./values";
import { vatNumberProblem } from "./vat-number";

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
  // Stored as typed; checked with its check digit (see vat-number.ts).
  const vatProblem = body.VATNumber ? vatNumberProblem(String(body.VATNumber)) : null;
  if (vatProblem) throw business(vatProblem.dutch, vatProblem.english);
  if (body.Country && !/^[A-Z]{2}$/.test(String(body.Country))) throw business("Ongeldig: Land", "Invalid: Country");
}

/** Exact refuses to delete a relation that is used (EMEQ: "Kan niet verwijderen: Relatie - Gebruikt in: Documenten"). */
export function deleteAccount(data: SandboxData, division: number, id: string) {
  const row = data.ex.accounts.get(id);
  if (!row || row.Division !== division) throw reject("Resource not found for the segment 'Accounts'.");
  if (data.ex.documents.find((d) => d.Account === id))
    throw business(
      "Kan niet verwijderen: Relatie - Gebruikt in: Documenten",
      "Cannot delete: Account - Used in: Documents",
    );
  if (data.ex.salesEntries.find((e) => e.Customer === id))
    throw business(
      "Kan niet verwijderen: Relatie - Gebruikt in: Verkoopboekingen",
      "Cannot delete: Account - Used in: Sales entries",
    );
  data.ex.accounts.delete(id);
}

/** Deleting a document deletes its attachments. */
export function deleteDocument(data: SandboxData, division: number, id: string) {
  const row = data.ex.documents.get(id);
  if (!row || row.Division !== division) throw reject("Resource not found for the segment 'Documents'.");
  if (data.ex.salesEntries.find((e) => e.Document === id))
    throw business(
      "Kan niet verwijderen: Document - Gebruikt in: Verkoopboekingen",
      "Cannot delete: Document - Used in: Sales entries",
    );
  for (const attachment of data.ex.documentAttachments.filter((a) => a.Document === id))
    data.ex.documentAttachments.delete(String(attachment.ID));
  data.ex.documents.delete(id);
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
