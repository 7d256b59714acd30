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

/** Teamleader does not sign webhooks: the URL carries the connection's unguessable secret instead. */
export const webhookUrl = (publicUrl: string, connectionId: string, secret: string) =>
  `${publicUrl}/webhooks/teamleader/${connectionId}/${secret}`;

/** On activation. Registering twice is harmless (Teamleader keeps one entry per URL). */
export const registerWebhooks = (client: TeamleaderClient, url: string) =>
  tl.webhooksRegister(client, url, WEBHOOK_TYPES);

/** On removal. There is no webhook id: unregister by URL and types. */
export const unregisterWebhooks = (client: TeamleaderClient, url: string) =>
  tl.webhooksUnregister(client, url, WEBHOOK_TYPES);
