import { beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "../../src/errors";
import { createAccessTokenSource } from "../../src/oauth/access-token";
import { memoryTokenStore } from "../../src/oauth/tokens";
import { exchangeTeamleaderCode, refreshTeamleaderToken, teamleaderAuthorizeUrl } from "../../src/teamleader/oauth";
import { teamleaderOAuthConfig, teamleaderTokens } from "../helpers/clients";
import { consent, sandbox } from "../helpers/sandbox";

describe("Teamleader OAuth", () => {
  beforeEach(() => sandbox.reset());

  it("builds the authorize URL and returns code and state after Allow", async () => {
    const config = teamleaderOAuthConfig();
    const url = new URL(teamleaderAuthorizeUrl(config, "state-123"));
    expect(url.pathname).toBe("/teamleader/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: config.clientId,
      response_type: "code",
      redirect_uri: config.redirectUri,
      state: "state-123",
    });

    const redirect = await consent(url.toString());
    expect(redirect.origin + redirect.pathname).toBe(config.redirectUri);
    expect(redirect.searchParams.get("state")).toBe("state-123");
    const tokens = await exchangeTeamleaderCode(config, redirect.searchParams.get("code")!);
    expect(tokens.accessExpiresAt - tokens.issuedAt).toBe(3600 * 1000);
  });

  it("returns error=access_denied after Deny", async () => {
    const redirect = await consent(teamleaderAuthorizeUrl(teamleaderOAuthConfig(), "s"), "deny");
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("code")).toBeNull();
  });

  it("refuses a code used twice", async () => {
    const config = teamleaderOAuthConfig();
    const code = (await consent(teamleaderAuthorizeUrl(config, "s"))).searchParams.get("code")!;
    await exchangeTeamleaderCode(config, code);
    await expect(exchangeTeamleaderCode(config, code)).rejects.toMatchObject({ code: "UPSTREAM_REJECTED" });
  });

  it("rotates the refresh token on every refresh, and reusing an old one ends the grant", async () => {
    const config = teamleaderOAuthConfig();
    const first = await teamleaderTokens();
    const second = await refreshTeamleaderToken(config, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const reuse = await refreshTeamleaderToken(config, first.refreshToken).catch((e) => e);
    expect(isAppError(reuse, "RECONSENT_REQUIRED")).toBe(true);
    // The whole chain is dead, including the newest token.
    await expect(refreshTeamleaderToken(config, second.refreshToken)).rejects.toMatchObject({
      code: "RECONSENT_REQUIRED",
    });
  });

  it("persists the new tokens before handing out the access token, and flags re-consent when refresh fails", async () => {
    const config = teamleaderOAuthConfig();
    const tokens = await teamleaderTokens();
    const store = memoryTokenStore({ ...tokens, accessExpiresAt: Date.now() - 1 });
    const source = createAccessTokenSource({
      store,
      refreshWindowMs: 60_000,
      refresh: (current) => refreshTeamleaderToken(config, current.refreshToken),
    });

    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b); // one refresh, shared
    expect(store.current!.accessToken).toBe(a);
    expect(store.current!.refreshToken).not.toBe(tokens.refreshToken);

    // Someone else used our current refresh token: the next refresh must mark the connection.
    await refreshTeamleaderToken(config, store.current!.refreshToken);
    await expect(source.forceRefresh()).rejects.toMatchObject({ code: "RECONSENT_REQUIRED" });
    expect(store.reconsent).toMatch(/Reconnect Teamleader/);
  });
});
