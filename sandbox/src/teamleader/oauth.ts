import { Hono } from "hono";
import type { SandboxEnv } from "../app-env";
import { consentPage, oauthErrorPage } from "../oauth/consent";
import { CLIENTS, issueCode, issueTokens, LIFETIMES, newChain, readTokenRequest, revokeChain } from "../oauth/grants";

/** https://developer.focus.teamleader.eu/docs/authentication — authorize, access_token (form or JSON). */
export const teamleaderOAuth = new Hono<SandboxEnv>();

const SYSTEM = "Teamleader Focus";

teamleaderOAuth.get("/oauth2/authorize", (c) => {
  const data = c.get("data");
  const q = c.req.query();
  if (q.client_id !== CLIENTS.teamleader.id)
    return oauthErrorPage(c, SYSTEM, "Unknown client_id: this integration does not exist.");
  if (q.response_type !== "code") return oauthErrorPage(c, SYSTEM, "response_type must be 'code'.");
  if (!q.redirect_uri) return oauthErrorPage(c, SYSTEM, "redirect_uri is missing.");
  const user = data.tl.users.all()[0];
  if (!user) return oauthErrorPage(c, SYSTEM, "The sandbox has no Teamleader user; reset it.");
  return consentPage(c, {
    system: SYSTEM,
    action: "/teamleader/oauth2/authorize",
    fields: { client_id: q.client_id, redirect_uri: q.redirect_uri, state: q.state ?? "" },
    user: `${user.first_name} ${user.last_name} (${user.email})`,
    scopes: ["Departments, users", "Invoices and credit notes", "Companies and contacts", "Products", "Webhooks"],
  });
});

teamleaderOAuth.post("/oauth2/authorize", async (c) => {
  const data = c.get("data");
  const form = await c.req.parseBody();
  const redirect = new URL(String(form.redirect_uri));
  const state = String(form.state ?? "");
  if (form.decision !== "allow") {
    redirect.searchParams.set("error", "access_denied");
  } else {
    const user = data.tl.users.all()[0]!;
    redirect.searchParams.set(
      "code",
      issueCode(data, "teamleader", user.id, String(form.client_id), redirect.toString()),
    );
  }
  if (state) redirect.searchParams.set("state", state);
  return c.redirect(redirect.toString(), 302);
});

teamleaderOAuth.post("/oauth2/access_token", async (c) => {
  const data = c.get("data");
  data.countCall("teamleader oauth2/access_token");
  const body = await readTokenRequest(c.req.raw, true);
  const fail = (error: string, description: string, status: 400 | 401 = 400) =>
    c.json({ error, error_description: description }, status);
  if (!body) return fail("invalid_request", "The request body must be form-encoded or JSON.");
  if (body.client_id !== CLIENTS.teamleader.id || body.client_secret !== CLIENTS.teamleader.secret)
    return fail("invalid_client", "Client authentication failed", 401);

  let userId: string;
  let chain: string;
  if (body.grant_type === "authorization_code") {
    const code = data.oauth.codes.get(body.code ?? "");
    if (code?.provider !== "teamleader" || code.used || code.expires_at <= data.now())
      return fail("invalid_grant", "The authorization code is invalid, expired or already used.");
    if (code.redirect_uri.split("?")[0] !== (body.redirect_uri ?? "").split("?")[0])
      return fail("invalid_grant", "redirect_uri does not match the authorization request.");
    data.oauth.codes.put(code.code, { ...code, used: true });
    userId = code.user_id;
    chain = newChain(data, "teamleader", body.client_id);
  } else if (body.grant_type === "refresh_token") {
    const refresh = data.oauth.refresh.get(body.refresh_token ?? "");
    if (refresh?.provider !== "teamleader") return fail("invalid_grant", "The refresh token is invalid.");
    if (refresh.status === "used") {
      // Single-use refresh tokens: presenting one twice revokes the whole grant.
      revokeChain(data, refresh.chain, "refresh token reused");
      return fail("invalid_grant", "The refresh token is invalid.");
    }
    if (data.oauth.chains.get(refresh.chain)?.revoked) return fail("invalid_grant", "The refresh token is invalid.");
    data.oauth.refresh.put(refresh.token, { ...refresh, status: "used", last_used_at: data.now() });
    userId = refresh.user_id;
    chain = refresh.chain;
  } else {
    return fail("unsupported_grant_type", "The authorization grant type is not supported.");
  }
  const { access, refresh } = issueTokens(data, "teamleader", userId, chain);
  return c.json({
    token_type: "Bearer",
    expires_in: LIFETIMES.teamleader.accessS,
    access_token: access.token,
    refresh_token: refresh.token,
  });
});
