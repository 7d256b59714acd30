import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { events, syncRuns } from "../db/schema";

export interface EventInput {
  connectionId: string;
  runId?: number | null;
  documentPairId?: number | null;
  level: "info" | "warn" | "error";
  kind: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Appends to the audit trail; messages are written for the people who read them. */
export async function logEvent(db: Db, event: EventInput): Promise<void> {
  await db
    .insert(events)
    .values({ ...event, runId: event.runId ?? null, documentPairId: event.documentPairId ?? null });
}

export type RunTrigger = (typeof syncRuns.$inferInsert)["trigger"];
export type RunCounts = Record<
  "booked" | "updated" | "failed" | "skipped" | "drifted" | "deleted" | "adopted" | "paidBack" | "unchanged",
  number
>;

export const emptyCounts = (): RunCounts => ({
  booked: 0,
  updated: 0,
  failed: 0,
  skipped: 0,
  drifted: 0,
  deleted: 0,
  adopted: 0,
  paidBack: 0,
  unchanged: 0,
});

export async function startRun(db: Db, connectionId: string, trigger: RunTrigger): Promise<number> {
  const row = await db.insert(syncRuns).values({ connectionId, trigger }).returning({ id: syncRuns.id }).get();
  return row.id;
}

export async function finishRun(
  db: Db,
  runId: number,
  counts: RunCounts & Record<string, number>,
  error: string | null,
) {
  const work = (Object.keys(emptyCounts()) as (keyof RunCounts)[]).some((k) => counts[k] > 0);
  const status = error ? (work ? "partial" : "failed") : counts.failed > 0 ? "partial" : "succeeded";
  await db.update(syncRuns).set({ status, counts, error, finishedAt: new Date() }).where(eq(syncRuns.id, runId));
}
