import { AppError, isAppError } from "../errors";
import * as exactApi from "../exact/api";
import { isClosedPeriodMessage } from "../exact/closed-period";
import type { FinancialPeriod, SalesEntry } from "../exact/schemas";
import { documentKindLabel } from "../mapping/document-kind";
import { buildSalesEntry } from "../mapping/sales-entry";
import type { SourceDocument } from "../mapping/source";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./context";
import { applyCustomer, type CustomerWrite, planCustomer, undoCustomerWrite } from "./customers";
import { creditedInvoiceNumber, type DocumentRef, fetchSource } from "./document-source";
import type { RunMappings } from "./mapping-context";
import type { Outcome } from "./outcome";
import { claimPair, contentHash, findPair, markPosting, type Pair, settlePair, updatePair } from "./pairs";
import { uploadPdf } from "./pdf";
import { isUncertainWrite } from "./uncertain";
import { markUnreadable } from "./unreadable";
import { markDrifted, updateBookedEntry } from "./update-booked";

/**
 * What one run knows while it works: its id, its mappings, the periods (YYYY-MM) Exact said are closed with
 * its words, and how many writes it left uncertain (then the run is continued soon, to look them up again).
 */
export interface RunScope {
  id: number;
  mappings: RunMappings;
  closedPeriods: Map<string, string>;
  unresolved: number;
  /** Exact's financial periods, read once per run when the first document needs them. */
  financialPeriods?: Promise<FinancialPeriod[]>;
}

export const newRunScope = (id: number, mappings: RunMappings): RunScope => ({
  id,
  mappings,
  closedPeriods: new Map(),
  unresolved: 0,
});

const PLACEHOLDER_CUSTOMER = "00000000-0000-0000-0000-000000000000";
export const label = (doc: { kind: "invoice" | "creditNote" }) => documentKindLabel(doc.kind);

/**
 * Brings one Teamleader document into Exact, exactly once. The pair row is claimed first (UNIQUE); everything
 * that can be known before a write (mapping, closed period, the customer) is checked first; the row says
 * `posting` before the POST is sent. An uncertain write (5xx, timeout) is looked up at once and adopted; if it
 * is not found the row stays `posting` and the next run looks again before any new POST. A business rule that
 * refuses the entry marks the document `failed` and undoes what this attempt wrote (new account, PDF).
 */
export async function syncDocument(ctx: ConnectionContext, run: RunScope, ref: DocumentRef): Promise<Outcome> {
  const runId = run.id;
  let fetched: Awaited<ReturnType<typeof fetchSource>>;
  let creditedNumber: string | null = null;
  try {
    fetched = await fetchSource(ctx, ref);
    if (fetched.state === "found" && fetched.doc.kind === "creditNote")
      creditedNumber = await creditedInvoiceNumber(ctx, fetched.doc);
  } catch (error) {
    if (isAppError(error, "UPSTREAM_BAD_RESPONSE")) return markUnreadable(ctx, ref, error, runId);
    throw error;
  }
  if (fetched.state === "gone") return markDeleted(ctx, ref, runId);
  if (fetched.state === "draft") return "ignored";
  const doc = fetched.doc;
  const startDate = ctx.options.startDate;
  if (doc.departmentId !== ctx.departmentId || (startDate && doc.date < startDate)) return "ignored";

  const pair = await claimPair(ctx.db, ctx.connection.id, doc);
  // Changed or deleted in Exact by someone: a person decides; the engine never books or updates it again.
  if (pair.status === "deleted" || pair.status === "changed_in_exact" || pair.status === "deleted_in_exact")
    return "ignored";
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
  const context = { ...run.mappings, creditedInvoiceNumber: creditedNumber };
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

  if (!inExact && !(await inFinancialPeriod(ctx, run, doc.date))) {
    const message = `Exact has no financial period for ${doc.date} in division ${ctx.exact.division}: create the financial year ${doc.date.slice(0, 4)} in Exact; the document is booked on the next run after that.`;
    return markFailed(ctx, pair, doc, new AppError("FINANCIAL_PERIOD_MISSING", message), runId);
  }

  // What this attempt wrote, so that a refused entry leaves nothing behind.
  const written: Written = {};
  try {
    const plan = await planCustomer(ctx, doc);
    const customer = await applyCustomer(ctx, plan, { runId, documentPairId: pair.id, number: doc.number });
    if (customer.write) written.customer = customer.write;
    const built = buildSalesEntry(doc, { ...context, customerAccountId: customer.accountId });
    if (!built.ok)
      throw new AppError("INTERNAL", "The mapping changed during the run; use Retry on the document to book it.");
    const hash = await contentHash(built.entry);
    if (inExact) {
      if (hash === pair.contentHash) {
        if (pair.tlUpdatedAt !== doc.updatedAt) await updatePair(ctx.db, pair.id, { tlUpdatedAt: doc.updatedAt });
        return "unchanged";
      }
      return await updateBookedEntry(ctx, pair, doc, built.entry, hash, runId);
    }

    // A previous POST may have reached Exact: find it before sending another.
    if (pair.postAttempts > 0) {
      const existing = await findOurEntry(ctx, built.entry, built.totals.incl);
      if (existing) return adopt(ctx, pair, doc, existing, hash, runId, "an earlier attempt had reached Exact");
    }

    if (!pair.exactDocumentId) written.documentId = await uploadPdf(ctx, doc, customer.accountId);
    const documentId = pair.exactDocumentId ?? written.documentId!;
    // Compare-and-set on the attempt counter: a second writer that read the same row loses here.
    if (!(await markPosting(ctx, pair, { exactDocumentId: documentId, contentHash: hash, tlUpdatedAt: doc.updatedAt })))
      return "ignored";
    let created: SalesEntry;
    try {
      created = await exactApi.createSalesEntry(ctx.exact, { ...built.entry, Document: documentId });
    } catch (error) {
      if (!isUncertainWrite(error)) throw error;
      // Exact may have committed it: look now, in this run, rather than leave it for a person or the next run.
      const existing = await findOurEntry(ctx, built.entry, built.totals.incl);
      if (existing)
        return adopt(
          ctx,
          pair,
          doc,
          existing,
          hash,
          runId,
          `Exact's answer to the POST was unclear (${error.message})`,
        );
      return leaveUncertain(ctx, run, pair, doc, error);
    }
    await settlePair(
      ctx.db,
      pair.id,
      {
        status: "booked",
        exactEntryId: created.EntryID,
        exactEntryNumber: created.EntryNumber ?? null,
        errorCode: null,
        errorMessage: null,
      },
      {
        connectionId: ctx.connection.id,
        runId,
        documentPairId: pair.id,
        level: "info",
        kind: "document.booked",
        message: `${label(doc)} ${doc.number} booked in Exact as entry ${created.EntryNumber} (${doc.currency} ${built.totals.incl.toFixed(2)}, with PDF).`,
        details: { entryId: created.EntryID },
      },
    );
    return "booked";
  } catch (error) {
    if (isUncertainWrite(error)) {
      const current = (await findPair(ctx.db, ctx.connection.id, doc.kind, doc.id)) ?? pair;
      return leaveUncertain(ctx, run, current, doc, error);
    }
    // A lost grant is the connection's problem, not this document's: stop the run (the connection waits for
    // a reconnect) instead of failing every document that follows; nothing is undone, as nothing was refused.
    if (isAppError(error, "RECONSENT_REQUIRED")) throw error;
    // Exact names the period in its own (localized) terms; the document's date is the period we sent.
    if (isAppError(error, "EXACT_BUSINESS_RULE") && isClosedPeriodMessage(error.message))
      run.closedPeriods.set(period, error.message);
    if (error instanceof AppError && !error.retryable && inExact)
      return markDrifted(ctx, pair, doc, error.message, runId);
    if (error instanceof AppError && !error.retryable) {
      const current = (await findPair(ctx.db, ctx.connection.id, doc.kind, doc.id)) ?? pair;
      await undoWrites(ctx, current, written, runId);
      return markFailed(ctx, current, doc, error, runId);
    }
    throw error;
  }
}

/** Whether the date lies in one of the division's financial periods (unknown when Exact lists none). */
async function inFinancialPeriod(ctx: ConnectionContext, run: RunScope, date: string): Promise<boolean> {
  run.financialPeriods ??= exactApi.financialPeriods(ctx.exact);
  const periods = await run.financialPeriods;
  if (periods.length === 0) return true;
  return periods.some(
    (p) => p.StartDate && p.EndDate && p.StartDate.slice(0, 10) <= date && date <= p.EndDate.slice(0, 10),
  );
}

/** Links an entry found in Exact instead of posting one: it carries our YourRef, journal, customer and total. */
async function adopt(
  ctx: ConnectionContext,
  pair: Pair,
  doc: SourceDocument,
  existing: SalesEntry,
  hash: string,
  runId: number,
  why: string,
): Promise<Outcome> {
  await settlePair(
    ctx.db,
    pair.id,
    {
      status: "booked",
      exactEntryId: existing.EntryID,
      exactEntryNumber: existing.EntryNumber ?? null,
      contentHash: hash,
      tlUpdatedAt: doc.updatedAt,
      errorCode: null,
      errorMessage: null,
    },
    {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "info",
      kind: "document.adopted",
      message: `${label(doc)} ${doc.number} was already in Exact as entry ${existing.EntryNumber} (${why}); it was linked, not booked again.`,
    },
  );
  return "adopted";
}

/** Not found after an unclear write: keep the row as it is (`posting` looks before posting) and retry soon. */
async function leaveUncertain(
  ctx: ConnectionContext,
  run: RunScope,
  pair: Pair,
  doc: SourceDocument,
  error: AppError,
): Promise<Outcome> {
  run.unresolved++;
  await logEvent(ctx.db, {
    connectionId: ctx.connection.id,
    runId: run.id,
    documentPairId: pair.id,
    level: "warn",
    kind: "document.uncertain",
    message: `${label(doc)} ${doc.number}: ${error.message} Nothing was found in Exact yet; the next run looks again before writing.`,
  });
  return "ignored";
}

/** What one attempt wrote to Exact before its entry: the PDF document and a customer change. */
interface Written {
  documentId?: string;
  customer?: CustomerWrite;
}

/** Exact refused the entry: remove what this attempt wrote (PDF, new account, status C), so nothing is left behind. */
async function undoWrites(ctx: ConnectionContext, pair: Pair, written: Written, runId: number) {
  // A PDF kept from an earlier attempt goes too: that attempt's entry was looked for and not found.
  const documentId = written.documentId ?? pair.exactDocumentId;
  try {
    if (documentId) {
      await exactApi.deleteDocument(ctx.exact, documentId);
      await updatePair(ctx.db, pair.id, { exactDocumentId: null });
    }
    if (written.customer) await undoCustomerWrite(ctx, written.customer);
  } catch (error) {
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "warn",
      kind: "document.undo_failed",
      message: `What was written to Exact for ${pair.tlNumber} before it was refused could not all be removed (${error instanceof Error ? error.message : String(error)}).`,
    });
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
