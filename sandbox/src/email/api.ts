import { Hono } from "hono";
import { z } from "zod";
import type { SandboxEnv } from "../app-env";
import { randomUuid } from "../ids";

/**
 * A transactional e-mail API in Resend's shape (`POST /emails`, `Authorization: Bearer <key>`, JSON
 * `{from, to, subject, text}`, answered `{id}`; Resend's SDK READMEs, e.g. resend/resend-java-legacy
 * USAGE.md, and its "Send Email" reference). Messages are captured, never sent: `GET /__control/emails`.
 */
export const emailApi = new Hono<SandboxEnv>();

const Message = z.object({
  from: z.string().min(3),
  to: z.union([z.string(), z.array(z.string()).min(1)]),
  subject: z.string().min(1),
  text: z.string().optional(),
  html: z.string().optional(),
});

emailApi.post("/emails", async (c) => {
  if (!/^Bearer \S+/.test(c.req.header("Authorization") ?? ""))
    return c.json(
      { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." },
      401,
    );
  const parsed = Message.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success)
    return c.json(
      { statusCode: 422, name: "validation_error", message: parsed.error.issues[0]?.message ?? "invalid" },
      422,
    );
  const data = c.get("data");
  const id = randomUuid();
  data.control.emails.put(id, { id, ...parsed.data, at: new Date(data.now()).toISOString() });
  return c.json({ id });
});
