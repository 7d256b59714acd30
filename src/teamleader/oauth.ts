import { z } from "zod";
import { AppError } from "../errors";
import { fetchWithDeadline, parseResponse, readJson } from "../http/upstream";
import type { TokenSet } from "../oauth/tokens";

// https://developer.focus.teamleader.eu/docs/authentication — code valid 10 min, access token 1 h, refresh tokens single-use.
const TokenResponse = z.object({
  token_type: z.string(),
  expires_in: z.coerce.number().int().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
});

export interface TeamleaderOAuthConfig {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  timeoutMs?: number;
}

export function teamleaderAuthorizeUrl(config: TeamleaderOAuthConfig, state: string): string {
  const url = new URL(`${config.authUrl.replace(/\/$/, "")}/oauth2/authorize`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    redirect_uri: config.redirectUri,
    state,
  }).toString();
  return url.toString();
}

export function exchangeTeamleaderCode(
  config: TeamleaderOAuthConfig,
  code: string,
  now = Date.now(),
): Promise<TokenSet> {
  return tokenRequest(
    config,
    { grant_type: "authorization_code", code, redirect_uri: config.redirectUri },
    now,
    "code",
  );
}

export function refreshTeamleaderToken(
  config: TeamleaderOAuthConfig,
  refreshToken: string,
  now = Date.now(),
): Promise<TokenSet> {
  return tokenRequest(config, { grant_type: "refresh_token", refresh_token: refreshToken }, now, "refresh");
}

async function tokenRequest(
  config: TeamleaderOAuthConfig,
  grant: Record<string, string>,
  now: number,
  kind: "code" | "refresh",
): Promise<TokenSet> {
  const body = new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...grant });
  const response = await fetchWithDeadline(
    `${config.authUrl.replace(/\/$/, "")}/oauth2/access_token`,
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    },
    config.timeoutMs ?? 15_000,
    "teamleader",
  );
  const data = await readJson(response);
  if (response.status === 400 || response.status === 401) {
    const reason = describeOAuthError(data);
    if (kind === "refresh") {
      throw new AppError(
        "RECONSENT_REQUIRED",
        `Teamleader no longer accepts this connection's authorisation (${reason}). Reconnect Teamleader.`,
        {
          source: "teamleader",
          upstreamStatus: response.status,
        },
      );
    }
    throw new AppError(
      "UPSTREAM_REJECTED",
      `Teamleader refused the sign-in code (${reason}). Start the installation again.`,
      {
        source: "teamleader",
        upstreamStatus: response.status,
      },
    );
  }
  if (!response.ok) {
    throw new AppError("UPSTREAM_UNAVAILABLE", `Teamleader's token endpoint answered HTTP ${response.status}.`, {
      source: "teamleader",
      upstreamStatus: response.status,
    });
  }
  const token = parseResponse(TokenResponse, data, "oauth2/access_token", "teamleader");
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    accessExpiresAt: now + token.expires_in * 1000,
    issuedAt: now,
  };
}

export function describeOAuthError(data: unknown): string {
  if (data && typeof data === "object") {
    const record = data as Record<string, unknown>;
    const text = [record.error, record.error_description ?? record.message]
      .filter((part) => typeof part === "string")
      .join(": ");
    if (text) return text;
    const errors = record.errors;
    if (Array.isArray(errors) && errors[0] && typeof errors[0].title === "string") return errors[0].title;
  }
  return typeof data === "string" && data ? data.slice(0, 200) : "no reason given";
}
