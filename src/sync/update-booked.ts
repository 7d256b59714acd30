import { AppError } from "../errors";
import * as exactApi from "../exact/api";
import { documentKindLabel } from "../mapping/document-kind";
import type { SourceDocument } from "../mapping/source";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./context";
import type { Outcome } from "./outcome";
import { type Pair, settlePair, updatePair } from "./pairs";

const kindLabel = (doc: { kind: "invoice" | "creditNote" }) => documentKindLabel(doc.kind);

/**
 * A booked document changed in Teamleader. If Exact still allows it (not paid, period open), the entry is
 * brought in line: header by PUT, lines replaced (new ones added, old ones deleted, as Exact has no line
 * PUT semantics for this). Otherwise the pair is marked drifted with the reason, and Exact is left alone.
 */
/** Exact and Teamleader no longer agree and we will not (or cannot) fix it: say why, leave Exact alone. */
export async function markDrifted(
  ctx: ConnectionContext,
  pair: Pair,
  doc: SourceDocument,
  reason: string,
  runId: number,
): Promise<Outcome> {
  const message = `Changed in Teamleader after booking, but Exact entry ${pair.exactEntryNumber} was not updated: ${reason}`;
  await updatePair(ctx.db, pair.id, {
    status: "drifted",
    errorCode: null,
    errorMessage: message,
    tlUpdatedAt: doc.updatedAt,
  });
  if (pair.errorMessage !== message) {
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "warn",
      kind: "document.drifted",
      message: `${kindLabel(doc)} ${doc.number}: ${message}`,
    });
  }
  return "drifted";
}

export async function updateBookedEntry(
  ctx: ConnectionContext,
  pair: Pair,
  doc: SourceDocument,
  entry: exactApi.SalesEntryInput,
  hash: string,
  runId: number,
): Promise<Outcome> {
  const entryId = pair.exactEntryId!;
  const drift = (reason: string) => markDrifted(ctx, pair, doc, reason, runId);
  if (pair.exactPaid) return drift("it is already paid in Exact. Correct the entry in Exact by hand if needed.");

  const { SalesEntryLines, Journal, Document, ...header } = entry;
  try {
    await exactApi.updateSalesEntry(ctx.exact, entryId, header);
  } catch (error) {
    if (error instanceof AppError && !error.retryable) return drift(`Exact refused the change (${error.message}).`);
    throw error;
  }
  const oldLines = await exactApi.salesEntryLines(ctx.exact, entryId);
  try {
    for (const line of SalesEntryLines) await exactApi.addSalesEntryLine(ctx.exact, entryId, line);
    for (const line of oldLines) await exactApi.deleteSalesEntryLine(ctx.exact, line.ID);
  } catch (error) {
    if (error instanceof AppError && !error.retryable)
      return drift(`the lines could only be partly replaced (${error.message}); check the entry in Exact.`);
    throw error;
  }
  await settlePair(
    ctx.db,
    pair.id,
    {
      status: "booked",
      contentHash: hash,
      tlUpdatedAt: doc.updatedAt,
      customerName: doc.customer.name,
      totalIncl: doc.totalIncl,
      documentDate: doc.date,
      errorCode: null,
      errorMessage: null,
    },
    {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "info",
      kind: "document.updated",
      message: `${kindLabel(doc)} ${doc.number} changed in Teamleader; Exact entry ${pair.exactEntryNumber} was updated to match.`,
    },
  );
  return "updated";
}
