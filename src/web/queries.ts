import { and, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { documentPairs, events, syncRuns } from "../db/schema";

/** Documents per status for one connection. */
export async function statusCounts(db: Db, connectionId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: documentPairs.status, n: count() })
    .from(documentPairs)
    .where(eq(documentPairs.connectionId, connectionId))
    .groupBy(documentPairs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export function documentList(db: Db, connectionId: string, filter: { status?: string; q?: string }, limit = 50) {
  const conditions = [eq(documentPairs.connectionId, connectionId)];
  if (filter.status)
    conditions.push(eq(documentPairs.status, filter.status as (typeof documentPairs.$inferSelect)["status"]));
  if (filter.q) {
    // instr, not LIKE: D1 refuses LIKE patterns over 50 bytes, and `%` or `_` must be found as typed.
    const term = filter.q.toLowerCase();
    conditions.push(
      or(
        sql`instr(lower(${documentPairs.tlNumber}), ${term}) > 0`,
        sql`instr(lower(${documentPairs.customerName}), ${term}) > 0`,
      )!,
    );
  }
  return db
    .select()
    .from(documentPairs)
    .where(and(...conditions))
    .orderBy(desc(documentPairs.documentDate), desc(documentPairs.id))
    .limit(limit)
    .all();
}

export const lastRuns = (db: Db, connectionId: string, limit = 20) =>
  db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.connectionId, connectionId))
    .orderBy(desc(syncRuns.id))
    .limit(limit)
    .all();

export const documentHistory = (db: Db, connectionId: string, pairId: number) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.connectionId, connectionId), eq(events.documentPairId, pairId)))
    .orderBy(desc(events.id))
    .all();

export const allEvents = (db: Db, connectionId: string) =>
  db.select().from(events).where(eq(events.connectionId, connectionId)).orderBy(desc(events.id)).limit(10_000).all();

/** RFC 4180 CSV. */
export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? "" : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** Runs that stopped for a rate limit or an outage and continue by themselves (the engine logs them as a warning). */
export async function pausedRunIds(db: Db, connectionId: string, runIds: number[]): Promise<Set<number>> {
  if (!runIds.length) return new Set();
  const rows = await db
    .select({ runId: events.runId })
    .from(events)
    .where(
      and(
        eq(events.connectionId, connectionId),
        eq(events.kind, "run.stopped"),
        eq(events.level, "warn"),
        inArray(events.runId, runIds),
      ),
    )
    .all();
  return new Set(rows.map((r) => r.runId!));
}
