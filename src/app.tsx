import { Hono } from "hono";
import { type Env, parseEnv } from "./env";
import { AppError } from "./errors";
import { HomePage } from "./web/home";
import { webhookRoutes } from "./web/webhook-route";

export type AppEnv = { Bindings: Record<string, unknown>; Variables: { env: Env } };

export const app = new Hono<AppEnv>();

// Every request parses the bindings first; a missing secret answers with its name, not a stack trace.
app.use("*", async (c, next) => {
  c.set("env", parseEnv(c.env));
  await next();
});

app.get("/", (c) => c.html(<HomePage env={c.get("env")} />));

app.get("/health", (c) => c.json({ ok: true }));

app.route("/webhooks", webhookRoutes);

app.onError((error, c) => {
  if (error instanceof AppError) {
    if (error.status >= 500) console.error(error.code, error.message);
    return c.json({ code: error.code, message: error.message }, error.status as 400);
  }
  console.error(error);
  return c.json({ code: "INTERNAL", message: "Something went wrong on our side; it has been logged." }, 500);
});

app.notFound((c) => c.json({ code: "NOT_FOUND", message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
