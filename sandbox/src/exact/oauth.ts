import { Hono } from "hono";
import type { SandboxEnv } from "../app-env";
import { consentPage, oauthErrorPage } from "../oauth/consent";
import {
  CLIENTS,
  EXACT_REFRESH_TTL_MS,
  EXACT_TOKEN_CALLS_PER_DAY,
  issueCode,
  issueTokens,
  LIFETIMES,
  newChain,
  readTokenRequest,
  revokeChain,
} from "../oauth/grants";
import type { SandboxData } from "../state";

/** Exact Online OAuth: GET /api/oauth2/auth, POST /api/oauth2/token (form-encoded only). */
export const exactOAuth = new Hono<SandboxEnv>();

const SYSTEM = "Exact Online";

exactOAuth.get("/api/oauth2/auth", (c) => {
  const data = c.get("data");
  const q = c.req.query();
  if (q.client_id !== CLIENTS.exact.id)
    return oauthErrorPage(c, SYSTEM, "The client_id is unknown: register the app in the Exact App Center.");
  if (q.response_type !== "code") return oauthErrorPage(c, SYSTEM, "response_type must be 'code'.");
  if (!q.redirect_uri) return oauthErrorPage(c, SYSTEM, "redirect_uri is missing.");
  const user = data.ex.users.all()[0];
  if (!user) return oauthErrorPage(c, SYSTEM, "The sandbox has no Exact user; reset it.");
  return consentPage(c, {
    system: SYSTEM,
    action: "/exact/api/oauth2/auth",
    fields: { client_id: q.client_id, redirect_uri: q.redirect_uri, state: q.state ?? "" },
    user: `${user.FullName} (${user.Email})`,
    scopes: [
      "crm/accounts",
      "sales/invoices",
      "financial/accounting",
      "financial/generalledgers",
      "organization/documents",
      "financial/cashflow",
    ],
  });
});

exactOAuth.post("/api/oauth2/auth", async (c) => {
  const data = c.get("data");
  const form = await c.req.parseBody();
  const redirect = new URL(String(form.redirect_uri));
  if (form.decision !== "allow") redirect.searchParams.set("error", "access_denied");
  else
    redirect.searchParams.set(
      "code",
      issueCode(data, "exact", data.ex.users.all()[0]!.UserID, String(form.client_id), redirect.toString()),
    );
  if (form.state) redirect.searchParams.set("state", String(form.state));
  return c.redirect(redirect.toString(), 302);
});

exactOAuth.post("/api/oauth2/token", async (c) => {
  const data = c.get("data");
  data.countCall("exact oauth2/token");
  const body = await readTokenRequest(c.req.raw, false);
  const fail = (status: 400 | 401, error: string, description: string) =>
    c.json({ error, error_description: description }, status);
  if (!body) return fail(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
  if (body.client_id !== CLIENTS.exact.id || body.client_secret !== CLIENTS.exact.secret)
    return fail(401, "invalid_client", "Client authentication failed.");
  const now = data.now();
  const tooMany = () =>
    c.json({ error: "invalid_request", error_description: "Rate limit exceeded: too many token requests today" }, 429);

  let userId: string;
  let chain: string;
  if (body.grant_type === "authorization_code") {
    const code = data.oauth.codes.get(body.code ?? "");
    if (code?.provider !== "exact" || code.used || code.expires_at <= now)
      return fail(400, "invalid_grant", "The authorization code is invalid or has expired.");
    if (code.redirect_uri.split("?")[0] !== (body.redirect_uri ?? "").split("?")[0])
      return fail(400, "invalid_grant", "redirect_uri does not match.");
    if (overDailyCap(data, body.client_id, code.user_id)) return tooMany();
    data.oauth.codes.put(code.code, { ...code, used: true });
    userId = code.user_id;
    chain = newChain(data, "exact", body.client_id);
  } else if (body.grant_type === "refresh_token") {
    const refresh = data.oauth.refresh.get(body.refresh_token ?? "");
    if (refresh?.provider !== "exact") return fail(400, "invalid_grant", "The refresh token is invalid.");
    if (data.oauth.chains.get(refresh.chain)?.revoked)
      return fail(400, "invalid_grant", "The refresh token has been revoked.");
    if (refresh.status === "used") {
      // Reusing a rotated refresh token kills the whole chain: the user must consent again.
      revokeChain(data, refresh.chain, "old refresh token used");
      return fail(401, "unauthorized_client", "Old refresh token used.");
    }
    if (now - refresh.last_used_at > EXACT_REFRESH_TTL_MS) {
      return fail(
        400,
        "invalid_request",
        `The refresh token expired at ${new Date(refresh.last_used_at + EXACT_REFRESH_TTL_MS).toISOString()}.`,
      );
    }
    if (overDailyCap(data, body.client_id, refresh.user_id)) return tooMany();
    // Refused for as long as the chain's latest access token is valid (EMEQ, observed live).
    const latest = data.oauth.access
      .filter((a) => a.chain === refresh.chain)
      .sort((a, b) => b.issued_at - a.issued_at)[0];
    if (latest && now < latest.expires_at)
      return fail(400, "invalid_request", "Rate limit exceeded: access_token not expired");
    data.oauth.refresh.put(refresh.token, { ...refresh, status: "used", last_used_at: now });
    userId = refresh.user_id;
    chain = refresh.chain;
  } else {
    return fail(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
  }
  const { access, refresh } = issueTokens(data, "exact", userId, chain);
  // expires_in is a string in Exact's answer.
  return c.json({
    access_token: access.token,
    token_type: "bearer",
    expires_in: String(LIFETIMES.exact.accessS),
    refresh_token: refresh.token,
  });
});

/** Counts this token call against the app's and user's day (UTC); true once the 200 are spent. */
function overDailyCap(data: SandboxData, clientId: string, userId: string): boolean {
  if (!data.config.rateLimits) return false;
  const key = `exact-token-calls:${clientId}:${userId}:${new Date(data.now()).toISOString().slice(0, 10)}`;
  const count = ((data.meta.get(key) as number | undefined) ?? 0) + 1;
  data.meta.put(key, count);
  return count > EXACT_TOKEN_CALLS_PER_DAY;
}
