import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { connectionClient } from "../connection/client";
import { createDb } from "../db/client";
import { connections } from "../db/schema";
import { AppError, firstIssue } from "../errors";
import { hashWebhookSecret } from "../sync/webhooks";
import type { AppEnv } from "./app-env";
import { readCappedText } from "./capped-body";

// Only `subject {type, id}` is reliable in Teamleader's webhook payload; everything else is re-fetched.
const WebhookBody = z.object({
  subject: z.object({ type: z.enum(["invoice", "creditNote"]), id: z.string().min(1).max(100) }),
  type: z.string().optional(),
});

/** A Teamleader webhook is a few hundred bytes; anything near this is not one. */
const MAX_WEBHOOK_BYTES = 8 * 1024;

export const webhookRoutes = new Hono<AppEnv>();

webhookRoutes.post("/teamleader/:connectionId/:secret", async (c) => {
  const env = c.get("env");
  const { connectionId, secret } = c.req.param();
  const connection = await createDb(env.DB).select().from(connections).where(eq(connections.id, connectionId)).get();
  // The secret is checked before the body is read. Same answer for an unknown connection and a wrong secret.
  if (!connection || connection.status === "disconnected" || !(await sameHash(connection.webhookSecretHash, secret))) {
    await c.req.raw.body?.cancel();
    throw new AppError("NOT_FOUND", "Unknown webhook URL.");
  }
  const text = await readCappedText(c.req.raw, MAX_WEBHOOK_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The webhook body is not JSON.");
  }
  const body = WebhookBody.safeParse(raw);
  if (!body.success) {
    throw new AppError("BAD_REQUEST", `Not a webhook this connection handles: ${firstIssue(body.error)}.`);
  }
  if (connection.status !== "active")
    return c.json({ accepted: false, reason: `connection is ${connection.status}` }, 202);
  const work = connectionClient(env, connectionId).document({
    kind: body.data.subject.type,
    id: body.data.subject.id,
  });
  c.executionCtx.waitUntil(work.catch((error: unknown) => console.error("webhook sync failed", error)));
  return c.json({ accepted: true }, 202);
});

async function sameHash(storedHex: string, given: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const a = encoder.encode(storedHex);
  const b = encoder.encode(await hashWebhookSecret(given));
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}
