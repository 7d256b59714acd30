import { AppError, isAppError } from "../errors";
import * as exactApi from "../exact/api";
import { isClosedPeriodMessage } from "../exact/closed-period";
import { buildSalesEntry } from "../mapping/sales-entry";
import type { SourceDocument } from "../mapping/source";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./connection-context";
import { resolveCustomer } from "./customers";
import { creditedInvoiceNumber, type DocumentRef, fetchSource } from "./document-source";
import type { RunMappings } from "./mapping-context";
import { claimPair, contentHash, findPair, markPosting, type Pair, updatePair } from "./pairs";
import { uploadPdf } from "./pdf";
import { markDrifted, updateBookedEntry } from "./update-booked";

/** What one run knows while it works: its id, its mappings, and the periods (YYYY-MM) Exact said are closed, with its words. */
export interface RunScope {
  id: number;
  mappings: RunMappings;
  closedPeriods: Map<string, string>;
}

export const newRunScope = (id: number, mappings: RunMappings): RunScope => ({
  id,
  mappings,
  closedPeriods: new Map(),
});

export type Outcome =
  | "booked"
  | "adopted"
  | "updated"
  | "unchanged"
  | "failed"
  | "skipped"
  | "drifted"
  | "deleted"
  | "ignored";

const PLACEHOLDER_CUSTOMER = "00000000-0000-0000-0000-000000000000";
export const label = (doc: { kind: "invoice" | "creditNote" }) => (doc.kind === "invoice" ? "Invoice" : "Credit note");

/**
 * Brings one Teamleader document into Exact, exactly once. The pair row is claimed first (UNIQUE), the
 * mapping is checked before anything is written, and the row says `posting` before the POST is sent.
 * A row left `posting` (timeout, 5xx, crash) is resolved by looking the entry up by YourRef before any
 * new POST. Errors that a retry cannot fix mark the document `failed`; others propagate to the run.
 */
export async function syncDocument(ctx: ConnectionContext, run: RunScope, ref: DocumentRef): Promise<Outcome> {
  const runId = run.id;
  const fetched = await fetchSource(ctx, ref);
  if (fetched.state === "gone") return markDeleted(ctx, ref, runId);
  if (fetched.state === "draft") return "ignored";
  const doc = fetched.doc;
  const startDate = ctx.options.startDate;
  if (doc.departmentId !== ctx.departmentId || (startDate && doc.date < startDate)) return "ignored";

  const pair = await claimPair(ctx.db, ctx.connection.id, doc);
  if (pair.status === "deleted") return "ignored";
  if (doc.kind === "creditNote" && !ctx.options.syncCreditNotes) {
    if (pair.status !== "skipped")
      await updatePair(ctx.db, pair.id, {
        status: "skipped",
        errorCode: null,
        errorMessage: "Credit notes are not synced for this connection (see its options).",
      });
    return "skipped";
  }

  // A document with an Exact entry is never posted again and never downgraded to `failed`: whatever stands
  // in the way of bringing it in line makes it `drifted`.
  const inExact = Boolean(pair.exactEntryId);
  const context = {
    ...run.mappings,
    creditedInvoiceNumber: doc.kind === "creditNote" ? await creditedInvoiceNumber(ctx, doc) : null,
  };
  const check = buildSalesEntry(doc, { ...context, customerAccountId: PLACEHOLDER_CUSTOMER });
  if (!check.ok) {
    const reason = check.problems.map((p) => p.message).join(" ");
    if (inExact) return markDrifted(ctx, pair, doc, `its new version cannot be mapped (${reason})`, runId);
    const code = check.problems.some((p) => p.kind === "totals") ? "UPSTREAM_BAD_RESPONSE" : "MAPPING_MISSING";
    return markFailed(ctx, pair, doc, new AppError(code, reason), runId);
  }

  // Exact already refused this period in this run: do not spend another error on it (10 per hour block the app).
  const period = doc.date.slice(0, 7);
  const closedMessage = inExact ? undefined : run.closedPeriods.get(period);
  if (closedMessage) {
    return markFailed(ctx, pair, doc, new AppError("EXACT_BUSINESS_RULE", closedMessage, { source: "exact" }), runId);
  }

  try {
    const customer = await resolveCustomer(ctx, doc, runId);
    const built = buildSalesEntry(doc, { ...context, customerAccountId: customer });
    if (!built.ok) throw new Error("the mapping changed during the run");
    const hash = await contentHash(built.entry);
    if (inExact) {
      if (hash === pair.contentHash) {
        if (pair.tlUpdatedAt !== doc.updatedAt) await updatePair(ctx.db, pair.id, { tlUpdatedAt: doc.updatedAt });
        return "unchanged";
      }
      return await updateBookedEntry(ctx, pair, doc, built.entry, hash, runId);
    }

    // A previous POST may have reached Exact: find it before sending another.
    if (pair.postAttempts > 0 && !pair.exactEntryId) {
      const existing = await findOurEntry(ctx, built.entry, built.totals.incl);
      if (existing) {
        await updatePair(ctx.db, pair.id, {
          status: "booked",
          exactEntryId: existing.EntryID,
          exactEntryNumber: existing.EntryNumber ?? null,
          contentHash: hash,
          tlUpdatedAt: doc.updatedAt,
          errorCode: null,
          errorMessage: null,
        });
        await logEvent(ctx.db, {
          connectionId: ctx.connection.id,
          runId,
          documentPairId: pair.id,
          level: "info",
          kind: "document.adopted",
          message: `${label(doc)} ${doc.number} was already in Exact as entry ${existing.EntryNumber} (an earlier attempt had reached Exact); it was linked, not booked again.`,
        });
        return "adopted";
      }
    }

    const documentId = pair.exactDocumentId ?? (await uploadPdf(ctx, doc, customer));
    // Compare-and-set on the attempt counter: a second writer that read the same row loses here.
    if (!(await markPosting(ctx, pair, { exactDocumentId: documentId, contentHash: hash, tlUpdatedAt: doc.updatedAt })))
      return "ignored";
    const created = await exactApi.createSalesEntry(ctx.exact, { ...built.entry, Document: documentId });
    await updatePair(ctx.db, pair.id, {
      status: "booked",
      exactEntryId: created.EntryID,
      exactEntryNumber: created.EntryNumber ?? null,
      errorCode: null,
      errorMessage: null,
    });
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "info",
      kind: "document.booked",
      message: `${label(doc)} ${doc.number} booked in Exact as entry ${created.EntryNumber} (${doc.currency} ${built.totals.incl.toFixed(2)}, with PDF).`,
      details: { entryId: created.EntryID },
    });
    return "booked";
  } catch (error) {
    // Exact names the period in its own (localized) terms; the document's date is the period we sent.
    if (isAppError(error, "EXACT_BUSINESS_RULE") && isClosedPeriodMessage(error.message))
      run.closedPeriods.set(period, error.message);
    if (error instanceof AppError && !error.retryable && inExact)
      return markDrifted(ctx, pair, doc, error.message, runId);
    if (error instanceof AppError && !error.retryable)
      return markFailed(ctx, (await findPair(ctx.db, ctx.connection.id, doc.kind, doc.id)) ?? pair, doc, error, runId);
    throw error;
  }
}

/** Our entry for this document, if one exists: same YourRef, journal and customer, same total. */
async function findOurEntry(ctx: ConnectionContext, entry: exactApi.SalesEntryInput, total: number) {
  const candidates = await exactApi.salesEntriesByYourRef(ctx.exact, entry.YourRef);
  return (
    candidates.find(
      (e) =>
        e.Journal === entry.Journal && e.Customer === entry.Customer && Math.abs((e.AmountFC ?? 0) - total) < 0.005,
    ) ?? null
  );
}

async function markFailed(
  ctx: ConnectionContext,
  pair: Pair,
  doc: SourceDocument,
  error: AppError,
  runId: number,
): Promise<Outcome> {
  // A write that failed after a POST keeps counting its attempts, so the next try looks before posting.
  await updatePair(ctx.db, pair.id, {
    status: "failed",
    errorCode: error.code,
    errorMessage: error.message,
    tlUpdatedAt: doc.updatedAt,
  });
  if (pair.errorMessage !== error.message) {
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "error",
      kind: "document.failed",
      message: `${label(doc)} ${doc.number} was not booked: ${error.message}`,
      details: { code: error.code },
    });
  }
  return "failed";
}

async function markDeleted(ctx: ConnectionContext, ref: DocumentRef, runId: number): Promise<Outcome> {
  const pair = await findPair(ctx.db, ctx.connection.id, ref.kind, ref.id);
  if (!pair || pair.status === "deleted") return "ignored";
  const inExact = Boolean(pair.exactEntryId);
  const message = inExact
    ? `Deleted in Teamleader. Exact entry ${pair.exactEntryNumber} was left as it is: reverse it in Exact if it should not count.`
    : "Deleted in Teamleader before it was booked; nothing was written to Exact.";
  await updatePair(ctx.db, pair.id, { status: "deleted", errorCode: null, errorMessage: message });
  await logEvent(ctx.db, {
    connectionId: ctx.connection.id,
    runId,
    documentPairId: pair.id,
    level: inExact ? "warn" : "info",
    kind: "document.deleted",
    message: `${label({ kind: ref.kind })} ${pair.tlNumber}: ${message}`,
  });
  return "deleted";
}
