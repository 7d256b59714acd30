import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { cursors } from "../db/schema";

export async function readCursor<T>(db: Db, connectionId: string, name: string): Promise<T | null> {
  const row = await db
    .select()
    .from(cursors)
    .where(and(eq(cursors.connectionId, connectionId), eq(cursors.name, name)))
    .get();
  return row ? (JSON.parse(row.value) as T) : null;
}

export async function writeCursor(db: Db, connectionId: string, name: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insert(cursors)
    .values({ connectionId, name, value: text })
    .onConflictDoUpdate({ target: [cursors.connectionId, cursors.name], set: { value: text, updatedAt: new Date() } });
}
