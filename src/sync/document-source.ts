import { isAppError } from "../errors";
import { fromCreditNote, fromInvoice, type SourceDocument } from "../mapping/source";
import * as tl from "../teamleader/api";
import type { ConnectionContext } from "./context";
import { findPair } from "./pairs";

/** A document to sync; the listing also knows its number and `updated_at`, for a message if it cannot be read. */
export type DocumentRef = { kind: "invoice" | "creditNote"; id: string; number?: string; updatedAt?: string };

/** Re-fetches a document with `.info`: the only trustworthy source (webhooks carry nothing but an id). */
export async function fetchSource(
  ctx: ConnectionContext,
  ref: DocumentRef,
): Promise<{ state: "found"; doc: SourceDocument } | { state: "draft" } | { state: "gone" }> {
  try {
    if (ref.kind === "invoice") {
      const invoice = await tl.invoicesInfo(ctx.tl, ref.id);
      return invoice.status === "draft" ? { state: "draft" } : { state: "found", doc: fromInvoice(invoice) };
    }
    return { state: "found", doc: fromCreditNote(await tl.creditNotesInfo(ctx.tl, ref.id)) };
  } catch (error) {
    if (isAppError(error, "UPSTREAM_NOT_FOUND")) return { state: "gone" };
    throw error;
  }
}

/** The number of the invoice a credit note credits: from our pairs when we know it, else from Teamleader. */
export async function creditedInvoiceNumber(ctx: ConnectionContext, doc: SourceDocument): Promise<string | null> {
  if (!doc.creditedInvoiceId) return null;
  const pair = await findPair(ctx.db, ctx.connection.id, "invoice", doc.creditedInvoiceId);
  if (pair?.tlNumber) return pair.tlNumber;
  const found = await fetchSource(ctx, { kind: "invoice", id: doc.creditedInvoiceId });
  return found.state === "found" ? found.doc.number : null;
}
