import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { connections, documentPairs, glMappings, oauthTokens, vatMappings } from "../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import type { Division, GLAccount, Journal, VATCode } from "../exact/schemas";
import { salesVatCodes } from "../mapping/suggest";
import { ConnectionOptions } from "../sync/options";
import { connectionStub } from "../sync/queue";
import type { SetupLookup } from "../sync/setup-lookups";
import type { TaxRate } from "../teamleader/schemas";

/**
 * What the pages and the JSON API can change, validated once here: every choice must be one that
 * Teamleader or Exact actually offers, and a refused input changes nothing.
 */
type Connection = typeof connections.$inferSelect;

export const lookup = <T>(env: Env, id: string, what: SetupLookup) =>
  connectionStub(env, id).lookup(id, what) as unknown as Promise<T>;

const notAvailable = (what: string) => new AppError("BAD_REQUEST", `${what} is not available. Pick one from the list.`);

export async function chooseDepartment(
  env: Env,
  db: Db,
  connection: Connection,
  departmentId: string,
): Promise<{ existing: string | null }> {
  const department = (await lookup<{ id: string; name: string }[]>(env, connection.id, { kind: "departments" })).find(
    (d) => d.id === departmentId,
  );
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
    // One connection per department: drop this half-made one; the caller opens the existing one.
    await db.delete(oauthTokens).where(eq(oauthTokens.connectionId, connection.id));
    await db.delete(connections).where(eq(connections.id, connection.id));
    return { existing: existing.id };
  }
  await db
    .update(connections)
    .set({ departmentId, departmentName: department.name, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
  return { existing: null };
}

export async function chooseDivision(env: Env, db: Db, connection: Connection, division: number) {
  const chosen = (await lookup<Division[]>(env, connection.id, { kind: "divisions" })).find((d) => d.Code === division);
  if (!chosen) throw notAvailable(`Administration ${division}`);
  await db
    .update(connections)
    .set({
      exactDivision: chosen.Code,
      exactDivisionName: chosen.Description,
      salesJournal: null,
      updatedAt: new Date(),
    })
    .where(eq(connections.id, connection.id));
}

export async function salesJournals(env: Env, connection: Connection) {
  if (!connection.exactDivision) throw new AppError("CONFLICT", "Choose the Exact administration first.");
  return (await lookup<Journal[]>(env, connection.id, { kind: "journals", division: connection.exactDivision })).filter(
    (j) => !j.IsBlocked,
  );
}

export async function chooseJournal(env: Env, db: Db, connection: Connection, journal: string) {
  if (!(await salesJournals(env, connection)).some((j) => j.Code === journal))
    throw notAvailable(`Sales journal ${journal}`);
  await db
    .update(connections)
    .set({ salesJournal: journal, updatedAt: new Date() })
    .where(eq(connections.id, connection.id));
}

/** Replaces the VAT mapping; every code must be a sales VAT code of the administration. */
export async function saveVatMappings(
  env: Env,
  db: Db,
  connection: Connection,
  mappings: { taxRateId: string; exactVatCode: string }[],
) {
  const [rates, codes] = await Promise.all([
    lookup<TaxRate[]>(env, connection.id, { kind: "taxRates" }),
    lookup<VATCode[]>(env, connection.id, { kind: "vatCodes" }),
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
    (await lookup<GLAccount[]>(env, connection.id, { kind: "glAccounts" }))
      .filter((a) => !a.IsBlocked)
      .map((a) => [a.ID, a]),
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
      .set({ defaultGlAccountId: defaultGl?.ID ?? null, updatedAt: new Date() })
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
  if (!merged.success)
    throw new AppError("BAD_REQUEST", `${merged.error.issues[0]?.path.join(".")}: ${merged.error.issues[0]?.message}`);
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
    connectionStub(env, connection.id)
      .sync(connection.id, "manual")
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
  await db
    .update(connections)
    .set({
      status: paused ? "paused" : "active",
      statusReason: paused ? "Paused by a user." : null,
      updatedAt: new Date(),
    })
    .where(and(eq(connections.id, connectionId), eq(connections.status, paused ? "active" : "paused")));
}
