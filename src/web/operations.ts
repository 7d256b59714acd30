import { and, eq, ne, sql } from "drizzle-orm";
import { connectionClient } from "../connection/client";
import { canLeave, transition, transitionStatement } from "../connection/lifecycle";
import type { Db } from "../db/client";
import { connections, documentPairs, glMappings, oauthTokens, vatMappings } from "../db/schema";
import type { Env } from "../env";
import { AppError, firstIssue } from "../errors";
import { salesVatCodes } from "../mapping/suggest";
import { ConnectionOptions } from "../sync/options";

/**
 * What the pages and the JSON API can change, validated once here: every choice must be one that
 * Teamleader or Exact actually offers, and a refused input changes nothing.
 */
type Connection = typeof connections.$inferSelect;

const notAvailable = (what: string) => new AppError("BAD_REQUEST", `${what} is not available. Pick one from the list.`);

const isLive = (connection: Connection) => connection.status !== "setup" || connection.activatedAt !== null;

export async function chooseDepartment(
  env: Env,
  db: Db,
  connection: Connection,
  departmentId: string,
): Promise<{ existing: string | null }> {
  if (isLive(connection)) {
    if (departmentId === connection.departmentId) return { existing: null };
    throw new AppError(
      "CONFLICT",
      "The department of a live connection cannot change. To book another department, install again: each department has its own connection.",
    );
  }
  const department = (await connectionClient(env, connection.id).departments()).find((d) => d.id === departmentId);
  if (!department) throw notAvailable(`Department ${departmentId}`);
  const existing = await db
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.accountId, connection.accountId),
        eq(connections.departmentId, departmentId),
        ne(connections.status, "disconnected"),
        ne(connections.id, connection.id),
      ),
    )
    .get();
  if (existing) {
    // One connection per department: drop this half-made one (never live, checked above); the caller opens the other.
    await db.batch([
      db.delete(oauthTokens).where(eq(oauthTokens.connectionId, connection.id)),
      db.delete(connections).where(and(eq(connections.id, connection.id), eq(connections.status, "setup"))),
    ]);
    return { existing: existing.id };
  }
  await db
    .update(connections)
    .set({ departmentId, departmentName: department.name, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
  return { existing: null };
}

/**
 * On a live connection, another administration or journal changes what it books: it pauses, the VAT mapping
 * must be confirmed again (and, for another administration, the ledger mapping made anew: GL accounts belong
 * to one administration), and it resumes only after the ledger mapping is saved. All in one batch.
 */
function reviewStatements(
  db: Db,
  connection: Connection,
  reason: string,
  changes: Partial<Connection>,
  newDivision: boolean,
) {
  if (!canLeave("reviewMappings", connection.status))
    throw new AppError(
      "CONFLICT",
      "Connect Teamleader and Exact Online again first, then change the administration or journal.",
    );
  return [
    transitionStatement(db, connection.id, "reviewMappings", {
      ...changes,
      mappingsReview: reason,
      statusReason: reason,
    }),
    db.update(vatMappings).set({ confirmed: false }).where(eq(vatMappings.connectionId, connection.id)),
    ...(newDivision
      ? [
          db.delete(glMappings).where(eq(glMappings.connectionId, connection.id)),
          db.update(connections).set({ defaultGlAccountId: null }).where(eq(connections.id, connection.id)),
        ]
      : []),
  ] as const;
}

/** Returns whether the mappings must now be reviewed (a live connection moved to another administration). */
export async function chooseDivision(env: Env, db: Db, connection: Connection, division: number) {
  const chosen = (await connectionClient(env, connection.id).divisions()).find((d) => d.Code === division);
  if (!chosen) throw notAvailable(`Administration ${division}`);
  const changes = { exactDivision: chosen.Code, exactDivisionName: chosen.Description, salesJournal: null };
  if (isLive(connection) && division !== connection.exactDivision) {
    const reason = `The Exact administration changed to ${chosen.Description} (${chosen.Code}): choose its sales journal, check the VAT and ledger mappings and save them; the connection stays paused until then.`;
    await db.batch(reviewStatements(db, connection, reason, changes, true));
    return { review: true };
  }
  if (isLive(connection)) return { review: connection.mappingsReview !== null };
  await db
    .update(connections)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
  return { review: false };
}

export async function salesJournals(env: Env, connection: Connection) {
  if (!connection.exactDivision) throw new AppError("CONFLICT", "Choose the Exact administration first.");
  return (await connectionClient(env, connection.id).journals(connection.exactDivision)).filter((j) => !j.IsBlocked);
}

/** Returns whether the mappings must now be reviewed (a live connection moved to another journal). */
export async function chooseJournal(env: Env, db: Db, connection: Connection, journal: string) {
  if (!(await salesJournals(env, connection)).some((j) => j.Code === journal))
    throw notAvailable(`Sales journal ${journal}`);
  if (isLive(connection) && journal !== connection.salesJournal) {
    const reason = `The sales journal changed to ${journal}: check the VAT and ledger mappings and save them; the connection stays paused until then.`;
    const review = connection.mappingsReview ?? reason;
    await db.batch(reviewStatements(db, connection, review, { salesJournal: journal }, false));
    return { review: true };
  }
  await db
    .update(connections)
    .set({ salesJournal: journal, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
  return { review: connection.mappingsReview !== null };
}

/** Replaces the VAT mapping; every code must be a sales VAT code of the administration. */
export async function saveVatMappings(
  env: Env,
  db: Db,
  connection: Connection,
  mappings: { taxRateId: string; exactVatCode: string }[],
) {
  const [rates, codes] = await Promise.all([
    connectionClient(env, connection.id).taxRates(),
    connectionClient(env, connection.id).vatCodes(),
  ]);
  const valid = new Set(salesVatCodes(codes).map((c) => c.Code.trim()));
  refuseRepeats(
    mappings.map((m) => m.taxRateId),
    "Tax rate",
  );
  const rows = mappings.map((m) => {
    const rate = rates.find((r) => r.id === m.taxRateId);
    if (!rate) throw notAvailable(`Tax rate ${m.taxRateId}`);
    if (!valid.has(m.exactVatCode.trim()))
      throw new AppError(
        "BAD_REQUEST",
        `${rate.description}: Exact VAT code ${m.exactVatCode} does not exist in this Exact administration. Pick one from the list.`,
      );
    return { connectionId: connection.id, taxRateId: rate.id, exactVatCode: m.exactVatCode.trim(), confirmed: true };
  });
  // Validated in full above; replaced in one batch, so a failure leaves the old mapping in place.
  await db.batch([
    db.delete(vatMappings).where(eq(vatMappings.connectionId, connection.id)),
    ...chunks(rows).map((chunk) => db.insert(vatMappings).values(chunk)),
  ]);
}

/** Replaces the ledger mapping and the default revenue account; every account must exist and not be blocked. */
export async function saveGlMappings(
  env: Env,
  db: Db,
  connection: Connection,
  mappings: { ledgerAccountNumber: string; exactGlAccountId: string }[],
  defaultGlAccountId: string | null,
) {
  const accounts = new Map(
    (await connectionClient(env, connection.id).glAccounts()).filter((a) => !a.IsBlocked).map((a) => [a.ID, a]),
  );
  const account = (id: string, what: string) =>
    accounts.get(id) ??
    (() => {
      throw notAvailable(`${what}: GL account ${id}`);
    })();
  refuseRepeats(
    mappings.map((m) => m.ledgerAccountNumber),
    "Ledger account",
  );
  const rows = mappings.map((m) => {
    const gl = account(m.exactGlAccountId, m.ledgerAccountNumber);
    return {
      connectionId: connection.id,
      ledgerAccountNumber: m.ledgerAccountNumber,
      exactGlAccountId: gl.ID,
      exactGlAccountCode: gl.Code,
    };
  });
  const defaultGl = defaultGlAccountId ? account(defaultGlAccountId, "Default revenue account") : null;
  await db.batch([
    db.delete(glMappings).where(eq(glMappings.connectionId, connection.id)),
    ...chunks(rows).map((chunk) => db.insert(glMappings).values(chunk)),
    db
      .update(connections)
      .set({
        defaultGlAccountId: defaultGl?.ID ?? null,
        // The last mapping step: a review ends here, once the VAT mapping was confirmed too.
        mappingsReview: sql`CASE WHEN EXISTS (SELECT 1 FROM ${vatMappings} WHERE ${vatMappings.connectionId} = ${connection.id} AND ${vatMappings.confirmed} = 0) THEN ${connections.mappingsReview} ELSE NULL END`,
        updatedAt: new Date(),
      })
      .where(eq(connections.id, connection.id)),
  ]);
}

/** A key given twice is a mistake in the input, not a choice between two values: refuse it whole. */
function refuseRepeats(keys: string[], what: string) {
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  if (repeated !== undefined)
    throw new AppError("BAD_REQUEST", `${what} ${repeated} appears twice. Give each one mapping, then save again.`);
}

/** D1 allows 100 bound parameters per statement: 20 rows of up to 4 columns stay under it. */
function chunks<T>(rows: T[], size = 20): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

export async function saveOptions(db: Db, connection: Connection, input: Partial<ConnectionOptions>) {
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const merged = ConnectionOptions.safeParse({ ...ConnectionOptions.parse(connection.options ?? {}), ...changes });
  if (!merged.success) throw new AppError("BAD_REQUEST", firstIssue(merged.error));
  await db
    .update(connections)
    .set({ options: merged.data, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
  return merged.data;
}

/** After a mapping change on a live connection, run at once: documents it blocked are retried by the run. */
export function syncSoon(env: Env, executionCtx: ExecutionContext, connection: Connection) {
  if (connection.status !== "active") return;
  executionCtx.waitUntil(
    connectionClient(env, connection.id)
      .sync("manual")
      .catch((error: unknown) => console.error("sync after a mapping change failed", error)),
  );
}

/** Failed documents go back to pending: the next run tries them again (looking up first if a POST was sent). */
export async function retryFailed(db: Db, connectionId: string) {
  await db
    .update(documentPairs)
    .set({ status: "pending", updatedAt: new Date() })
    .where(and(eq(documentPairs.connectionId, connectionId), eq(documentPairs.status, "failed")));
}

export async function setPaused(db: Db, connectionId: string, paused: boolean) {
  if (paused) {
    await transition(db, connectionId, "pause", { by: "user", changes: { statusReason: "Paused by a user." } });
    return;
  }
  const row = await db
    .select({ review: connections.mappingsReview })
    .from(connections)
    .where(eq(connections.id, connectionId))
    .get();
  if (row?.review) throw new AppError("CONFLICT", `Save the VAT and ledger mappings first: ${row.review}`);
  await transition(db, connectionId, "resume", { by: "user" });
}
