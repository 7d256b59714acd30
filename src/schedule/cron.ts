import { eq } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { connections } from "../db/schema";
import type { Env } from "../env";
import type { SyncMessage } from "./messages";

/** Queues.sendBatch takes at most 100 messages. */
const BATCH = 100;

/** The cron's one query: found through the status index. */
export const activeConnections = (db: Db) =>
  db.select({ id: connections.id }).from(connections).where(eq(connections.status, "active"));

/** Every 15 minutes: one queue message per active connection, sent in batches (10,000 connections = 100 calls). */
export async function enqueueActiveConnections(env: Env, now = Date.now()): Promise<number> {
  const rows = await activeConnections(createDb(env.DB)).all();
  for (let i = 0; i < rows.length; i += BATCH) {
    const body = rows
      .slice(i, i + BATCH)
      .map((row): { body: SyncMessage } => ({ body: { connectionId: row.id, trigger: "cron", enqueuedAt: now } }));
    await env.SYNC_QUEUE.sendBatch(body);
  }
  return rows.length;
}
