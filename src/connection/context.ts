import { eq } from "drizzle-orm";
import { createTokenCipher } from "../crypto/token-cipher";
import { createDb, type Db } from "../db/client";
import { connections } from "../db/schema";
import { d1TokenStore } from "../db/token-store";
import type { Env } from "../env";
import { AppError } from "../errors";
import { ExactClient, type PermitGate } from "../exact/client";
import type { DivisionBudgetObject } from "../exact/division-object";
import { divisionBudgetName } from "../exact/division-object";
import type { ErrorBudget } from "../exact/error-budget";
import { EXACT_REFRESH_WINDOW_MS, refreshExactToken } from "../exact/oauth";
import { type ExactRegion, exactBaseUrl } from "../exact/regions";
import { createAccessTokenSource } from "../oauth/access-token";
import { redirectUri } from "../oauth/redirect-uri";
import type { ConnectionContext } from "../sync/context";
import { ConnectionOptions } from "../sync/options";
import { TeamleaderClient } from "../teamleader/client";
import { refreshTeamleaderToken } from "../teamleader/oauth";
import { onGrantLost } from "./lifecycle";

export function teamleaderClientFor(
  env: Env,
  db: Db,
  cipher: Awaited<ReturnType<typeof createTokenCipher>>,
  connectionId: string,
  maxWaitMs = 15_000,
) {
  const config = {
    authUrl: env.TEAMLEADER_AUTH_URL,
    clientId: env.TEAMLEADER_CLIENT_ID,
    clientSecret: env.TEAMLEADER_CLIENT_SECRET,
    redirectUri: redirectUri(env, "teamleader"),
  };
  const tokens = createAccessTokenSource({
    store: d1TokenStore(db, cipher, connectionId, "teamleader", onGrantLost(db, connectionId)),
    refreshWindowMs: 60_000,
    refresh: (current) => refreshTeamleaderToken(config, current.refreshToken),
  });
  return new TeamleaderClient({
    apiUrl: env.TEAMLEADER_API_URL,
    tokens,
    maxWaitMs,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
  });
}

export function exactClientFor(
  env: Env,
  db: Db,
  cipher: Awaited<ReturnType<typeof createTokenCipher>>,
  connectionId: string,
  region: ExactRegion,
  division: number,
  maxWaitMs = 15_000,
  errorBudget?: ErrorBudget,
) {
  const baseUrl = exactBaseUrl(region, env.EXACT_BASE_URL);
  const config = {
    baseUrl,
    clientId: env.EXACT_CLIENT_ID,
    clientSecret: env.EXACT_CLIENT_SECRET,
    redirectUri: redirectUri(env, "exact"),
  };
  const tokens = createAccessTokenSource({
    store: d1TokenStore(db, cipher, connectionId, "exact", onGrantLost(db, connectionId)),
    refreshWindowMs: EXACT_REFRESH_WINDOW_MS,
    refresh: (current, now) => refreshExactToken(config, current, now),
  });
  return new ExactClient({
    baseUrl,
    division,
    tokens,
    maxWaitMs,
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    errorBudget,
    permits: division ? divisionPermits(env, region, division) : undefined,
  });
}

/** Every connection booking into one division asks the same Durable Object for its calls. */
function divisionPermits(env: Env, region: ExactRegion, division: number): PermitGate {
  const stub = (env.DIVISION_BUDGET as unknown as DurableObjectNamespace<DivisionBudgetObject>).getByName(
    divisionBudgetName(region, division),
  );
  return { permit: (priority) => stub.permit(priority), record: (seen, ticket) => stub.record(seen, ticket) };
}

/**
 * Builds the clients of one connection. Only the connection's Durable Object does this for syncing,
 * so token refreshes for a connection never run twice at once.
 */
export async function openConnection(
  env: Env,
  connectionId: string,
  maxWaitMs = 15_000,
  errorBudget?: ErrorBudget,
): Promise<ConnectionContext> {
  const db = createDb(env.DB);
  const connection = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
  if (!connection) throw new AppError("NOT_FOUND", `Connection ${connectionId} does not exist.`);
  if (!connection.departmentId || !connection.exactRegion || !connection.exactDivision || !connection.salesJournal) {
    throw new AppError(
      "CONFLICT",
      "The connection is not fully set up: choose the department, the Exact division and the sales journal first.",
    );
  }
  const cipher = await createTokenCipher(env.TOKEN_ENCRYPTION_KEY);
  return {
    env,
    db,
    connection,
    options: ConnectionOptions.parse(connection.options ?? {}),
    departmentId: connection.departmentId,
    division: connection.exactDivision,
    tl: teamleaderClientFor(env, db, cipher, connectionId, maxWaitMs),
    exact: exactClientFor(
      env,
      db,
      cipher,
      connectionId,
      connection.exactRegion,
      connection.exactDivision,
      maxWaitMs,
      errorBudget,
    ),
  };
}
