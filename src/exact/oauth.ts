import { z } from "zod";
import { AppError } from "../errors";
import { parseResponse } from "../http/upstream";
import { postTokenForm, toTokenSet } from "../oauth/token-endpoint";
import type { TokenSet } from "../oauth/tokens";
import { describeOAuthError } from "../teamleader/oauth";

// Exact's token response carries expires_in as a string ("600").
const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number),
  refresh_token: z.string().min(1),
});

export interface ExactOAuthConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  timeoutMs?: number;
}

/**
 * Refresh only once the access token has expired. Exact's KB allows the last 30 s of its 10 minutes, but a
 * live refresh while the token is valid is refused ("Rate limit exceeded: access_token not expired", EMEQ),
 * and every call counts against 200 token calls per app, user and day (Invantive). A request that meets the
 * expiry gets a 401 and refreshes then.
 */
export const EXACT_REFRESH_WINDOW_MS = 0;

export function exactAuthorizeUrl(config: ExactOAuthConfig, state: string, forceLogin = false): string {
  const url = new URL(`${config.baseUrl}/api/oauth2/auth`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    response_type: "code",
    state,
    force_login: forceLogin ? "1" : "0",
  }).toString();
  return url.toString();
}

export function exchangeExactCode(config: ExactOAuthConfig, code: string, now = Date.now()): Promise<TokenSet> {
  // The code arrives URL-encoded in the redirect (`%21` for `!`); URLSearchParams has decoded it already.
  return tokenRequest(config, { grant_type: "authorization_code", code, redirect_uri: config.redirectUri }, now).then(
    (r) => {
      if ("tooEarly" in r)
        throw new AppError("UPSTREAM_REJECTED", "Exact Online refused the sign-in code.", { source: "exact" });
      return r;
    },
  );
}

/**
 * Refreshes with Exact's single-use refresh token. A refused early refresh ("not expired") keeps the
 * current tokens and records the refusal: Exact says the access token is still valid.
 */
export async function refreshExactToken(
  config: ExactOAuthConfig,
  current: TokenSet,
  now = Date.now(),
): Promise<TokenSet> {
  const result = await tokenRequest(config, { grant_type: "refresh_token", refresh_token: current.refreshToken }, now);
  return "tooEarly" in result ? { ...current, refreshRefusedAt: now } : result;
}

async function tokenRequest(
  config: ExactOAuthConfig,
  grant: Record<string, string>,
  now: number,
): Promise<TokenSet | { tooEarly: true }> {
  const { response, data } = await postTokenForm(
    `${config.baseUrl}/api/oauth2/token`,
    { ...grant, client_id: config.clientId, client_secret: config.clientSecret },
    config.timeoutMs ?? 15_000,
    "exact",
  );
  if (response.ok) return toTokenSet(parseResponse(TokenResponse, data, "api/oauth2/token", "exact"), now);
  const reason = describeOAuthError(data);
  const options = { source: "exact" as const, upstreamStatus: response.status };
  if (/not expired/i.test(reason)) return { tooEarly: true };
  // Over the 200 token calls a day: the grant is fine, only today's budget is spent.
  if (response.status === 429 || /rate limit/i.test(reason)) {
    throw new AppError("RATE_LIMITED", `Exact Online's token endpoint refused more calls today (${reason}).`, {
      ...options,
      retryAt: nextUtcMidnight(now),
    });
  }
  if (response.status === 400 || response.status === 401) {
    if (grant.grant_type === "authorization_code") {
      throw new AppError(
        "UPSTREAM_REJECTED",
        `Exact Online refused the sign-in code (${reason}). Connect Exact Online again.`,
        options,
      );
    }
    // "Old refresh token used." (401) or "The refresh token expired at …" (400): the chain is dead.
    throw new AppError(
      "RECONSENT_REQUIRED",
      `Exact Online no longer accepts this connection's authorisation (${reason}). Reconnect Exact Online.`,
      options,
    );
  }
  throw new AppError(
    "UPSTREAM_UNAVAILABLE",
    `Exact Online's token endpoint answered HTTP ${response.status} (${reason}).`,
    options,
  );
}

const nextUtcMidnight = (now: number) => (Math.floor(now / 86_400_000) + 1) * 86_400_000;
