import { and, eq, ne } from "drizzle-orm";
import type { Db } from "./client";
import { connections } from "./schema";

/**
 * Sets a connection's status from background work (token refresh, a failed run, the dead-letter queue).
 * A disconnected connection is never touched: a run still in flight when a user disconnects must not bring
 * it back (and so clash with a new connection for the same department).
 */
export async function setLiveConnectionStatus(
  db: Db,
  connectionId: string,
  status: "needs_reconsent" | "error",
  reason: string,
): Promise<void> {
  await db
    .update(connections)
    .set({ status, statusReason: reason, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), ne(connections.status, "disconnected")));
}
