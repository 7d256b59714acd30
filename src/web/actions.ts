import { connectionClient } from "../connection/client";
import type { Db } from "../db/client";
import type { connections } from "../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import type { RunTrigger } from "../sync/audit";
import { retryFailed, setPaused } from "./operations";

type Connection = typeof connections.$inferSelect;
export interface ActionContext {
  env: Env;
  db: Db;
  executionCtx: ExecutionContext;
}
/** What the page says afterwards (`?notice=`); the API answers 202 either way. */
type Action = (ctx: ActionContext, connection: Connection) => Promise<{ notice?: string }>;

/** Starts a run now rather than at the next quarter hour; its outcome shows in the runs table. */
function runSoon(ctx: ActionContext, connectionId: string, trigger: RunTrigger) {
  ctx.executionCtx.waitUntil(
    connectionClient(ctx.env, connectionId)
      .sync(trigger)
      .catch((error: unknown) => console.error(`${trigger} run of ${connectionId} failed`, error)),
  );
}

function requireActive(connection: Connection) {
  if (connection.status !== "active")
    throw new AppError("CONFLICT", `This connection is ${connection.status}; resume or reconnect it first.`);
}

/** Every action on a connection, for the pages and the JSON API alike, so the two cannot drift apart. */
export const CONNECTION_ACTIONS = new Map<string, Action>([
  [
    "activate",
    async (ctx, connection) => {
      await connectionClient(ctx.env, connection.id).activate();
      runSoon(ctx, connection.id, "setup");
      return { notice: "activated" };
    },
  ],
  [
    "sync",
    async (ctx, connection) => {
      requireActive(connection);
      runSoon(ctx, connection.id, "manual");
      return { notice: "queued" };
    },
  ],
  [
    "retry",
    async (ctx, connection) => {
      requireActive(connection);
      await retryFailed(ctx.db, connection.id);
      runSoon(ctx, connection.id, "manual");
      return { notice: "queued" };
    },
  ],
  [
    "pause",
    async (ctx, connection) => {
      await setPaused(ctx.db, connection.id, true);
      return {};
    },
  ],
  [
    "resume",
    async (ctx, connection) => {
      await setPaused(ctx.db, connection.id, false);
      runSoon(ctx, connection.id, "manual");
      return { notice: "queued" };
    },
  ],
  [
    "disconnect",
    async (ctx, connection) => {
      await connectionClient(ctx.env, connection.id).disconnect();
      return {};
    },
  ],
]);

export function connectionAction(name: string): Action {
  const action = CONNECTION_ACTIONS.get(name);
  if (!action) throw new AppError("NOT_FOUND", `Unknown action; one of ${[...CONNECTION_ACTIONS.keys()].join(", ")}.`);
  return action;
}
