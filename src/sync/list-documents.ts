import { and, eq, inArray } from "drizzle-orm";
import { documentPairs } from "../db/schema";
import * as tl from "../teamleader/api";
import { type RunScope, syncDocument } from "./book-document";
import type { ConnectionContext } from "./context";
import { readCursor, writeCursor } from "./cursors";
import type { Outcome } from "./outcome";

/** Where a listing pass is: documents updated since `since`, resumed at `page`. */
interface ListCursor {
  since: string | null;
  page: number;
  passStartedAt: string;
}

/** Teamleader wants ISO-8601 with an offset and no fractional seconds for `updated_since`. */
const teamleaderTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
// Documents updated while a pass runs are caught by the next pass: it starts a little before this one did.
const OVERLAP_MS = 5 * 60_000;

/**
 * One incremental pass over invoices or credit notes, page by page. The cursor is saved after every page,
 * so a run stopped by its deadline or a rate limit resumes on the same page. Documents whose Teamleader
 * `updated_at` we already processed are skipped without a call. Returns false when stopped early.
 */
export async function listAndSync(
  ctx: ConnectionContext,
  kind: "invoice" | "creditNote",
  run: RunScope,
  tally: (o: Outcome) => void,
  deadline: number,
): Promise<boolean> {
  const name = `${kind}.list`;
  const stored = await readCursor<ListCursor>(ctx.db, ctx.connection.id, name);
  const cursor: ListCursor =
    stored && stored.page > 1
      ? stored
      : { since: stored?.since ?? null, page: 1, passStartedAt: teamleaderTime(Date.now() - OVERLAP_MS) };
  const base = { department_id: ctx.departmentId, ...(cursor.since ? { updated_since: cursor.since } : {}) };
  const start = ctx.options.startDate ?? undefined;
  const pages =
    kind === "invoice"
      ? tl.invoicePages(
          ctx.tl,
          { ...base, status: ["outstanding", "matched"], ...(start ? { invoice_date_after: start } : {}) },
          cursor.page,
        )
      : tl.creditNotePages(ctx.tl, { ...base, ...(start ? { credit_note_date_after: start } : {}) }, cursor.page);

  for await (const page of pages) {
    const seen = await processedVersions(
      ctx,
      kind,
      page.map((item) => item.id),
    );
    for (const item of page) {
      if (seen.get(item.id) === item.updated_at) continue;
      const number = ("invoice_number" in item ? item.invoice_number : item.credit_note_number) ?? undefined;
      tally(await syncDocument(ctx, run, { kind, id: item.id, number, updatedAt: item.updated_at }));
      if (Date.now() > deadline) {
        await writeCursor(ctx.db, ctx.connection.id, name, cursor);
        return false;
      }
    }
    cursor.page++;
    await writeCursor(ctx.db, ctx.connection.id, name, cursor);
  }
  await writeCursor(ctx.db, ctx.connection.id, name, {
    since: cursor.passStartedAt,
    page: 1,
    passStartedAt: cursor.passStartedAt,
  });
  return true;
}

/** D1 binds at most 100 parameters per statement. */
const ID_CHUNK = 90;

/** The Teamleader `updated_at` we last processed, for the documents of one page (two D1 queries for 100). */
export async function processedVersions(
  ctx: Pick<ConnectionContext, "db" | "connection">,
  kind: "invoice" | "creditNote",
  ids: string[],
): Promise<Map<string, string | null>> {
  const rows = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    rows.push(
      ...(await ctx.db
        .select({ tlId: documentPairs.tlId, tlUpdatedAt: documentPairs.tlUpdatedAt, status: documentPairs.status })
        .from(documentPairs)
        .where(
          and(
            eq(documentPairs.connectionId, ctx.connection.id),
            eq(documentPairs.tlType, kind),
            inArray(documentPairs.tlId, ids.slice(i, i + ID_CHUNK)),
          ),
        )),
    );
  }
  // Documents still `posting` or `pending` are never considered processed.
  return new Map(
    rows.filter((r) => r.status !== "posting" && r.status !== "pending").map((r) => [r.tlId, r.tlUpdatedAt]),
  );
}
