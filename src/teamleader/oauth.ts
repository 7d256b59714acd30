import { z } from "zod";
import { AppError } from "../errors";
import { parseResponse } from "../http/upstream";
import { postTokenForm, toTokenSet } from "../oauth/token-endpoint";
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
  const { response, data } = await postTokenForm(
    `${config.authUrl.replace(/\/$/, "")}/oauth2/access_token`,
    { client_id: config.clientId, client_secret: config.clientSecret, ...grant },
    config.timeoutMs ?? 15_000,
    "teamleader",
  );
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
  return toTokenSet(parseResponse(TokenResponse, data, "oauth2/access_token", "teamleader"), now);
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
