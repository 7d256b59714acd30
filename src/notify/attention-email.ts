import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { attentionEmails, documentPairs, users } from "../db/schema";
import type { Env } from "../env";
import { logEvent } from "../sync/audit";

/** Documents a person has to look at; the engine will not resolve them by itself. */
export const NEEDS_ATTENTION = ["failed", "drifted", "changed_in_exact", "deleted_in_exact"] as const;

type Outcome = "off" | "no-owner" | "nothing" | "already-today" | "sent" | "failed";

interface ConnectionRow {
  id: string;
  createdBy: string | null;
  departmentName: string | null;
  status: string;
}

const WORDS = {
  failed: { en: "could not be booked", nl: "konden niet geboekt worden" },
  drifted: { en: "differ from Exact", nl: "wijken af van Exact" },
  changed_in_exact: { en: "were changed in Exact", nl: "zijn gewijzigd in Exact" },
  deleted_in_exact: { en: "were deleted in Exact", nl: "zijn verwijderd in Exact" },
} as const;

/**
 * At most one e-mail a day (UTC) per owner, when a connection has documents that need attention or needs
 * to be reconnected. The row in `attention_emails` is claimed before sending, so two connections of the same
 * owner finishing at once cannot both send; a failed send gives the claim back, so the next run tries again.
 */
export async function sendAttentionEmail(
  env: Env,
  db: Db,
  connection: ConnectionRow,
  now = new Date(),
): Promise<Outcome> {
  if (!env.EMAIL_API_URL || !env.EMAIL_API_KEY || !env.EMAIL_FROM) return "off";
  const owner = connection.createdBy
    ? await db.select().from(users).where(eq(users.id, connection.createdBy)).get()
    : undefined;
  if (!owner?.email) return "no-owner";

  const rows = await db
    .select({ status: documentPairs.status, n: count() })
    .from(documentPairs)
    .where(and(eq(documentPairs.connectionId, connection.id), inArray(documentPairs.status, [...NEEDS_ATTENTION])))
    .groupBy(documentPairs.status)
    .all();
  const reconnect = connection.status === "needs_reconsent";
  if (!rows.length && !reconnect) return "nothing";

  const day = now.toISOString().slice(0, 10);
  const claimed = await db
    .insert(attentionEmails)
    .values({ userId: owner.id, day, connectionId: connection.id, sentAt: now })
    .onConflictDoNothing()
    .returning();
  if (!claimed.length) return "already-today";

  const lang = owner.language?.toLowerCase().startsWith("nl") ? "nl" : "en";
  const total = rows.reduce((s, r) => s + r.n, 0);
  const name = connection.departmentName ?? connection.id;
  const subject =
    lang === "nl"
      ? `Teamleader → Exact (${name}): ${total ? `${total} document${total === 1 ? "" : "en"} vragen uw aandacht` : "opnieuw koppelen"}`
      : `Teamleader → Exact (${name}): ${total ? `${total} document${total === 1 ? " needs" : "s need"} your attention` : "reconnect needed"}`;
  const lines = [
    ...(reconnect
      ? [lang === "nl" ? "De koppeling moet opnieuw verbonden worden." : "The connection needs to be reconnected."]
      : []),
    ...rows.map((r) => `- ${r.n} ${WORDS[r.status as keyof typeof WORDS][lang]}`),
    "",
    `${env.PUBLIC_URL}/connections/${connection.id}`,
    "",
    lang === "nl" ? "U krijgt hooguit één zo'n e-mail per dag." : "You get at most one such e-mail a day.",
  ];
  const sent = await fetch(`${env.EMAIL_API_URL}/emails`, {
    method: "POST",
    headers: { Authorization: `Bearer ${env.EMAIL_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ from: env.EMAIL_FROM, to: [owner.email], subject, text: lines.join("\n") }),
    signal: AbortSignal.timeout(env.UPSTREAM_TIMEOUT_MS),
  }).catch((error: unknown) => error as Error);
  if (sent instanceof Response && sent.ok) {
    await logEvent(db, {
      connectionId: connection.id,
      level: "info",
      kind: "email.sent",
      message: `Sent ${owner.email} an e-mail: ${subject}`,
    });
    return "sent";
  }
  await db.delete(attentionEmails).where(and(eq(attentionEmails.userId, owner.id), eq(attentionEmails.day, day)));
  const why = sent instanceof Response ? `HTTP ${sent.status} ${(await sent.text()).slice(0, 200)}` : sent.message;
  await logEvent(db, {
    connectionId: connection.id,
    level: "warn",
    kind: "email.failed",
    message: `The attention e-mail to ${owner.email} could not be sent (${why}); the next run tries again.`,
  });
  return "failed";
}
