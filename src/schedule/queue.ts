import { eq } from "drizzle-orm";
import { connectionClient } from "../connection/client";
import { transition } from "../connection/lifecycle";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import type { Env } from "../env";
import { logEvent } from "../sync/audit";
import { SyncMessage } from "./messages";

export const DEAD_LETTER_QUEUE = "teamleader-exact-sync-dlq";

/**
 * The sync queue hands each message to its connection's Durable Object. A failure is retried with an
 * exponential delay; after the last retry the message lands in the dead-letter queue, whose consumer
 * records the failure on the connection so the dashboard shows it.
 */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deadLetters = batch.queue === DEAD_LETTER_QUEUE;
  for (const message of batch.messages) {
    const parsed = SyncMessage.safeParse(message.body);
    if (!parsed.success) {
      console.error(`Dropped a malformed sync message: ${parsed.error.issues[0]?.message}`);
      message.ack();
      continue;
    }
    try {
      if (deadLetters) await recordDeadLetter(env, parsed.data, message.attempts);
      else
        await connectionClient(env, parsed.data.connectionId).sync(
          parsed.data.trigger === "manual" ? "manual" : "cron",
        );
      message.ack();
    } catch (error) {
      console.error(`Sync of ${parsed.data.connectionId} failed (attempt ${message.attempts}):`, error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

/** Exponential back-off: 30 s, 60 s, 120 s … capped at an hour. */
export const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** (Math.max(1, attempts) - 1), 3600);

async function recordDeadLetter(env: Env, message: SyncMessage, attempts: number) {
  const db = createDb(env.DB);
  const exists = await db
    .select({ id: connections.id })
    .from(connections)
    .where(eq(connections.id, message.connectionId))
    .get();
  if (!exists) return;
  const reason = `The ${message.trigger} sync of ${new Date(message.enqueuedAt).toISOString()} failed after all retries; it will be tried again on the next schedule.`;
  await transition(db, message.connectionId, "failed", { by: "background", changes: { statusReason: reason } });
  await logEvent(db, {
    connectionId: message.connectionId,
    level: "error",
    kind: "run.dead_letter",
    message: reason,
    details: { attempts },
  });
}
