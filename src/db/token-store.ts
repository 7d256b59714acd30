import { and, eq } from "drizzle-orm";
import type { TokenCipher } from "../crypto/token-cipher";
import type { TokenSet, TokenStore } from "../oauth/tokens";
import type { Db } from "./client";
import { oauthTokens } from "./schema";

type Provider = (typeof oauthTokens.$inferSelect)["provider"];

/**
 * Encrypted token storage in D1 for one connection and provider. A lost grant is reported to `onGrantLost`
 * (the connection's lifecycle decides what that means for its status).
 */
export function d1TokenStore(
  db: Db,
  cipher: TokenCipher,
  connectionId: string,
  provider: Provider,
  onGrantLost: (reason: string) => Promise<unknown> = async () => undefined,
): TokenStore {
  const context = `${connectionId}:${provider}`;
  const where = and(eq(oauthTokens.connectionId, connectionId), eq(oauthTokens.provider, provider));

  return {
    async load() {
      const row = await db.select().from(oauthTokens).where(where).get();
      if (!row) return null;
      const secret = JSON.parse(await cipher.open(row.sealed, context)) as Pick<
        TokenSet,
        "accessToken" | "refreshToken" | "refreshRefusedAt"
      >;
      return { ...secret, accessExpiresAt: row.accessExpiresAt.getTime(), issuedAt: row.issuedAt.getTime() };
    },
    async save(tokens) {
      const sealed = await cipher.seal(
        JSON.stringify({
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          refreshRefusedAt: tokens.refreshRefusedAt,
        }),
        context,
      );
      const values = {
        sealed,
        accessExpiresAt: new Date(tokens.accessExpiresAt),
        issuedAt: new Date(tokens.issuedAt),
        updatedAt: new Date(),
      };
      await db
        .insert(oauthTokens)
        .values({ connectionId, provider, ...values })
        .onConflictDoUpdate({ target: [oauthTokens.connectionId, oauthTokens.provider], set: values });
    },
    async markReconsentRequired(reason) {
      const label = provider === "exact" ? "Exact Online" : "Teamleader";
      await onGrantLost(`${label}: ${reason}`);
    },
  };
}
