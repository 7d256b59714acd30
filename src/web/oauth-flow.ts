import { and, eq, gt, lt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createDb } from "../db/client";
import { oauthStates } from "../db/schema";
import type { ExactRegion } from "../exact/regions";
import type { AppEnv } from "./app-env";
import { randomId, sign, verify } from "./signed";

/** What an OAuth round trip must come back with: the `state` we sent, for the flow we started. */
export interface OAuthState {
  state: string;
  provider: "teamleader" | "exact";
  connectionId?: string;
  region?: ExactRegion;
  /** A plain sign-in: where to go afterwards (a local /connections path). */
  next?: string;
  exp: number;
}

const COOKIE = "tle_oauth";
const TEN_MINUTES = 10 * 60_000;

export async function beginOAuth(c: Context<AppEnv>, flow: Omit<OAuthState, "state" | "exp">): Promise<string> {
  const value: OAuthState = { ...flow, state: randomId(), exp: Date.now() + TEN_MINUTES };
  const db = createDb(c.get("env").DB);
  await db.batch([
    db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date())),
    db.insert(oauthStates).values({
      state: value.state,
      provider: flow.provider,
      connectionId: flow.connectionId ?? null,
      expiresAt: new Date(value.exp),
    }),
  ]);
  setCookie(c, COOKIE, await sign(value, c.get("env").SESSION_SECRET), {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === "https:",
    sameSite: "Lax",
    path: "/oauth",
    maxAge: TEN_MINUTES / 1000,
  });
  return value.state;
}

/**
 * The flow this callback belongs to, when its `state` matches the one this browser was given (CSRF) and was
 * not used before: D1 forgets a state when its callback arrives, so a replayed callback finds nothing.
 */
export async function finishOAuth(c: Context<AppEnv>, provider: OAuthState["provider"]): Promise<OAuthState | null> {
  const flow = await verify<OAuthState>(getCookie(c, COOKIE), c.get("env").SESSION_SECRET);
  deleteCookie(c, COOKIE, { path: "/oauth" });
  if (!flow || flow.provider !== provider || !c.req.query("state") || flow.state !== c.req.query("state")) return null;
  const taken = await createDb(c.get("env").DB)
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, flow.state), gt(oauthStates.expiresAt, new Date())))
    .returning({ state: oauthStates.state });
  return taken.length ? flow : null;
}
