import { AppError, isAppError } from "../errors";
import type { TokenSet, TokenStore } from "./tokens";

export interface AccessTokenSourceOptions {
  store: TokenStore;
  /** Exchanges the current refresh token; must throw RECONSENT_REQUIRED when the grant is gone. */
  refresh(current: TokenSet): Promise<TokenSet>;
  /** Refresh once no more than this many ms of the access token's life are left. */
  refreshWindowMs: number;
  now?: () => number;
}

export interface AccessTokenSource {
  /** A valid access token, refreshing first when it has (nearly) expired. */
  get(): Promise<string>;
  /** Refresh regardless of the clock (after the API said 401). */
  forceRefresh(): Promise<string>;
}

/**
 * Hands out access tokens and refreshes them with single-use, rotating refresh tokens.
 * The new token set is persisted before the new access token is used, so a crash after the refresh
 * can never leave us holding only a dead refresh token. Callers serialize per connection (the
 * connection's Durable Object), and refreshes within one source are additionally coalesced.
 */
export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const now = options.now ?? Date.now;
  let inFlight: Promise<string> | null = null;

  async function refreshNow(): Promise<string> {
    const current = await options.store.load();
    if (!current) throw new AppError("RECONSENT_REQUIRED", "No tokens are stored for this connection; connect again.");
    try {
      const next = await options.refresh(current);
      await options.store.save(next);
      return next.accessToken;
    } catch (error) {
      if (isAppError(error, "RECONSENT_REQUIRED")) await options.store.markReconsentRequired(error.message);
      throw error;
    }
  }

  function coalesced(): Promise<string> {
    inFlight ??= refreshNow().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    async get() {
      if (inFlight) return inFlight;
      const tokens = await options.store.load();
      if (!tokens) throw new AppError("RECONSENT_REQUIRED", "No tokens are stored for this connection; connect again.");
      if (tokens.accessExpiresAt - now() > options.refreshWindowMs) return tokens.accessToken;
      return coalesced();
    },
    forceRefresh: coalesced,
  };
}
