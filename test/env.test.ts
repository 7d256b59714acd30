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

  it("accepts only http(s) URLs and drops a trailing slash", () => {
    for (const bad of ["javascript:alert(1)", "ftp://files.example.com", "file:///etc/passwd"])
      expect(() => parseEnv({ ...env, PUBLIC_URL: bad }), bad).toThrowError(
        /PUBLIC_URL must be an absolute http\(s\) URL/,
      );
    const parsed = parseEnv({
      ...env,
      PUBLIC_URL: "http://connector.example.com/",
      EXACT_BASE_URL: "http://x.test/exact//",
    });
    expect(parsed.PUBLIC_URL).toBe("http://connector.example.com");
    expect(parsed.EXACT_BASE_URL).toBe("http://x.test/exact");
  });

  it("refuses the example secrets of .dev.vars.example on an https deployment", () => {
    const examples = {
      ...env,
      SESSION_SECRET: "dev-only-session-secret-change-me-0123456789abcdef",
      TOKEN_ENCRYPTION_KEY: "ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=",
    };
    expect(() => parseEnv({ ...examples, PUBLIC_URL: "https://connector.example.com" })).toThrowError(
      /TOKEN_ENCRYPTION_KEY is the example value.*SESSION_SECRET is the example value|SESSION_SECRET is the example value.*TOKEN_ENCRYPTION_KEY is the example value/,
    );
    // Local development over http keeps working with them.
    expect(parseEnv({ ...examples, PUBLIC_URL: "http://localhost:8787" }).SESSION_SECRET).toBe(examples.SESSION_SECRET);
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
