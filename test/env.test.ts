import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";
import { parseEnv } from "../src/env";

describe("env validation", () => {
  it("accepts the test configuration and fills the Teamleader defaults", () => {
    const { TEAMLEADER_AUTH_URL, TEAMLEADER_API_URL, ...rest } = env as unknown as Record<string, unknown>;
    const parsed = parseEnv(rest);
    expect(parsed.TEAMLEADER_AUTH_URL).toBe("https://focus.teamleader.eu");
    expect(parsed.TEAMLEADER_API_URL).toBe("https://api.focus.teamleader.eu");
  });

  it("names each missing or malformed secret", () => {
    const broken = {
      ...env,
      EXACT_CLIENT_SECRET: undefined,
      TOKEN_ENCRYPTION_KEY: "not-base64!",
      SESSION_SECRET: "short",
      PUBLIC_URL: "localhost",
    };
    expect(() => parseEnv(broken)).toThrowError(
      expect.objectContaining({
        code: "ENV_INVALID",
        message: expect.stringMatching(
          /EXACT_CLIENT_SECRET is not set.*TOKEN_ENCRYPTION_KEY must be 32 random bytes.*SESSION_SECRET must be at least 32.*PUBLIC_URL/,
        ),
      }),
    );
  });

  it("answers a request with a clear 500 naming the missing secret", async () => {
    const response = await app.fetch(new Request("http://connector.test/"), {
      ...env,
      TEAMLEADER_CLIENT_SECRET: undefined,
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      code: "ENV_INVALID",
      message: "Configuration is incomplete: TEAMLEADER_CLIENT_SECRET is not set",
    });
  });

  it("validates in the Durable Object too", async () => {
    const stub = env.CONNECTION.getByName("conn-x") as unknown as {
      ping(): Promise<{ connectionId?: string }>;
    };
    expect(await stub.ping()).toEqual({ connectionId: "conn-x" });
    expect(exports.default).toBeDefined();
  });
});
