import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { documentPairs, events } from "../db/schema";
import { AppError } from "../errors";
import type { SourceDocument } from "../mapping/source";
import type { EventInput } from "./audit";

export type Pair = typeof documentPairs.$inferSelect;
export type PairPatch = Partial<Omit<typeof documentPairs.$inferInsert, "id" | "connectionId" | "tlType" | "tlId">>;

/** Finds or creates the pair row for a document (UNIQUE on connection + type + id makes this race-free). */
export async function claimPair(db: Db, connectionId: string, doc: SourceDocument): Promise<Pair> {
  const display = {
    tlNumber: doc.number,
    customerName: doc.customer.name,
    documentDate: doc.date,
    totalIncl: doc.totalIncl,
    currency: doc.currency,
  };
  await db
    .insert(documentPairs)
    .values({ connectionId, tlType: doc.kind, tlId: doc.id, ...display })
    .onConflictDoNothing();
  const pair = await findPair(db, connectionId, doc.kind, doc.id);
  if (!pair) throw new AppError("INTERNAL", `The record of ${doc.kind} ${doc.id} vanished during the run.`);
  return pair;
}

export function findPair(db: Db, connectionId: string, tlType: Pair["tlType"], tlId: string) {
  return db
    .select()
    .from(documentPairs)
    .where(
      and(eq(documentPairs.connectionId, connectionId), eq(documentPairs.tlType, tlType), eq(documentPairs.tlId, tlId)),
    )
    .get();
}

export async function updatePair(db: Db, id: number, patch: PairPatch): Promise<void> {
  await db
    .update(documentPairs)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(documentPairs.id, id));
}

/** The pair's new state and the history line that explains it, in one batch: never one without the other. */
export async function settlePair(db: Db, id: number, patch: PairPatch, event: EventInput): Promise<void> {
  await db.batch([
    db
      .update(documentPairs)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(documentPairs.id, id)),
    db.insert(events).values({ ...event, runId: event.runId ?? null, documentPairId: event.documentPairId ?? id }),
  ]);
}

/** Moves a pair to `posting` only if nobody else did since we read it; false when we lost the race. */
export async function markPosting(ctx: { db: Db }, pair: Pair, patch: PairPatch): Promise<boolean> {
  const changed = await ctx.db
    .update(documentPairs)
    .set({ ...patch, status: "posting", postAttempts: pair.postAttempts + 1, updatedAt: new Date() })
    .where(and(eq(documentPairs.id, pair.id), eq(documentPairs.postAttempts, pair.postAttempts)))
    .returning({ id: documentPairs.id });
  return changed.length === 1;
}

/** The Exact entry as we built it, without the PDF link: a changed hash means the document was edited. */
export async function contentHash(entry: object): Promise<string> {
  const { Document, ...rest } = entry as Record<string, unknown>;
  const bytes = new TextEncoder().encode(JSON.stringify(rest));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}
