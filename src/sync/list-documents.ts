import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { documentPairs } from "../db/schema";
import * as tl from "../teamleader/api";
import { type RunScope, syncDocument } from "./book-document";
import type { ConnectionContext } from "./context";
import { readCursor, writeCursor } from "./cursors";
import type { Outcome } from "./outcome";

/** Where a listing pass is: documents updated since `since`, resumed at `page`. `since: null` = the historical export. */
export interface ListCursor {
  since: string | null;
  page: number;
  passStartedAt: string;
}

/** While the historical export is unfinished: the live pass has covered documents updated since `since`. */
interface LiveCursor {
  since: string;
}

/** Teamleader wants ISO-8601 with an offset and no fractional seconds for `updated_since`. */
const teamleaderTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
// Documents updated while a pass runs are caught by the next pass: it starts a little before this one did.
const OVERLAP_MS = 5 * 60_000;

/** Whether the run must stop now (its deadline passed, or live work is waiting for its turn). */
export type StopCheck = () => boolean;

type Kind = "invoice" | "creditNote";

/** The historical export of this kind is started and unfinished (its first pass has no `since`). */
export async function exportInProgress(ctx: ConnectionContext, kind: Kind): Promise<ListCursor | null> {
  const stored = await readCursor<ListCursor>(ctx.db, ctx.connection.id, `${kind}.list`);
  return stored && stored.since === null ? stored : null;
}

/**
 * Live before backlog: while the historical export walks forward page by page, documents booked, edited or
 * paid since it started are listed first, by `updated_since`, so they do not wait behind thousands of old
 * ones. Returns false when stopped early (the live cursor then stays, and the next run lists them again;
 * those already done are skipped without a call).
 */
export async function listLive(
  ctx: ConnectionContext,
  kind: Kind,
  run: RunScope,
  tally: (o: Outcome) => void,
  stop: StopCheck,
): Promise<boolean> {
  const backlog = await exportInProgress(ctx, kind);
  if (!backlog) return true;
  const name = `${kind}.live`;
  const live = await readCursor<LiveCursor>(ctx.db, ctx.connection.id, name);
  const startedAt = teamleaderTime(Date.now() - OVERLAP_MS);
  const since = live && live.since > backlog.passStartedAt ? live.since : backlog.passStartedAt;
  if (!(await walk(ctx, kind, run, tally, stop, since, 1, async () => {}))) return false;
  await writeCursor(ctx.db, ctx.connection.id, name, { since: startedAt } satisfies LiveCursor);
  return true;
}

/**
 * One incremental pass over invoices or credit notes, page by page (the historical export is the first pass,
 * without `since`). The cursor is saved after every page, so a run stopped by its deadline or a rate limit
 * resumes on the same page. Documents whose Teamleader `updated_at` we already processed are skipped
 * without a call. Returns false when stopped early.
 */
export async function listAndSync(
  ctx: ConnectionContext,
  kind: Kind,
  run: RunScope,
  tally: (o: Outcome) => void,
  stop: StopCheck,
): Promise<boolean> {
  const name = `${kind}.list`;
  const stored = await readCursor<ListCursor>(ctx.db, ctx.connection.id, name);
  const cursor: ListCursor =
    stored && stored.page > 1
      ? stored
      : { since: stored?.since ?? null, page: 1, passStartedAt: teamleaderTime(Date.now() - OVERLAP_MS) };
  const save = () => writeCursor(ctx.db, ctx.connection.id, name, cursor);
  // The historical export leaves the division's reserve to live work (see DivisionBudget).
  const before = ctx.exact.priority;
  if (cursor.since === null) ctx.exact.priority = "backlog";
  try {
    if (!(await walk(ctx, kind, run, tally, stop, cursor.since, cursor.page, save, cursor))) return false;
  } finally {
    ctx.exact.priority = before;
  }
  // After the export, continue from what the live passes already covered (they ran while it did).
  const live = cursor.since === null ? await readCursor<LiveCursor>(ctx.db, ctx.connection.id, `${kind}.live`) : null;
  const since = live && live.since > cursor.passStartedAt ? live.since : cursor.passStartedAt;
  await writeCursor(ctx.db, ctx.connection.id, name, { since, page: 1, passStartedAt: cursor.passStartedAt });
  return true;
}

/** Lists from `page` on and syncs what changed; `onPage` runs after each page (cursor.page moves on). */
async function walk(
  ctx: ConnectionContext,
  kind: Kind,
  run: RunScope,
  tally: (o: Outcome) => void,
  stop: StopCheck,
  since: string | null,
  page: number,
  onPage: () => Promise<void>,
  cursor: { page: number } = { page },
): Promise<boolean> {
  const base = { department_id: ctx.departmentId, ...(since ? { updated_since: since } : {}) };
  const start = ctx.options.startDate ?? undefined;
  const pages =
    kind === "invoice"
      ? tl.invoicePages(
          ctx.tl,
          { ...base, status: ["outstanding", "matched"], ...(start ? { invoice_date_after: start } : {}) },
          page,
        )
      : tl.creditNotePages(ctx.tl, { ...base, ...(start ? { credit_note_date_after: start } : {}) }, page);

  for await (const items of pages) {
    const seen = await processedVersions(
      ctx,
      kind,
      items.map((item) => item.id),
    );
    for (const item of items) {
      if (seen.get(item.id) === item.updated_at) continue;
      const number = ("invoice_number" in item ? item.invoice_number : item.credit_note_number) ?? undefined;
      tally(await syncDocument(ctx, run, { kind, id: item.id, number, updatedAt: item.updated_at }));
      if (stop()) {
        await onPage();
        return false;
      }
    }
    cursor.page++;
    await onPage();
  }
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
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    rows.push(...(await processedVersionsQuery(ctx.db, ctx.connection.id, kind, ids.slice(i, i + ID_CHUNK))));
  // Documents still `posting` or `pending` are never considered processed.
  return new Map(
    rows.filter((r) => r.status !== "posting" && r.status !== "pending").map((r) => [r.tlId, r.tlUpdatedAt]),
  );
}

/** One chunk of `processedVersions`: found through the unique (connection, type, id) index. */
export const processedVersionsQuery = (db: Db, connectionId: string, kind: Kind, ids: string[]) =>
  db
    .select({ tlId: documentPairs.tlId, tlUpdatedAt: documentPairs.tlUpdatedAt, status: documentPairs.status })
    .from(documentPairs)
    .where(
      and(
        eq(documentPairs.connectionId, connectionId),
        eq(documentPairs.tlType, kind),
        inArray(documentPairs.tlId, ids),
      ),
    );
