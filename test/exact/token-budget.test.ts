import { beforeEach, describe, expect, it } from "vitest";
import { me } from "../../src/exact/api";
import { ExactClient } from "../../src/exact/client";
import { EXACT_REFRESH_WINDOW_MS, refreshExactToken } from "../../src/exact/oauth";
import { createAccessTokenSource } from "../../src/oauth/access-token";
import { memoryTokenStore } from "../../src/oauth/tokens";
import { exactOAuthConfig, exactTokens } from "../helpers/clients";
import { sandbox } from "../helpers/sandbox";

const DAY = 86_400_000;
const TOKEN_LIFE = 600_000;

/** A connection's Exact token source on an injected clock that moves together with the sandbox's. */
async function simulatedConnection() {
  const config = exactOAuthConfig();
  const store = memoryTokenStore(await exactTokens());
  const clock = { now: store.current!.issuedAt };
  const tokens = createAccessTokenSource({
    store,
    refreshWindowMs: EXACT_REFRESH_WINDOW_MS,
    refresh: (current, now) => refreshExactToken(config, current, now),
    now: () => clock.now,
  });
  const client = new ExactClient({ baseUrl: config.baseUrl, division: 100001, tokens });
  const advance = async (ms: number, exactToo = true) => {
    clock.now += ms;
    if (exactToo) await sandbox.config({ advanceClockMs: ms });
  };
  return { store, clock, tokens, client, advance };
}

const tokenCalls = async () => (await sandbox.calls())["exact oauth2/token"] ?? 0;

describe("Exact token endpoint budget (200 calls per app, user and day)", () => {
  beforeEach(() => sandbox.reset());

  it("a day of runs, three calls 10 s apart every 290 s, spends one token call per access token", async () => {
    const { store, client, advance } = await simulatedConnection();
    // 290 s drifts against the 600 s token life, so runs keep landing in a token's last seconds.
    for (let elapsed = 0; elapsed < DAY; elapsed += 290_000) {
      for (let call = 0; call < 3; call++) {
        expect((await me(client))?.UserName).toBeTruthy();
        await advance(10_000);
      }
      await advance(260_000);
    }
    const calls = await tokenCalls();
    // The sign-in plus at most one refresh per 10-minute token.
    expect(calls).toBeLessThanOrEqual(1 + Math.ceil(DAY / TOKEN_LIFE));
    expect(calls).toBeLessThan(200);
    expect(store.reconsent).toBeUndefined();
  });

  it("remembers a refusal ('access_token not expired') and does not ask again while the token lives", async () => {
    const { store, clock, tokens, advance } = await simulatedConnection();
    const issued = store.current!;
    // Our clock says expired; Exact's clock is 30 s behind and still counts the token valid.
    await advance(TOKEN_LIFE - 30_000);
    await advance(30_000, false);
    expect(await tokens.get()).toBe(issued.accessToken);
    expect(store.current!.refreshRefusedAt).toBe(clock.now);
    expect(await tokenCalls()).toBe(2);

    for (let i = 0; i < 10; i++) {
      await advance(5_000);
      expect(await tokens.get()).toBe(issued.accessToken);
    }
    expect(await tokenCalls()).toBe(2);

    await advance(15_000);
    expect(await tokens.get()).not.toBe(issued.accessToken);
    expect(await tokenCalls()).toBe(3);
  });

  it("the 201st token call of a day is refused with 429; the client reports a rate limit, not a lost grant", async () => {
    const config = exactOAuthConfig();
    const tokens = await exactTokens();
    // A careless client: 199 refused early refreshes in a row (each one counts).
    for (let i = 1; i < 200; i++) expect((await refreshExactToken(config, tokens)).refreshRefusedAt).toBeDefined();
    await sandbox.config({ advanceClockMs: TOKEN_LIFE });
    await expect(refreshExactToken(config, tokens)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await tokenCalls()).toBe(201);
  });
});
