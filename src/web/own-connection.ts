import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import { AppError } from "../errors";
import type { AppEnv } from "./app-env";
import { t } from "./i18n";

/**
 * Any connection of the signed-in user's Teamleader account, disconnected ones included: for pages that only
 * read (its documents and history stay visible). Any other id is a 404, never a 403.
 */
export async function ownConnectionToRead(c: Context<AppEnv>, id: string) {
  const row = await createDb(c.get("env").DB)
    .select()
    .from(connections)
    .where(and(eq(connections.id, id), eq(connections.accountId, c.get("session").accountId)))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "There is no such connection in your Teamleader account.");
  return row;
}

/** A connection that can still change: a disconnected one is read-only, so every write to it is a 409. */
export async function ownConnection(c: Context<AppEnv>, id: string) {
  const row = await ownConnectionToRead(c, id);
  if (row.status === "disconnected") throw new AppError("CONFLICT", t(c.get("lang"), "disconnectedReadOnly"));
  return row;
}
