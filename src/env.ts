import { z } from "zod";
import { AppError } from "./errors";

const binding = <T>(name: string) =>
  z.custom<T>((value) => typeof value === "object" && value !== null, { message: `binding ${name} is missing` });

const secret = (name: string, min = 1) =>
  z.string({ error: `${name} is not set` }).min(min, `${name} must be at least ${min} characters`);

const base64Key = z
  .string({ error: "TOKEN_ENCRYPTION_KEY is not set" })
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && atob(value).length === 32, {
    message: "TOKEN_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)",
  });

// Only http(s), and without a trailing slash, so that `${PUBLIC_URL}/oauth/…` never becomes `//oauth/…`.
const url = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an absolute http(s) URL` })
    .transform((u) => u.replace(/\/+$/, ""));

/** The local-only values of `.dev.vars.example`: never acceptable on a public (https) deployment. */
const EXAMPLE_SECRETS: Record<string, string> = {
  TEAMLEADER_CLIENT_SECRET: "sandbox-teamleader-secret",
  EXACT_CLIENT_SECRET: "sandbox-exact-secret",
  TOKEN_ENCRYPTION_KEY: "ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=",
  SESSION_SECRET: "dev-only-session-secret-change-me-0123456789abcdef",
};

export const EnvSchema = z
  .object({
    DB: binding<D1Database>("DB"),
    PDFS: binding<R2Bucket>("PDFS"),
    SYNC_QUEUE: binding<Queue<unknown>>("SYNC_QUEUE"),
    CONNECTION: binding<DurableObjectNamespace>("CONNECTION"),
    DIVISION_BUDGET: binding<DurableObjectNamespace>("DIVISION_BUDGET"),
    TEAMLEADER_CLIENT_ID: secret("TEAMLEADER_CLIENT_ID"),
    TEAMLEADER_CLIENT_SECRET: secret("TEAMLEADER_CLIENT_SECRET"),
    EXACT_CLIENT_ID: secret("EXACT_CLIENT_ID"),
    EXACT_CLIENT_SECRET: secret("EXACT_CLIENT_SECRET"),
    TOKEN_ENCRYPTION_KEY: base64Key,
    SESSION_SECRET: secret("SESSION_SECRET", 32),
    /** Where this connector is reachable: OAuth redirect URIs and webhook URLs are built from it. */
    PUBLIC_URL: url("PUBLIC_URL"),
    TEAMLEADER_AUTH_URL: url("TEAMLEADER_AUTH_URL").default("https://focus.teamleader.eu"),
    TEAMLEADER_API_URL: url("TEAMLEADER_API_URL").default("https://api.focus.teamleader.eu"),
    /** When set, replaces the regional Exact Online host for every region (the sandbox, another emulator). */
    EXACT_BASE_URL: url("EXACT_BASE_URL").optional(),
    /** How long a Teamleader or Exact call may take before it counts as timed out (ms). */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
    /** How long one run may work before it hands the rest to a Durable Object alarm (ms). */
    RUN_BUDGET_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
    /**
     * A transactional e-mail API in Resend's shape (`POST {EMAIL_API_URL}/emails`, Bearer key): at most one
     * e-mail a day per owner when documents need attention. Off unless all three are set.
     */
    EMAIL_API_URL: url("EMAIL_API_URL").optional(),
    EMAIL_API_KEY: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    /** Only in development: the sandbox home, linked from the connector's home page. */
    SANDBOX_URL: url("SANDBOX_URL").optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.PUBLIC_URL.startsWith("https:")) return;
    for (const [name, example] of Object.entries(EXAMPLE_SECRETS))
      if (env[name as keyof typeof env] === example)
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is the example value from .dev.vars.example; set your own (wrangler secret put ${name})`,
        });
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the bindings once per entry point; a missing or malformed secret is named in the message. */
export function parseEnv(raw: unknown): Env {
  const result = EnvSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".");
    return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
  });
  throw new AppError("ENV_INVALID", `Configuration is incomplete: ${problems.join("; ")}`);
}
