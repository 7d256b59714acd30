import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { buildSync } from "esbuild";
import { defineConfig } from "vitest/config";

/** Test values: the sandbox accepts these client credentials; hosts *.test route to the sandbox worker. */
export const TEST_VARS = {
  TEAMLEADER_CLIENT_ID: "sandbox-teamleader-client",
  TEAMLEADER_CLIENT_SECRET: "sandbox-teamleader-secret",
  EXACT_CLIENT_ID: "sandbox-exact-client",
  EXACT_CLIENT_SECRET: "sandbox-exact-secret",
  TOKEN_ENCRYPTION_KEY: "dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nISEhISE=",
  SESSION_SECRET: "test-session-secret-0123456789abcdef-0123456789",
  PUBLIC_URL: "http://connector.test",
  TEAMLEADER_AUTH_URL: "http://sandbox.test/teamleader",
  TEAMLEADER_API_URL: "http://sandbox.test/teamleader/api",
  EXACT_BASE_URL: "http://sandbox.test/exact",
  SANDBOX_URL: "http://sandbox.test",
  // Long enough that a busy machine never trips it; fault tests hold their answer far longer than this.
  UPSTREAM_TIMEOUT_MS: "10000",
  // A run ends by finishing its work, never by the machine's speed; tests that want a short run say so.
  RUN_BUDGET_MS: "600000",
};

// The sandbox runs as a second worker beside the one under test; bundle it first.
buildSync({
  entryPoints: ["sandbox/src/index.ts"],
  outfile: ".build/sandbox.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["cloudflare:*"],
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  logLevel: "warning",
});

export function workersConfig(include: string[], testTimeout: number, extraBindings: Record<string, string> = {}) {
  return defineConfig({
    plugins: [
      cloudflareTest(async () => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ...TEST_VARS, ...extraBindings, TEST_MIGRATIONS: await readD1Migrations("./migrations") },
          // Every fetch the connector makes goes to the sandbox, as if Teamleader and Exact answered.
          outboundService: "sandbox",
          workers: [
            {
              name: "sandbox",
              modules: true,
              scriptPath: ".build/sandbox.js",
              compatibilityDate: "2026-11-01",
              durableObjects: { STATE: { className: "SandboxState", useSQLite: true } },
              // The sandbox cannot reach the worker under test: webhook deliveries are recorded (502) and tests relay them.
              outboundService: () => new Response("not reachable from the sandbox in tests", { status: 502 }),
            },
          ],
        },
      })),
    ],
    test: {
      include,
      setupFiles: ["./test/setup.ts"],
      // One sandbox is shared by all test files: run the files one after another.
      fileParallelism: false,
      testTimeout,
    },
  });
}

// The timeout only guards against a hang; no test relies on it (a busy 2-core machine is several times slower).
export default workersConfig(["test/**/*.test.ts", "test/**/*.test.tsx"], 180_000);
