import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { activateConnection } from "../../src/connection/activation";
import { connectionStub } from "../../src/connection/client";
import { createTokenCipher } from "../../src/crypto/token-cipher";
import { createDb } from "../../src/db/client";
import { accounts, connections, documentPairs, events, glMappings, vatMappings } from "../../src/db/schema";
import { d1TokenStore } from "../../src/db/token-store";
import type { HISTORICAL_EXPORTS } from "../../src/sync/options";
import { exactTokens, teamleaderTokens } from "./clients";
import { sandbox, testEnv } from "./sandbox";

/** The VAT codes of the sandbox's Exact divisions, by the Teamleader tax rate's description. */
const VAT_BY_DESCRIPTION: Record<string, string> = {
  "21%": "1",
  "9%": "2",
  "0% btw verlegd": "3",
  "0% intracommunautaire levering": "4",
  "0% export buiten de EU": "5",
  "Vrijgesteld van btw": "6",
};
const BE_VAT_BY_DESCRIPTION: Record<string, string> = {
  "21%": "21",
  "6%": "6",
  "0% medecontractant": "MC",
  "0% intracommunautaire levering": "IC",
  "0% export buiten de EU": "EX",
  "Vrijgesteld van btw": "VR",
};

export interface TestConnectionOptions {
  department?: 0 | 1;
  historicalExport?: (typeof HISTORICAL_EXPORTS)[number];
  quarter?: string;
  /** `without-8300`: the Licenties ledger has no GL account; `none`: no mappings at all. */
  mappings?: "complete" | "without-8300" | "none";
  syncCreditNotes?: boolean;
  activate?: boolean;
  /** Another division than the department's own (two departments booking into one division). */
  division?: number;
}

/** The BE department's tax rates mapped onto the NL division's VAT codes (for two departments, one division). */
const BE_ON_NL_VAT: Record<string, string> = {
  "21%": "1",
  "6%": "2",
  "0% medecontractant": "3",
  "0% intracommunautaire levering": "4",
  "0% export buiten de EU": "5",
  "Vrijgesteld van btw": "6",
};

/** A connection as the setup flow leaves it: both grants, a division and journal, mappings, activated. */
export async function createConnection(options: TestConnectionOptions = {}) {
  const db = createDb(env.DB);
  const departments = await sandbox.state("tl.departments");
  const department = departments.find((d) => d.address.country === (options.department === 1 ? "BE" : "NL"))!;
  const division = options.division ?? (options.department === 1 ? 100002 : 100001);
  const accountId = (await sandbox.state("tl.users"))[0].account_id as string;
  const glAccounts = (await sandbox.state("ex.glAccounts")).filter((g) => g.Division === division);
  const glByCode = new Map(glAccounts.map((g) => [g.Code as string, g.ID as string]));

  const id = crypto.randomUUID();
  await db.insert(accounts).values({ id: accountId }).onConflictDoNothing();
  // One live connection per department: retire the previous test's.
  await db.update(connections).set({ status: "disconnected" }).where(eq(connections.departmentId, department.id));
  await db.insert(connections).values({
    id,
    accountId,
    departmentId: department.id,
    departmentName: department.name,
    exactRegion: "nl",
    exactDivision: division,
    exactDivisionName: "Noordlicht",
    salesJournal: "70",
    defaultGlAccountId: glByCode.get(division === 100002 ? "740000" : "8000")!,
    // Replaced at activation by the hash of the secret in the URL it registers.
    webhookSecretHash: "none",
    options: {
      historicalExport: options.historicalExport ?? "everything",
      syncCreditNotes: options.syncCreditNotes ?? true,
      ...(options.quarter ? { quarter: options.quarter } : {}),
    },
  });
  const cipher = await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY);
  await d1TokenStore(db, cipher, id, "teamleader").save(await teamleaderTokens());
  await d1TokenStore(db, cipher, id, "exact").save(await exactTokens());

  if (options.mappings !== "none") {
    const table =
      options.department !== 1 ? VAT_BY_DESCRIPTION : division === 100002 ? BE_VAT_BY_DESCRIPTION : BE_ON_NL_VAT;
    const rates = (await sandbox.state("tl.taxRates")).filter((r) => r.department.id === department.id);
    await db
      .insert(vatMappings)
      .values(
        rates.map((r) => ({ connectionId: id, taxRateId: r.id, exactVatCode: table[r.description]!, confirmed: true })),
      );
    const ledgers = (await sandbox.state("tl.productCategories"))
      .flatMap((c) => c.ledgers)
      .filter((l: any) => l.department.id === department.id)
      .map((l: any) => l.ledger_account_number as string);
    const rows = ledgers
      .filter((ledger) => !(options.mappings === "without-8300" && ledger === "8300"))
      .map((ledger) => {
        const code = glByCode.has(ledger) ? ledger : "8900";
        return {
          connectionId: id,
          ledgerAccountNumber: ledger,
          exactGlAccountId: glByCode.get(code)!,
          exactGlAccountCode: code,
        };
      });
    if (rows.length) await db.insert(glMappings).values(rows);
  }
  if (options.activate !== false) await activateConnection(testEnv(), id);
  return { id, db, department, division, secret: await webhookSecretOf(id), stub: connectionStub(testEnv(), id) };
}

/** The secret in the webhook URL the connection registered at Teamleader (D1 keeps only its hash). */
export async function webhookSecretOf(connectionId: string): Promise<string | null> {
  const hooks = await sandbox.state<{ url: string }>("tl.webhooks");
  const prefix = `http://connector.test/webhooks/teamleader/${connectionId}/`;
  return hooks.find((h) => h.url.startsWith(prefix))?.url.slice(prefix.length) ?? null;
}

export async function pairsOf(connectionId: string) {
  return createDb(env.DB).select().from(documentPairs).where(eq(documentPairs.connectionId, connectionId)).all();
}

/** The connection's audit events of one kind (a document's history is made of these). */
export async function eventsOf(connectionId: string, kind: string) {
  return createDb(env.DB)
    .select()
    .from(events)
    .where(and(eq(events.connectionId, connectionId), eq(events.kind, kind)))
    .all();
}

/** Sales entries in the sandbox's Exact division, by YourRef. */
export async function exactEntries(division: number) {
  return (await sandbox.state("ex.salesEntries")).filter((e) => e.Division === division);
}

/** Teamleader's documents for a department that the connector should book. */
export async function bookableDocuments(departmentId: string, from?: string) {
  return (await sandbox.state("tl.documents")).filter(
    (d) => d.department_id === departmentId && d.status !== "draft" && !d.deleted && (!from || d.date >= from),
  );
}

/** Sends the connector a webhook exactly as the sandbox tried to deliver it (the sandbox cannot reach the test worker). */
export async function relayWebhooks(): Promise<Response[]> {
  const deliveries = await sandbox.state("tl.deliveries");
  const sent = (globalThis as { __relayed?: Set<string> }).__relayed ?? new Set<string>();
  (globalThis as { __relayed?: Set<string> }).__relayed = sent;
  const responses: Response[] = [];
  for (const delivery of deliveries.sort((a, b) => a.at.localeCompare(b.at))) {
    const key = `${delivery.at}:${delivery.url}:${delivery.subject.id}:${delivery.type}`;
    if (sent.has(key)) continue;
    sent.add(key);
    responses.push(
      await postWebhook(delivery.url, {
        type: delivery.type,
        account: { type: "account", id: "x" },
        subject: delivery.subject,
      }),
    );
  }
  return responses;
}

export function postWebhook(url: string, body: unknown): Promise<Response> {
  return exports.default.fetch(
    new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  );
}

/**
 * Waits until `check` passes (webhooks are processed after the 202). The limit only guards against a hang:
 * a passing check returns at once, so a slow machine waits longer instead of failing.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
