import { Hono } from "hono";
import { parseEnv } from "./env";
import { AppError } from "./errors";
import type { AppEnv } from "./web/app-env";
import { HomePage } from "./web/home";
import { pickLang, t } from "./web/i18n";
import { Page, STYLESHEET } from "./web/layout";
import { messageIn } from "./web/messages-nl";
import { apiRoutes } from "./web/routes/api";
import { dashboardRoutes } from "./web/routes/dashboard";
import { disconnectRoutes } from "./web/routes/disconnect";
import { installRoutes } from "./web/routes/install";
import { mappingRoutes } from "./web/routes/mappings";
import { reconciliationApiRoutes, reconciliationRoutes } from "./web/routes/reconciliation";
import { setupRoutes } from "./web/routes/setup";
import { securityHeaders } from "./web/security";
import { endSession, requireSession } from "./web/session";
import { webhookRoutes } from "./web/webhook-route";

export const app = new Hono<AppEnv>();

// Every request parses the bindings first; a missing secret answers with its name, not a stack trace.
app.use("*", securityHeaders);
app.use("*", async (c, next) => {
  c.set("env", parseEnv(c.env));
  c.set("lang", pickLang(c));
  await next();
});

app.get("/static/app.css", (c) =>
  c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
);

app.get("/", (c) => c.html(<HomePage env={c.get("env")} signedOut={c.req.query("notice") === "signed-out"} />));

app.get("/health", (c) => c.json({ ok: true }));
// Browsers ask for it on every page; an empty answer keeps a 404 out of their console.
app.get("/favicon.ico", (c) => c.body(null, 204, { "Cache-Control": "public, max-age=86400" }));

app.route("/webhooks", webhookRoutes);
// Sign-out is a POST with the CSRF token, so no other site can end a session.
app.use("/signout", requireSession);
app.post("/signout", (c) => {
  endSession(c);
  return c.redirect("/?notice=signed-out", 303);
});
// Everything under /connections belongs to a signed-in Teamleader user (and writes carry the CSRF token).
app.use("/connections", requireSession);
app.use("/connections/*", requireSession);
app.use("/api/*", requireSession);
app.route("/api", apiRoutes);
app.route("/api", reconciliationApiRoutes);
app.route("/", installRoutes);
app.route("/", mappingRoutes);
app.route("/", setupRoutes);
app.route("/", disconnectRoutes);
app.route("/", dashboardRoutes);
app.route("/", reconciliationRoutes);

// JSON for machines (/api, webhooks), a page for people; both say what happened and what to do.
app.onError((error, c) => {
  const known = error instanceof AppError;
  if (!known || error.status >= 500) console.error(error);
  const code = known ? error.code : "INTERNAL";
  const message = known ? error.message : "Something went wrong on our side; it has been logged.";
  const status = (known ? error.status : 500) as 400;
  const path = new URL(c.req.url).pathname;
  if (path.startsWith("/api/") || path.startsWith("/webhooks/") || code === "ENV_INVALID")
    return c.json({ code, message }, status);
  const lang = c.get("lang") ?? "en";
  return c.html(
    <Page lang={lang} title={t(lang, "appName")} path={path} session={c.get("session")}>
      <p class="error">{messageIn(lang, message)}</p>
    </Page>,
    status,
  );
});

app.notFound((c) =>
  c.json({ code: "NOT_FOUND", message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404),
);
