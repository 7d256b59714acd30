import { randomToken } from "../ids";
import type { OAuthAccess, OAuthRefresh } from "../model";
import type { SandboxData } from "../state";

export type Provider = "teamleader" | "exact";

/** Client credentials the sandbox accepts (the values in .dev.vars.example and the test config). */
export const CLIENTS: Record<Provider, { id: string; secret: string }> = {
  teamleader: { id: "sandbox-teamleader-client", secret: "sandbox-teamleader-secret" },
  exact: { id: "sandbox-exact-client", secret: "sandbox-exact-secret" },
};

export const LIFETIMES = {
  // Teamleader: code valid 10 min, access token "usually 1 hour".
  teamleader: { codeMs: 10 * 60_000, accessS: 3600 },
  // Exact: code valid 3 min, access token 600 s, refresh token 30 days unused.
  exact: { codeMs: 3 * 60_000, accessS: 600 },
} as const;

export const EXACT_REFRESH_TTL_MS = 30 * 86_400_000;
/** Exact answers at most this many token calls per app, user and day (Invantive, "API adjustments July 1, 2021"). */
export const EXACT_TOKEN_CALLS_PER_DAY = 200;

export function issueCode(
  data: SandboxData,
  provider: Provider,
  userId: string,
  clientId: string,
  redirectUri: string,
): string {
  // Exact's codes contain '!' (sent URL-encoded as %21), which catches clients that do not decode them.
  const code = `${provider === "exact" ? "stampNL001!" : ""}${randomToken(16)}`;
  data.oauth.codes.put(code, {
    code,
    provider,
    user_id: userId,
    client_id: clientId,
    redirect_uri: redirectUri,
    expires_at: data.now() + LIFETIMES[provider].codeMs,
    used: false,
  });
  return code;
}

export function issueTokens(data: SandboxData, provider: Provider, userId: string, chain: string) {
  const now = data.now();
  const access: OAuthAccess = {
    token: randomToken(),
    provider,
    user_id: userId,
    chain,
    issued_at: now,
    expires_at: now + LIFETIMES[provider].accessS * 1000,
  };
  const refresh: OAuthRefresh = {
    token: randomToken(),
    provider,
    user_id: userId,
    chain,
    status: "active",
    created_at: now,
    last_used_at: now,
  };
  data.oauth.access.put(access.token, access);
  data.oauth.refresh.put(refresh.token, refresh);
  return { access, refresh };
}

export function newChain(data: SandboxData, provider: Provider, clientId: string): string {
  const id = randomToken(8);
  data.oauth.chains.put(id, { id, provider, client_id: clientId, revoked: false, revoked_reason: null });
  return id;
}

export function revokeChain(data: SandboxData, chain: string, reason: string) {
  const row = data.oauth.chains.get(chain);
  if (row) data.oauth.chains.put(chain, { ...row, revoked: true, revoked_reason: reason });
  for (const access of data.oauth.access.filter((a) => a.chain === chain)) data.oauth.access.delete(access.token);
}

/** The grant behind a bearer token, or null when it is unknown, expired, revoked or for the other provider. */
export function authenticate(data: SandboxData, provider: Provider, header: string | undefined): OAuthAccess | null {
  const token = /^Bearer (.+)$/i.exec(header ?? "")?.[1];
  const access = token ? data.oauth.access.get(token) : undefined;
  if (!access || access.provider !== provider || access.expires_at <= data.now()) return null;
  if (data.oauth.chains.get(access.chain)?.revoked) return null;
  return access;
}

/** Reads a token request body: form-encoded, or JSON where the provider accepts it. */
export async function readTokenRequest(request: Request, allowJson: boolean): Promise<Record<string, string> | null> {
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer())));
  if (allowJson && type.includes("application/json")) {
    try {
      const body = (await request.json()) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
    } catch {
      return null;
    }
  }
  return null;
}
