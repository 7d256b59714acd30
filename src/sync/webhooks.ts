import * as tl from "../teamleader/api";
import type { TeamleaderClient } from "../teamleader/client";

export const WEBHOOK_TYPES = [
  "invoice.booked",
  "invoice.updated",
  "invoice.deleted",
  "creditNote.booked",
  "creditNote.updated",
  "creditNote.deleted",
];

const webhookPrefix = (publicUrl: string, connectionId: string) => `${publicUrl}/webhooks/teamleader/${connectionId}/`;

/** Teamleader does not sign webhooks: the URL carries the connection's unguessable secret instead. */
export const webhookUrl = (publicUrl: string, connectionId: string, secret: string) =>
  `${webhookPrefix(publicUrl, connectionId)}${secret}`;

/** A fresh secret for the webhook URL, and the hash that is all D1 keeps of it. */
export async function newWebhookSecret(): Promise<{ secret: string; hash: string }> {
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  return { secret, hash: await hashWebhookSecret(secret) };
}

export async function hashWebhookSecret(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** On activation, with a new secret. Registering twice is harmless (Teamleader keeps one entry per URL). */
export const registerWebhooks = (client: TeamleaderClient, url: string) =>
  tl.webhooksRegister(client, url, WEBHOOK_TYPES);

/**
 * Removes every webhook this connection registered. Only the hash of the secret is kept, so the URLs are
 * found in `webhooks.list` by their per-connection prefix; there is no webhook id (unregister by URL and types).
 */
export async function unregisterWebhooks(client: TeamleaderClient, publicUrl: string, connectionId: string) {
  const prefix = webhookPrefix(publicUrl, connectionId);
  for (const hook of await tl.webhooksList(client))
    if (hook.url.startsWith(prefix)) await tl.webhooksUnregister(client, hook.url, hook.types);
}
