import { ExactClient } from "../../src/exact/client";
import {
  EXACT_REFRESH_WINDOW_MS,
  type ExactOAuthConfig,
  exactAuthorizeUrl,
  exchangeExactCode,
  refreshExactToken,
} from "../../src/exact/oauth";
import { str } from "../../src/exact/odata";
import { Account } from "../../src/exact/schemas";
import { createAccessTokenSource } from "../../src/oauth/access-token";
import { memoryTokenStore, type TokenSet } from "../../src/oauth/tokens";
import { TeamleaderClient } from "../../src/teamleader/client";
import {
  exchangeTeamleaderCode,
  refreshTeamleaderToken,
  type TeamleaderOAuthConfig,
  teamleaderAuthorizeUrl,
} from "../../src/teamleader/oauth";
import { consent, testEnv } from "./sandbox";

export const DIVISION = 100001;

export function teamleaderOAuthConfig(): TeamleaderOAuthConfig {
  const env = testEnv();
  return {
    authUrl: env.TEAMLEADER_AUTH_URL,
    clientId: env.TEAMLEADER_CLIENT_ID,
    clientSecret: env.TEAMLEADER_CLIENT_SECRET,
    redirectUri: `${env.PUBLIC_URL}/oauth/teamleader/callback`,
  };
}

export function exactOAuthConfig(): ExactOAuthConfig {
  const env = testEnv();
  return {
    baseUrl: env.EXACT_BASE_URL!,
    clientId: env.EXACT_CLIENT_ID,
    clientSecret: env.EXACT_CLIENT_SECRET,
    redirectUri: `${env.PUBLIC_URL}/oauth/exact/callback`,
  };
}

export async function teamleaderTokens(): Promise<TokenSet> {
  const config = teamleaderOAuthConfig();
  const redirect = await consent(teamleaderAuthorizeUrl(config, "s1"));
  return exchangeTeamleaderCode(config, redirect.searchParams.get("code")!);
}

export async function exactTokens(): Promise<TokenSet> {
  const config = exactOAuthConfig();
  const redirect = await consent(exactAuthorizeUrl(config, "s2"));
  return exchangeExactCode(config, redirect.searchParams.get("code")!);
}

export async function teamleaderClient(options: { maxWaitMs?: number } = {}) {
  const store = memoryTokenStore(await teamleaderTokens());
  const config = teamleaderOAuthConfig();
  const tokens = createAccessTokenSource({
    store,
    refreshWindowMs: 60_000,
    refresh: (current) => refreshTeamleaderToken(config, current.refreshToken),
  });
  return { client: new TeamleaderClient({ apiUrl: testEnv().TEAMLEADER_API_URL, tokens, ...options }), store };
}

export async function exactClient(options: { maxWaitMs?: number; timeoutMs?: number } = {}) {
  const store = memoryTokenStore(await exactTokens());
  const config = exactOAuthConfig();
  const tokens = createAccessTokenSource({
    store,
    refreshWindowMs: EXACT_REFRESH_WINDOW_MS,
    refresh: (current, now) => refreshExactToken(config, current, now),
  });
  return { client: new ExactClient({ baseUrl: config.baseUrl, division: DIVISION, tokens, ...options }), store };
}

/** Accounts in the sandbox's Exact by one key (the connector itself asks for all keys at once). */
export function findAccounts(
  client: ExactClient,
  by: { vatNumber: string } | { chamberOfCommerce: string } | { name: string },
) {
  const [field, value] =
    "vatNumber" in by
      ? ["VATNumber", by.vatNumber]
      : "chamberOfCommerce" in by
        ? ["ChamberOfCommerce", by.chamberOfCommerce]
        : ["Name", by.name];
  return client.list(
    "crm/Accounts",
    { filter: `${field} eq ${str(value)}`, select: Object.keys(Account.shape) },
    Account,
  );
}
