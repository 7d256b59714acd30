import { z } from "zod";
import type { CreditNoteListFilter, DocumentListFilter } from "./api";
import type { TeamleaderClient } from "./client";

/**
 * The listing as the sync reads it: only what it needs to decide what to re-fetch (id, number, `updated_at`).
 * Every document is read again with `.info`, so a list item we cannot read in full does not stop the others.
 */
const Listed = z.object({
  id: z.string(),
  updated_at: z.string(),
  invoice_number: z.string().nullish(),
  credit_note_number: z.string().nullish(),
});
export type ListedDocument = z.infer<typeof Listed>;

export const listedInvoicePages = (tl: TeamleaderClient, filter: DocumentListFilter, startPage = 1) =>
  tl.pages("invoices.list", { filter, sort: [{ field: "invoice_date", order: "asc" }] }, Listed, startPage);

export const listedCreditNotePages = (tl: TeamleaderClient, filter: CreditNoteListFilter, startPage = 1) =>
  tl.pages("creditNotes.list", { filter }, Listed, startPage);
