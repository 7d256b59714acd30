import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type CONNECTION_STATUSES, connections } from "../db/schema";
import { AppError } from "../errors";

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * Every status change of a connection, as a state machine: each event names the statuses it may leave.
 * `reconnected` goes back to `active` for a connection that was live, else to `setup`.
 */
const TRANSITIONS = {
  activate: { from: ["setup", "active"], to: "active" },
  pause: { from: ["active", "error"], to: "paused" },
  resume: { from: ["paused", "error"], to: "active" },
  /** The division or journal of a live connection changed: it waits until the mappings are saved again. */
  reviewMappings: { from: ["active", "paused", "error"], to: "paused" },
  disconnect: { from: ["setup", "active", "paused", "needs_reconsent", "error"], to: "disconnected" },
  lostConsent: { from: ["setup", "active", "paused", "error"], to: "needs_reconsent" },
  failed: { from: ["active"], to: "error" },
  reconnected: { from: ["needs_reconsent", "error"], to: "activeOrSetup" },
} as const satisfies Record<string, { from: readonly ConnectionStatus[]; to: ConnectionStatus | "activeOrSetup" }>;

export type LifecycleEvent = keyof typeof TRANSITIONS;

type Changes = Partial<typeof connections.$inferInsert>;

/** The update for `event`, guarded by the statuses it may leave (compare-and-set); for a D1 batch. */
export function transitionStatement(db: Db, connectionId: string, event: LifecycleEvent, changes: Changes = {}) {
  const { from, to } = TRANSITIONS[event];
  const status =
    to === "activeOrSetup" ? sql`CASE WHEN ${connections.activatedAt} IS NULL THEN 'setup' ELSE 'active' END` : to;
  return db
    .update(connections)
    .set({ statusReason: null, ...changes, status: status as ConnectionStatus, updatedAt: new Date() })
    .where(and(eq(connections.id, connectionId), inArray(connections.status, [...from])));
}

/**
 * Applies `event`. A person's action on a connection in the wrong status is a 409 that says why; background
 * work (a refresh failure, a dead letter) just does nothing, so it can never revive a disconnected connection.
 */
export async function transition(
  db: Db,
  connectionId: string,
  event: LifecycleEvent,
  options: { by: "user" | "background"; changes?: Changes },
): Promise<boolean> {
  const result = await transitionStatement(db, connectionId, event, options.changes).run();
  if (result.meta.changes > 0) return true;
  if (options.by === "background") return false;
  const current = await db
    .select({ status: connections.status })
    .from(connections)
    .where(eq(connections.id, connectionId))
    .get();
  if (!current) throw new AppError("NOT_FOUND", "There is no such connection.");
  if (current.status === TRANSITIONS[event].to) return false;
  throw new AppError(
    "CONFLICT",
    `This connection is ${statusWords[current.status]}, so it cannot ${eventWords[event]}.`,
  );
}

/** For a token store: a grant that is gone makes the connection wait for a person to connect again. */
export const onGrantLost = (db: Db, connectionId: string) => (reason: string) =>
  transition(db, connectionId, "lostConsent", { by: "background", changes: { statusReason: reason } });

export const canLeave = (event: LifecycleEvent, status: ConnectionStatus) =>
  (TRANSITIONS[event].from as readonly ConnectionStatus[]).includes(status);

const statusWords: Record<ConnectionStatus, string> = {
  setup: "still being set up",
  active: "active",
  paused: "paused",
  needs_reconsent: "waiting to be connected again",
  error: "stopped by an error",
  disconnected: "disconnected",
};

const eventWords: Record<LifecycleEvent, string> = {
  activate: "be activated",
  pause: "be paused",
  resume: "be resumed",
  reviewMappings: "have its administration or journal changed",
  disconnect: "be disconnected",
  lostConsent: "lose its consent",
  failed: "be marked failed",
  reconnected: "be reconnected",
};
