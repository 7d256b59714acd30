import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AppError } from "../errors";
import type { AppEnv, Session } from "./app-env";
import { randomId, sign, verify } from "./signed";

const COOKIE = "tle_session";
const LIFETIME_MS = 8 * 3_600_000;

const cookieOptions = (c: Context<AppEnv>) => ({
  httpOnly: true,
  secure: new URL(c.req.url).protocol === "https:",
  sameSite: "Lax" as const,
  path: "/",
});

export async function startSession(
  c: Context<AppEnv>,
  userId: string,
  accountId: string,
  name?: string,
): Promise<Session> {
  const session: Session = { userId, accountId, csrf: randomId(), exp: Date.now() + LIFETIME_MS, name };
  setCookie(c, COOKIE, await sign(session, c.get("env").SESSION_SECRET), {
    ...cookieOptions(c),
    maxAge: LIFETIME_MS / 1000,
  });
  return session;
}

export function endSession(c: Context<AppEnv>) {
  deleteCookie(c, COOKIE, cookieOptions(c));
}

export async function readSession(c: Context<AppEnv>): Promise<Session | null> {
  return verify<Session>(getCookie(c, COOKIE), c.get("env").SESSION_SECRET);
}

/**
 * Pages and the API need a signed-in Teamleader user. Writes must carry the session's CSRF token
 * (form field `_csrf` or header `X-CSRF-Token`).
 */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const session = await readSession(c);
  if (!session) {
    if (c.req.path.startsWith("/api/")) throw new AppError("UNAUTHORIZED", "Sign in first: open /install.");
    // Sign in, then come back here (no new connection is started for a plain sign-in).
    return c.redirect(`/install?next=${encodeURIComponent(c.req.path)}`, 302);
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const header = c.req.header("X-CSRF-Token");
    const form = header ? undefined : ((await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>)._csrf;
    if ((header ?? form) !== session.csrf)
      throw new AppError(
        "FORBIDDEN",
        "This form has expired or did not come from this site. Reload the page and try again.",
      );
  }
  c.set("session", session);
  await next();
};
