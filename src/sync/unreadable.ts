import { eq } from "drizzle-orm";
import { documentPairs } from "../db/schema";
import type { AppError } from "../errors";
import { documentKindLabel } from "../mapping/document-kind";
import { logEvent } from "./audit";
import type { ConnectionContext } from "./context";
import type { DocumentRef } from "./document-source";
import type { Outcome } from "./outcome";
import { findPair } from "./pairs";

/**
 * Teamleader's answer for this document does not match what we can read. It fails alone (the run goes on),
 * with a message that names the document and the field; it is read again when it changes in Teamleader.
 * A document already in Exact keeps its entry and becomes `drifted`.
 */
export async function markUnreadable(
  ctx: ConnectionContext,
  ref: DocumentRef,
  error: AppError,
  runId: number,
): Promise<Outcome> {
  await ctx.db
    .insert(documentPairs)
    .values({ connectionId: ctx.connection.id, tlType: ref.kind, tlId: ref.id, tlNumber: ref.number ?? null })
    .onConflictDoNothing();
  const pair = await findPair(ctx.db, ctx.connection.id, ref.kind, ref.id);
  if (!pair || pair.status === "deleted") return "ignored";
  const what = `${documentKindLabel(ref.kind)} ${pair.tlNumber ?? ref.number ?? ref.id}`;
  const inExact = Boolean(pair.exactEntryId);
  const message = `${what} could not be read: ${error.message}.${inExact ? ` Exact entry ${pair.exactEntryNumber} was left as it is.` : ""}`;
  await ctx.db
    .update(documentPairs)
    .set({
      status: inExact ? "drifted" : "failed",
      errorCode: error.code,
      errorMessage: message,
      ...(ref.updatedAt ? { tlUpdatedAt: ref.updatedAt } : {}),
      updatedAt: new Date(),
    })
    .where(eq(documentPairs.id, pair.id));
  if (pair.errorMessage !== message)
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "error",
      kind: "document.unreadable",
      message,
      details: { code: error.code },
    });
  return inExact ? "drifted" : "failed";
}
