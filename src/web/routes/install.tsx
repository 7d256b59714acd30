import { and, eq, isNull } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { transition } from "../../connection/lifecycle";
import { createTokenCipher } from "../../crypto/token-cipher";
import { createDb } from "../../db/client";
import { accounts, connections, oauthTokens, users } from "../../db/schema";
import { d1TokenStore } from "../../db/token-store";
import type { Env } from "../../env";
import { exchangeExactCode } from "../../exact/oauth";
import { exactBaseUrl } from "../../exact/regions";
import { createAccessTokenSource } from "../../oauth/access-token";
import { redirectUri } from "../../oauth/redirect-uri";
import { memoryTokenStore, type TokenSet } from "../../oauth/tokens";
import { logEvent } from "../../sync/audit";
import { newWebhookSecret } from "../../sync/webhooks";
import * as tl from "../../teamleader/api";
import { TeamleaderClient } from "../../teamleader/client";
import { exchangeTeamleaderCode, teamleaderAuthorizeUrl } from "../../teamleader/oauth";
import type { AppEnv } from "../app-env";
import { t } from "../i18n";
import { Page } from "../layout";
import { beginOAuth, finishOAuth } from "../oauth-flow";
import { ownConnection } from "../own-connection";
import { startSession } from "../session";
import { randomId } from "../signed";

const displayName = (me: { first_name?: string | null; last_name?: string | null; email: string }) =>
  [me.first_name, me.last_name].filter(Boolean).join(" ") || me.email;

export const installRoutes = new Hono<AppEnv>();

const teamleaderConfig = (env: Env) => ({
  authUrl: env.TEAMLEADER_AUTH_URL,
  clientId: env.TEAMLEADER_CLIENT_ID,
  clientSecret: env.TEAMLEADER_CLIENT_SECRET,
  redirectUri: redirectUri(env, "teamleader"),
});

export const exactConfig = (env: Env, region: Parameters<typeof exactBaseUrl>[0]) => ({
  baseUrl: exactBaseUrl(region, env.EXACT_BASE_URL),
  clientId: env.EXACT_CLIENT_ID,
  clientSecret: env.EXACT_CLIENT_SECRET,
  redirectUri: redirectUri(env, "exact"),
});

/** Consent again for an existing connection (after `needs_reconsent`): the new grant replaces the old one. */
installRoutes.get("/connections/:id/reconnect/teamleader", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const state = await beginOAuth(c, { provider: "teamleader", connectionId: connection.id });
  return c.redirect(teamleaderAuthorizeUrl(teamleaderConfig(c.get("env")), state), 302);
});

/** The Teamleader Marketplace install URL: straight to Teamleader's consent screen. */
installRoutes.get("/install", async (c) => {
  const next = c.req.query("next");
  // Only our own pages: an open redirect would let anyone send a signed-in user elsewhere.
  const safeNext = next && /^\/connections(\/[\w-]+)*$/.test(next) ? next : undefined;
  const state = await beginOAuth(c, { provider: "teamleader", ...(safeNext ? { next: safeNext } : {}) });
  return c.redirect(teamleaderAuthorizeUrl(teamleaderConfig(c.get("env")), state), 302);
});

function problemPage(c: Context<AppEnv>, message: string, again: string) {
  const lang = c.get("lang");
  return c.html(
    <Page lang={lang} title={t(lang, "appName")} path={c.req.path}>
      <p class="error">{message}</p>
      <p>
        <a href={again}>{t(lang, "startAgain")}</a>
      </p>
    </Page>,
    400,
  );
}

/**
 * Back from Teamleader: the user and account are stored, a session starts, and a connection is created
 * with its own grant (two connections must never share one rotating refresh token).
 */
installRoutes.get("/oauth/teamleader/callback", async (c) => {
  const env = c.get("env");
  const lang = c.get("lang");
  const flow = await finishOAuth(c, "teamleader");
  if (!flow) return problemPage(c, t(lang, "stateMismatch"), "/install");
  if (c.req.query("error"))
    return problemPage(
      c,
      c.req.query("error") === "access_denied" ? t(lang, "accessDenied") : `Teamleader: ${c.req.query("error")}`,
      "/install",
    );
  const code = c.req.query("code");
  if (!code) return problemPage(c, t(lang, "stateMismatch"), "/install");

  const tokens = await exchangeTeamleaderCode(teamleaderConfig(env), code);
  const client = new TeamleaderClient({
    apiUrl: env.TEAMLEADER_API_URL,
    tokens: createAccessTokenSource({
      store: memoryTokenStore(tokens),
      refreshWindowMs: 0,
      refresh: async (current) => current,
    }),
  });
  const me = await tl.usersMe(client);
  const db = createDb(env.DB);
  const cipher = await createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
  if (flow.connectionId) {
    // A reconnect: the grant must come from the same Teamleader account as the connection.
    const connection = await db.select().from(connections).where(eq(connections.id, flow.connectionId)).get();
    if (!connection || connection.status === "disconnected")
      return problemPage(c, t(lang, "goneWhileAway"), "/connections");
    if (connection.accountId !== me.account.id)
      return problemPage(
        c,
        "This Teamleader user belongs to another Teamleader account than the connection. Sign in with a user of the right account.",
        "/connections",
      );
    if (!(await saveUnlessDisconnected(db, cipher, connection.id, "teamleader", tokens)))
      return problemPage(c, t(lang, "goneWhileAway"), "/connections");
    await reactivate(db, connection, "Teamleader");
    await startSession(c, me.id, me.account.id, displayName(me));
    return c.redirect(`/connections/${connection.id}?notice=reconnected`, 302);
  }
  await db.insert(accounts).values({ id: me.account.id }).onConflictDoNothing();
  const profile = {
    accountId: me.account.id,
    email: me.email,
    firstName: me.first_name ?? null,
    lastName: me.last_name ?? null,
    language: me.language ?? null,
    lastLoginAt: new Date(),
  };
  await db
    .insert(users)
    .values({ id: me.id, ...profile })
    .onConflictDoUpdate({ target: users.id, set: profile });
  await startSession(c, me.id, me.account.id, displayName(me));
  if (flow.next) return c.redirect(flow.next, 302);

  // Installing again before choosing a department continues the user's unfinished connection.
  const unfinished = await db
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.accountId, me.account.id),
        eq(connections.createdBy, me.id),
        eq(connections.status, "setup"),
        isNull(connections.departmentId),
      ),
    )
    .get();
  const connectionId = unfinished?.id ?? randomId(16);
  if (!unfinished) {
    // No webhook URL exists before activation: this hash matches no secret until then.
    const { hash: webhookSecretHash } = await newWebhookSecret();
    await db
      .insert(connections)
      .values({ id: connectionId, accountId: me.account.id, webhookSecretHash, createdBy: me.id, status: "setup" });
  }
  await d1TokenStore(db, cipher, connectionId, "teamleader").save(tokens);
  return c.redirect(`/connections/${connectionId}/setup/department`, 302);
});

/** Back from Exact Online: the grant is stored on the connection the flow was started for. */
installRoutes.get("/oauth/exact/callback", async (c) => {
  const env = c.get("env");
  const lang = c.get("lang");
  const flow = await finishOAuth(c, "exact");
  if (!flow?.connectionId || !flow.region) return problemPage(c, t(lang, "stateMismatch"), "/");
  const again = `/connections/${flow.connectionId}/setup/exact`;
  if (c.req.query("error"))
    return problemPage(
      c,
      c.req.query("error") === "access_denied" ? t(lang, "accessDenied") : `Exact Online: ${c.req.query("error")}`,
      again,
    );
  const code = c.req.query("code");
  if (!code) return problemPage(c, t(lang, "stateMismatch"), again);
  const db = createDb(env.DB);
  const before = await db.select().from(connections).where(eq(connections.id, flow.connectionId)).get();
  if (!before || before.status === "disconnected") return problemPage(c, t(lang, "goneWhileAway"), "/connections");
  const tokens = await exchangeExactCode(exactConfig(env, flow.region), code);
  const cipher = await createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
  if (!(await saveUnlessDisconnected(db, cipher, flow.connectionId, "exact", tokens)))
    return problemPage(c, t(lang, "goneWhileAway"), "/connections");
  await db
    .update(connections)
    .set({ exactRegion: flow.region, updatedAt: new Date() })
    .where(eq(connections.id, flow.connectionId));
  const connection = await db.select().from(connections).where(eq(connections.id, flow.connectionId)).get();
  // A reconnect of a connection that was already live goes straight back to work.
  if (connection?.activatedAt && connection.exactDivision) {
    await reactivate(db, connection, "Exact Online");
    return c.redirect(`/connections/${connection.id}?notice=reconnected`, 302);
  }
  return c.redirect(`/connections/${flow.connectionId}/setup/division`, 302);
});

/**
 * Stores a grant, unless the connection was disconnected meanwhile (the consent page may stay open for minutes):
 * checked again after the write, and then the grant is removed, so a disconnected connection never keeps one.
 */
async function saveUnlessDisconnected(
  db: ReturnType<typeof createDb>,
  cipher: Awaited<ReturnType<typeof createTokenCipher>>,
  connectionId: string,
  provider: "teamleader" | "exact",
  tokens: TokenSet,
): Promise<boolean> {
  await d1TokenStore(db, cipher, connectionId, provider).save(tokens);
  const now = await db
    .select({ status: connections.status })
    .from(connections)
    .where(eq(connections.id, connectionId))
    .get();
  if (now && now.status !== "disconnected") return true;
  await db
    .delete(oauthTokens)
    .where(and(eq(oauthTokens.connectionId, connectionId), eq(oauthTokens.provider, provider)));
  return false;
}

async function reactivate(
  db: ReturnType<typeof createDb>,
  connection: typeof connections.$inferSelect,
  system: string,
) {
  if (!(await transition(db, connection.id, "reconnected", { by: "background" }))) return;
  await logEvent(db, {
    connectionId: connection.id,
    level: "info",
    kind: "connection.reconnected",
    message: `${system} was connected again; syncing resumes.`,
  });
}
