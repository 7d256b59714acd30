import { eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import type { Env } from "../env";
import type { SyncMessage } from "./messages";

/** Queues.sendBatch takes at most 100 messages. */
const BATCH = 100;

/** Every 15 minutes: one queue message per active connection, sent in batches (10,000 connections = 100 calls). */
export async function enqueueActiveConnections(env: Env, now = Date.now()): Promise<number> {
  const rows = await createDb(env.DB)
    .select({ id: connections.id })
    .from(connections)
    .where(eq(connections.status, "active"))
    .all();
  for (let i = 0; i < rows.length; i += BATCH) {
    const body = rows
      .slice(i, i + BATCH)
      .map((row): { body: SyncMessage } => ({ body: { connectionId: row.id, trigger: "cron", enqueuedAt: now } }));
    await env.SYNC_QUEUE.sendBatch(body);
  }
  return rows.length;
}
