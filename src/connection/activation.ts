import { eq } from "drizzle-orm";
import { createTokenCipher } from "../crypto/token-cipher";
import { createDb } from "../db/client";
import { connections, oauthTokens } from "../db/schema";
import type { Env } from "../env";
import { AppError } from "../errors";
import { logEvent } from "../sync/audit";
import { writeCursor } from "../sync/cursors";
import { ConnectionOptions, startDateFor } from "../sync/options";
import { newWebhookSecret, registerWebhooks, unregisterWebhooks, webhookUrl } from "../sync/webhooks";
import * as tl from "../teamleader/api";
import type { TeamleaderClient } from "../teamleader/client";
import { teamleaderClientFor } from "./context";
import { canLeave, transition, transitionStatement } from "./lifecycle";

/** Activation: fixes the start date from the historical-export choice, registers the webhooks, goes live. */
export async function activateConnection(env: Env, connectionId: string, now = new Date()): Promise<void> {
  const db = createDb(env.DB);
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  if (!connection) throw new AppError("NOT_FOUND", "This connection does not exist.");
  if (!connection.departmentId || !connection.exactDivision || !connection.salesJournal)
    throw new AppError(
      "CONFLICT",
      "Choose the department, the Exact division and the sales journal before activating.",
    );
  if (!canLeave("activate", connection.status))
    throw new AppError(
      "CONFLICT",
      `This connection is ${connection.status}; only a new or active one can be activated.`,
    );
  if (connection.mappingsReview)
    throw new AppError("CONFLICT", `Save the VAT and ledger mappings first: ${connection.mappingsReview}`);
  const options = ConnectionOptions.parse(connection.options ?? {});
  // Activating a live connection again (after setup changes) keeps its start date: moving it would drop the
  // documents still waiting (failed on a mapping, uncertain, edited) that lie before the new date.
  const startDate =
    connection.activatedAt && options.startDate !== undefined
      ? options.startDate
      : startDateFor(options.historicalExport, now, options.quarter);
  const client = teamleaderClientFor(env, db, await createTokenCipher(env.TOKEN_ENCRYPTION_KEY), connectionId);
  // A new secret at each activation; the hash is stored first, so a registered URL is always one we accept.
  const webhook = await newWebhookSecret();
  await unregisterWebhooks(client, env.PUBLIC_URL, connectionId);
  await db.update(connections).set({ webhookSecretHash: webhook.hash }).where(eq(connections.id, connectionId));
  await registerWebhooks(client, webhookUrl(env.PUBLIC_URL, connectionId, webhook.secret));
  await transition(db, connectionId, "activate", {
    by: "user",
    changes: { activatedAt: connection.activatedAt ?? now, options: { ...options, startDate } },
  });
  const total =
    startDate === todayOf(now)
      ? 0
      : await countDocuments(client, connection.departmentId, startDate, options.syncCreditNotes);
  await writeCursor(db, connectionId, "backfill", { total, startDate, activatedAt: now.toISOString() });
  const from = startDate ? `documents dated ${startDate} or later` : "all documents";
  await logEvent(db, {
    connectionId,
    level: "info",
    kind: "connection.activated",
    message: `Connection activated: ${from} will be booked in Exact division ${connection.exactDivision}, journal ${connection.salesJournal}.`,
  });
}

const todayOf = (d: Date) => d.toISOString().slice(0, 10);

/** How many documents the historical export will book (one Teamleader call per 100), for the progress bar. */
async function countDocuments(
  client: TeamleaderClient,
  departmentId: string,
  startDate: string | null,
  creditNotes: boolean,
): Promise<number> {
  let total = 0;
  const since = startDate ? { invoice_date_after: startDate } : {};
  for await (const page of tl.invoicePages(client, {
    department_id: departmentId,
    status: ["outstanding", "matched"],
    ...since,
  }))
    total += page.length;
  if (creditNotes) {
    for await (const page of tl.creditNotePages(client, {
      department_id: departmentId,
      ...(startDate ? { credit_note_date_after: startDate } : {}),
    }))
      total += page.length;
  }
  return total;
}

/** Disconnect: unregisters the webhooks, deletes the tokens, keeps the audit trail. */
export async function disconnectConnection(env: Env, connectionId: string): Promise<void> {
  const db = createDb(env.DB);
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  if (!connection) throw new AppError("NOT_FOUND", "This connection does not exist.");
  if (!canLeave("disconnect", connection.status)) return;
  const client = teamleaderClientFor(env, db, await createTokenCipher(env.TOKEN_ENCRYPTION_KEY), connectionId);
  let note = "";
  try {
    await unregisterWebhooks(client, env.PUBLIC_URL, connectionId);
  } catch (error) {
    // Without Teamleader access the webhooks cannot be removed; they then point at a URL that answers 404.
    note = ` The Teamleader webhooks could not be removed (${error instanceof Error ? error.message : String(error)}); they will be refused.`;
  }
  // Status and tokens in one batch: a disconnected connection never keeps a grant, nor loses one while live.
  await db.batch([
    transitionStatement(db, connectionId, "disconnect", { statusReason: "Disconnected by a user." }),
    db.delete(oauthTokens).where(eq(oauthTokens.connectionId, connectionId)),
  ]);
  await logEvent(db, {
    connectionId,
    level: "info",
    kind: "connection.disconnected",
    message: `Connection disconnected; tokens deleted, history kept.${note}`,
  });
}
