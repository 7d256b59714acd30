import { and, eq, inArray, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { documentPairs } from "../db/schema";
import { AppError } from "../errors";
import { emptyCounts, type RunCounts } from "./audit";
import { newRunScope, syncDocument } from "./book-document";
import type { ConnectionContext } from "./context";
import { listAndSync, listLive, type StopCheck } from "./list-documents";
import { loadRunMappings } from "./mapping-context";
import type { Outcome } from "./outcome";
import { paymentsBack } from "./payments-back";

export interface RunResult {
  counts: RunCounts;
  /** Work is left: continue in a new invocation (a Durable Object alarm). */
  more: boolean;
  /** When to continue (a rate limit's reset, or a back-off after an outage). */
  retryAt?: number;
  error?: string;
}

const RETRY_BATCH = 200;

/**
 * Documents to look at again every run: left `posting` or `pending`, or `failed` for a mapping or financial
 * year that may exist by now. Written as `status IN (…)` so that D1 reads only those rows through the
 * (connection, status) index, not every document the connection ever booked.
 */
export const documentsToRetry = (db: Db, connectionId: string) =>
  db
    .select({ tlType: documentPairs.tlType, tlId: documentPairs.tlId })
    .from(documentPairs)
    .where(
      and(
        eq(documentPairs.connectionId, connectionId),
        inArray(documentPairs.status, ["posting", "pending", "failed"]),
        or(
          ne(documentPairs.status, "failed"),
          inArray(documentPairs.errorCode, ["MAPPING_MISSING", "FINANCIAL_PERIOD_MISSING"]),
        ),
      ),
    )
    .limit(RETRY_BATCH);

/**
 * One run for a connection, until `stop` says so (its budget is spent, or a webhook waits for its turn):
 * live work first (documents changed since a running historical export started), then the documents left
 * uncertain (`posting`) or blocked by a mapping, then the listing of invoices and credit notes (which is
 * where the historical export advances), then payments back. A stop or an outage ends the run early with
 * `more`; a document's own business error never does.
 */
export async function runSync(ctx: ConnectionContext, runId: number, stop: StopCheck): Promise<RunResult> {
  const counts = emptyCounts();
  const tally = (outcome: Outcome) => {
    if (outcome !== "ignored") counts[outcome]++;
  };
  try {
    const run = newRunScope(runId, await loadRunMappings(ctx));
    const kinds = ctx.options.syncCreditNotes ? (["invoice", "creditNote"] as const) : (["invoice"] as const);
    for (const kind of kinds) {
      if (!(await listLive(ctx, kind, run, tally, stop))) return { counts, more: true };
    }
    const again = await documentsToRetry(ctx.db, ctx.connection.id);
    for (const pair of again) {
      tally(await syncDocument(ctx, run, { kind: pair.tlType, id: pair.tlId }));
      if (stop()) return { counts, more: true };
    }
    // The export stopped by Exact's limits (or by the reserve it leaves) still lets payments come back.
    let exportHeld: AppError | undefined;
    for (const kind of kinds) {
      const done = await listAndSync(ctx, kind, run, tally, stop).catch((error: unknown) => {
        if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
        exportHeld = error;
        return true;
      });
      if (!done) return { counts, more: true };
    }
    counts.paidBack += await paymentsBack(ctx, runId);
    if (exportHeld) throw exportHeld;
    // Writes Exact answered unclearly and that were not found yet: look again soon, without anyone pressing retry.
    if (run.unresolved > 0) return { counts, more: true, retryAt: Date.now() + 60_000 };
    return { counts, more: false };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "RATE_LIMITED")
      return { counts, more: true, retryAt: error.retryAt ?? Date.now() + 60_000, error: error.message };
    if (error.retryable) return { counts, more: true, retryAt: Date.now() + 60_000, error: error.message };
    return { counts, more: false, error: error.message };
  }
}
