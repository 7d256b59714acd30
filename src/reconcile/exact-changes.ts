import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { documentPairs, exactEntryBaselines } from "../db/schema";
import { int64 } from "../exact/odata";
import { logEvent } from "../sync/audit";
import type { ConnectionContext } from "../sync/context";
import { readCursor, writeCursor } from "../sync/cursors";
import { type Pair, updatePair } from "../sync/pairs";
import { entryFigures } from "./compare";
import { entriesById, type PeriodEntry } from "./read-exact";
import { cents } from "./read-teamleader";

/**
 * Changes made in Exact to the entries we booked, read after each run through two sync endpoints:
 * `sync/Financial/TransactionLines` (every changed line, by Timestamp) and `sync/Deleted` (EntityType 1 =
 * TransactionLines). Only `Timestamp`, `ID` and `EntryID` are read from them; the entries that turn out to be
 * ours are then read whole (`salesentry/SalesEntries` by EntryID, 40 a call) and compared with the baseline
 * we keep of each. A changed or deleted entry marks its document `changed_in_exact` / `deleted_in_exact`
 * with what changed and when; nothing is booked again for it.
 */
const LINES_CURSOR = "exact.transactionLines";
const DELETED_CURSOR = "exact.deleted";
const TRANSACTION_LINE = 1;

export const LineRow = z.object({
  Timestamp: z.union([z.number(), z.string()]).transform(String),
  ID: z.string(),
  EntryID: z.string().nullish(),
});
export const DeletedRow = z.object({
  Timestamp: z.union([z.number(), z.string()]).transform(String),
  EntityKey: z.string().nullish(),
  EntityType: z.number().int().nullish(),
});

export interface ExactChanges {
  changed: number;
  deleted: number;
}

const WATCHED = ["booked", "drifted", "changed_in_exact"] as const;

export async function detectExactChanges(ctx: ConnectionContext, runId: number | null): Promise<ExactChanges> {
  const result: ExactChanges = { changed: 0, deleted: 0 };
  const tally = (outcome: Outcome) => {
    if (outcome === "changed") result.changed++;
    if (outcome === "deleted") result.deleted++;
  };

  let linesCursor = (await readCursor<string>(ctx.db, ctx.connection.id, LINES_CURSOR)) ?? "1";
  for await (const page of ctx.exact.pages(
    "sync/Financial/TransactionLines",
    { filter: `Timestamp gt ${int64(linesCursor)}`, select: ["Timestamp", "ID", "EntryID"] },
    LineRow,
  )) {
    const lineIds = new Map<string, string[]>();
    for (const row of page)
      if (row.EntryID) {
        const key = row.EntryID.toLowerCase();
        lineIds.set(key, [...(lineIds.get(key) ?? []), row.ID.toLowerCase()]);
      }
    for (const outcome of await checkEntries(ctx, runId, lineIds)) tally(outcome);
    linesCursor = maxTimestamp(linesCursor, page);
    await writeCursor(ctx.db, ctx.connection.id, LINES_CURSOR, linesCursor);
  }

  let deletedCursor = (await readCursor<string>(ctx.db, ctx.connection.id, DELETED_CURSOR)) ?? "1";
  for await (const page of ctx.exact.pages(
    "sync/Deleted",
    { filter: `Timestamp gt ${int64(deletedCursor)}`, select: ["Timestamp", "EntityKey", "EntityType"] },
    DeletedRow,
  )) {
    const keys = page
      .filter((r) => r.EntityType === TRANSACTION_LINE && r.EntityKey)
      .map((r) => r.EntityKey!.toLowerCase());
    // A key is a line of an entry we know (from its baseline), or, read the other way, the entry itself.
    const suspects = await entriesOfKeys(ctx, keys);
    for (const outcome of await checkEntries(ctx, runId, new Map(suspects.map((id) => [id, []])))) tally(outcome);
    deletedCursor = maxTimestamp(deletedCursor, page);
    await writeCursor(ctx.db, ctx.connection.id, DELETED_CURSOR, deletedCursor);
  }
  return result;
}

const maxTimestamp = (current: string, rows: { Timestamp: string }[]) =>
  rows.reduce((max, r) => (BigInt(r.Timestamp) > BigInt(max) ? r.Timestamp : max), current);

async function entriesOfKeys(ctx: ConnectionContext, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const baselines = await ctx.db
    .select({ entryId: exactEntryBaselines.entryId, lineIds: exactEntryBaselines.lineIds })
    .from(exactEntryBaselines)
    .where(eq(exactEntryBaselines.connectionId, ctx.connection.id))
    .all();
  const wanted = new Set(keys);
  return baselines
    .filter((b) => wanted.has(b.entryId.toLowerCase()) || b.lineIds.some((id) => wanted.has(id)))
    .map((b) => b.entryId.toLowerCase());
}

type Outcome = "changed" | "deleted" | "same";

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

async function checkEntries(
  ctx: ConnectionContext,
  runId: number | null,
  lineIds: Map<string, string[]>,
): Promise<Outcome[]> {
  const ids = [...lineIds.keys()];
  const pairs: Pair[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    pairs.push(
      ...(await ctx.db
        .select()
        .from(documentPairs)
        .where(
          and(
            eq(documentPairs.connectionId, ctx.connection.id),
            inArray(documentPairs.status, [...WATCHED]),
            inArray(documentPairs.exactEntryId, ids.slice(i, i + CHUNK)),
          ),
        )
        .all()),
    );
  // EntryIDs are stored as Exact answered them; compare without case.
  const ours = pairs.filter((p) => p.exactEntryId);
  if (!ours.length) return [];
  const found = new Map(
    (
      await entriesById(
        ctx.exact,
        ours.map((p) => p.exactEntryId!),
      )
    ).map((e) => [e.EntryID.toLowerCase(), e]),
  );
  const outcomes: Outcome[] = [];
  for (const pair of ours) {
    const key = pair.exactEntryId!.toLowerCase();
    outcomes.push(await checkOne(ctx, runId, pair, found.get(key) ?? null, lineIds.get(key) ?? []));
  }
  return outcomes;
}

interface Snapshot {
  excl: number;
  vat: number;
  customer: string | null;
  entryDate: string | null;
}

async function checkOne(
  ctx: ConnectionContext,
  runId: number | null,
  pair: Pair,
  entry: PeriodEntry | null,
  lineIds: string[],
): Promise<Outcome> {
  const baseline = await ctx.db
    .select()
    .from(exactEntryBaselines)
    .where(
      and(eq(exactEntryBaselines.connectionId, ctx.connection.id), eq(exactEntryBaselines.entryId, pair.exactEntryId!)),
    )
    .get();
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  if (!entry) {
    const message = `Deleted in Exact (noticed ${when} UTC): entry ${pair.exactEntryNumber ?? "?"} that the connector booked no longer exists. It is not booked again by itself; book it by hand or restore it in Exact.`;
    await updatePair(ctx.db, pair.id, { status: "deleted_in_exact", errorCode: null, errorMessage: message });
    await logEvent(ctx.db, {
      connectionId: ctx.connection.id,
      runId,
      documentPairId: pair.id,
      level: "warn",
      kind: "document.deleted_in_exact",
      message: `${label(pair)}: ${message}`,
      details: { entryId: pair.exactEntryId, entryNumber: pair.exactEntryNumber },
    });
    return "deleted";
  }
  const f = entryFigures(entry);
  const now: Snapshot = { excl: f.excl, vat: f.vat, customer: entry.Customer ?? null, entryDate: entry.EntryDate };
  const knownLines = [...new Set([...(baseline?.lineIds ?? []), ...lineIds])];
  // A drifted document differs from Teamleader on purpose (Exact refused our update): take Exact as it is.
  if (!baseline && pair.status === "drifted") {
    await saveBaseline(ctx, pair, now, knownLines);
    return "same";
  }
  const expected = expectedOf(pair);
  const ourOwnChange = !baseline || baseline.contentHash !== pair.contentHash;
  // No baseline yet, or we changed the entry ourselves since: it is ours as long as it says what we booked.
  if (ourOwnChange && f.incl === expected.incl && (!expected.date || expected.date === now.entryDate)) {
    await saveBaseline(ctx, pair, now, knownLines);
    return "same";
  }
  const reference: Snapshot = ourOwnChange
    ? { excl: Number.NaN, vat: Number.NaN, customer: now.customer, entryDate: expected.date ?? now.entryDate }
    : baseline!;
  const changes = describe(reference, now, expected.incl);
  if (!changes.length) {
    if (baseline && knownLines.length !== baseline.lineIds.length) await saveBaseline(ctx, pair, now, knownLines);
    if (pair.status === "changed_in_exact")
      await updatePair(ctx.db, pair.id, { status: "booked", errorCode: null, errorMessage: null });
    return "same";
  }
  const message = `Changed in Exact after booking (noticed ${when} UTC), entry ${entry.EntryNumber ?? "?"}: ${changes.join("; ")}. Not booked again; correct it in Exact or in Teamleader.`;
  if (pair.status === "changed_in_exact" && pair.errorMessage?.includes(changes.join("; "))) return "same";
  await updatePair(ctx.db, pair.id, { status: "changed_in_exact", errorCode: null, errorMessage: message });
  await logEvent(ctx.db, {
    connectionId: ctx.connection.id,
    runId,
    documentPairId: pair.id,
    level: "warn",
    kind: "document.changed_in_exact",
    message: `${label(pair)}: ${message}`,
    details: { entryId: pair.exactEntryId, entryNumber: entry.EntryNumber, was: reference, now },
  });
  return "changed";
}

const label = (pair: Pair) =>
  `${pair.tlType === "creditNote" ? "Credit note" : "Invoice"} ${pair.tlNumber ?? pair.tlId}`;

/** What Teamleader's document says the entry holds: its total incl. VAT (negative for a credit note) and date. */
function expectedOf(pair: Pair) {
  const sign = pair.tlType === "creditNote" ? -1 : 1;
  return { incl: sign * Math.abs(cents(pair.totalIncl ?? 0)), date: pair.documentDate?.slice(0, 10) ?? null };
}

const euros = (c: number) => (c / 100).toFixed(2);

function describe(was: Snapshot, now: Snapshot, expectedIncl: number): string[] {
  const changes: string[] = [];
  if (Number.isNaN(was.excl)) {
    if (now.excl + now.vat !== expectedIncl)
      changes.push(`amount incl. VAT ${euros(expectedIncl)} → ${euros(now.excl + now.vat)}`);
  } else {
    if (was.excl !== now.excl) changes.push(`amount excl. VAT ${euros(was.excl)} → ${euros(now.excl)}`);
    if (was.vat !== now.vat) changes.push(`VAT ${euros(was.vat)} → ${euros(now.vat)}`);
  }
  if (was.customer && now.customer && was.customer.toLowerCase() !== now.customer.toLowerCase())
    changes.push(`customer ${was.customer} → ${now.customer}`);
  if (was.entryDate && now.entryDate && was.entryDate !== now.entryDate)
    changes.push(`date ${was.entryDate} → ${now.entryDate}`);
  return changes;
}

async function saveBaseline(ctx: ConnectionContext, pair: Pair, now: Snapshot, lineIds: string[]) {
  const row = { ...now, contentHash: pair.contentHash, lineIds, seenAt: new Date() };
  await ctx.db
    .insert(exactEntryBaselines)
    .values({ connectionId: ctx.connection.id, entryId: pair.exactEntryId!, ...row })
    .onConflictDoUpdate({ target: [exactEntryBaselines.connectionId, exactEntryBaselines.entryId], set: row });
}
