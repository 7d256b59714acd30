import { and, eq, ne } from "drizzle-orm";
import type { Context } from "hono";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import { AppError } from "../errors";
import type { AppEnv } from "./app-env";

/** A connection of the signed-in user's Teamleader account; any other id is a 404, never a 403. */
export async function ownConnection(c: Context<AppEnv>, id: string) {
  const session = c.get("session");
  const row = await createDb(c.get("env").DB)
    .select()
    .from(connections)
    .where(
      and(eq(connections.id, id), eq(connections.accountId, session.accountId), ne(connections.status, "disconnected")),
    )
    .get();
  if (!row) throw new AppError("NOT_FOUND", "There is no such connection in your Teamleader account.");
  return row;
}
