import { AppError, isAppError } from "../errors";
import type { TokenSet, TokenStore } from "./tokens";

export interface AccessTokenSourceOptions {
  store: TokenStore;
  /**
   * Exchanges the current refresh token; must throw RECONSENT_REQUIRED when the grant is gone. When the
   * provider refuses because the access token is still valid, it returns the current set with
   * `refreshRefusedAt` filled in.
   */
  refresh(current: TokenSet, now: number): Promise<TokenSet>;
  /** Refresh once no more than this many ms of the access token's life are left. */
  refreshWindowMs: number;
  /** After a refusal, ask again no sooner than this (and never before the access token expires). */
  retryAfterRefusalMs?: number;
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
 * can never leave us holding only a dead refresh token. A refused refresh is persisted too, so no later
 * call spends another token-endpoint call on the same access token. Callers serialize per connection
 * (the connection's Durable Object), and refreshes within one source are additionally coalesced.
 */
export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const now = options.now ?? Date.now;
  const retryAfterRefusalMs = options.retryAfterRefusalMs ?? 60_000;
  let inFlight: Promise<string> | null = null;

  async function refreshNow(): Promise<string> {
    const current = await options.store.load();
    if (!current) throw new AppError("RECONSENT_REQUIRED", "No tokens are stored for this connection; connect again.");
    try {
      const next = await options.refresh(current, now());
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

  const refusedRecently = (tokens: TokenSet) =>
    tokens.refreshRefusedAt !== undefined &&
    now() < Math.max(tokens.accessExpiresAt, tokens.refreshRefusedAt + retryAfterRefusalMs);

  return {
    async get() {
      if (inFlight) return inFlight;
      const tokens = await options.store.load();
      if (!tokens) throw new AppError("RECONSENT_REQUIRED", "No tokens are stored for this connection; connect again.");
      if (tokens.accessExpiresAt - now() > options.refreshWindowMs) return tokens.accessToken;
      if (refusedRecently(tokens)) return tokens.accessToken;
      return coalesced();
    },
    forceRefresh: coalesced,
  };
}
