/** The shape both providers' token endpoints are reduced to. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms at which the access token stops working. */
  accessExpiresAt: number;
  /** Epoch ms at which the access token was issued. */
  issuedAt: number;
  /** Epoch ms at which the provider last refused to refresh this access token because it is still valid. */
  refreshRefusedAt?: number;
}

/** Where a connection's tokens for one provider live. Implementations must persist `save` durably before returning. */
export interface TokenStore {
  load(): Promise<TokenSet | null>;
  save(tokens: TokenSet): Promise<void>;
  /** Called when the grant is gone for good (refresh token reused, revoked or expired). */
  markReconsentRequired(reason: string): Promise<void>;
}

export function memoryTokenStore(
  initial: TokenSet | null = null,
): TokenStore & { current: TokenSet | null; reconsent?: string } {
  const store = {
    current: initial,
    reconsent: undefined as string | undefined,
    async load() {
      return store.current;
    },
    async save(tokens: TokenSet) {
      store.current = tokens;
    },
    async markReconsentRequired(reason: string) {
      store.reconsent = reason;
    },
  };
  return store;
}
