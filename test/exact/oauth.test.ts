import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { onGrantLost } from "../../src/connection/lifecycle";
import { createTokenCipher } from "../../src/crypto/token-cipher";
import { createDb } from "../../src/db/client";
import { accounts, connections } from "../../src/db/schema";
import { d1TokenStore } from "../../src/db/token-store";
import {
  EXACT_REFRESH_WINDOW_MS,
  exactAuthorizeUrl,
  exchangeExactCode,
  refreshExactToken,
} from "../../src/exact/oauth";
import { createAccessTokenSource } from "../../src/oauth/access-token";
import { exactOAuthConfig, exactTokens } from "../helpers/clients";
import { consent, sandbox, testEnv } from "../helpers/sandbox";

const TEN_MINUTES = 600_000;

describe("Exact Online OAuth", () => {
  beforeEach(() => sandbox.reset());

  it("exchanges a code containing '!' and reads expires_in sent as a string", async () => {
    const config = exactOAuthConfig();
    const url = new URL(exactAuthorizeUrl(config, "st"));
    expect(url.pathname).toBe("/exact/api/oauth2/auth");
    expect(url.searchParams.get("force_login")).toBe("0");
    const redirect = await consent(url.toString());
    expect(redirect.search).toContain("%21");
    const tokens = await exchangeExactCode(config, redirect.searchParams.get("code")!);
    expect(tokens.accessExpiresAt - tokens.issuedAt).toBe(600_000);
  });

  it("keeps the current tokens and records the refusal when a refresh comes while the token is valid", async () => {
    const config = exactOAuthConfig();
    const tokens = await exactTokens();
    await sandbox.config({ advanceClockMs: TEN_MINUTES - 20_000 });
    expect(await refreshExactToken(config, tokens, 1234)).toEqual({ ...tokens, refreshRefusedAt: 1234 });
    expect((await sandbox.calls())["exact oauth2/token"]).toBe(2);
  });

  it("rotates once the access token expired; an old refresh token kills the chain", async () => {
    const config = exactOAuthConfig();
    const first = await exactTokens();
    await sandbox.config({ advanceClockMs: TEN_MINUTES + 1_000 });
    const second = await refreshExactToken(config, first);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    await sandbox.config({ advanceClockMs: TEN_MINUTES + 1_000 });
    await expect(refreshExactToken(config, first)).rejects.toMatchObject({
      code: "RECONSENT_REQUIRED",
      message: expect.stringContaining("Old refresh token used."),
    });
    await expect(refreshExactToken(config, second)).rejects.toMatchObject({ code: "RECONSENT_REQUIRED" });
  });

  it("asks for re-consent when the refresh token expired after 30 days unused", async () => {
    const tokens = await exactTokens();
    await sandbox.config({ advanceClockMs: 31 * 86_400_000 });
    await expect(refreshExactToken(exactOAuthConfig(), tokens)).rejects.toMatchObject({
      code: "RECONSENT_REQUIRED",
      message: expect.stringContaining("expired"),
    });
  });

  it("refreshes only after expiry, persisting encrypted tokens (and a refusal) in D1 before use", async () => {
    const db = createDb(env.DB);
    const connectionId = `c-${crypto.randomUUID()}`;
    await db.insert(accounts).values({ id: `a-${connectionId}` });
    await db.insert(connections).values({
      id: connectionId,
      accountId: `a-${connectionId}`,
      departmentId: "d",
      departmentName: "D",
      webhookSecretHash: "w",
    });
    const cipher = await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY);
    const store = d1TokenStore(db, cipher, connectionId, "exact", onGrantLost(db, connectionId));
    const config = exactOAuthConfig();
    const issued = await exactTokens();
    await store.save(issued);
    let now = issued.issuedAt;
    const source = createAccessTokenSource({
      store,
      refreshWindowMs: EXACT_REFRESH_WINDOW_MS,
      refresh: (current, now) => refreshExactToken(config, current, now),
      now: () => now,
    });

    now = issued.accessExpiresAt - 1_000;
    expect(await source.get()).toBe(issued.accessToken);
    expect((await sandbox.calls())["exact oauth2/token"]).toBe(1);

    now = issued.accessExpiresAt;
    await sandbox.config({ advanceClockMs: TEN_MINUTES + 2_000 });
    const fresh = await source.get();
    expect(fresh).not.toBe(issued.accessToken);
    expect((await store.load())!.accessToken).toBe(fresh);

    // Reuse of the rotated token by someone else → the connection is flagged, no retry loop.
    await sandbox.config({ advanceClockMs: TEN_MINUTES + 2_000 });
    await refreshExactToken(config, issued).catch(() => undefined);
    await expect(source.forceRefresh()).rejects.toMatchObject({ code: "RECONSENT_REQUIRED" });
    const row = await db.select().from(connections).where(eq(connections.id, connectionId)).get();
    expect(row?.status).toBe("needs_reconsent");
    expect(row?.statusReason).toMatch(/^Exact Online: .*Reconnect Exact Online/);
  });
});
