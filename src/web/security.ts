import type { MiddlewareHandler } from "hono";
import { EXACT_HOSTS } from "../exact/regions";
import type { AppEnv } from "./app-env";

/**
 * Security headers on every answer: no framing, no sniffing, a strict CSP (one stylesheet, no scripts).
 * `form-action` also governs where a form's redirect may go: the Exact region form redirects to Exact's
 * consent page, so the Exact hosts (or the configured EXACT_BASE_URL) are allowed.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const override = c.get("env")?.EXACT_BASE_URL;
  const exactOrigins = override ? [new URL(override).origin] : Object.values(EXACT_HOSTS).map((h) => h.host);
  c.header(
    "Content-Security-Policy",
    `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' ${exactOrigins.join(" ")}; frame-ancestors 'none'; base-uri 'none'`,
  );
  c.header("X-Content-Type-Options", "nosniff");
  // Over https, browsers must never fall back to http for this host (a year, as the HSTS preload list asks).
  if (new URL(c.req.url).protocol === "https:")
    c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  c.header("Referrer-Policy", "same-origin");
  c.header("X-Frame-Options", "DENY");
  c.header("Cache-Control", c.res.headers.get("Cache-Control") ?? "no-store");
};
