import type { z } from "zod";
import { AppError } from "../errors";

export type Source = "teamleader" | "exact";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * fetch with a deadline. A timeout or network failure of a write is UPSTREAM_UNCERTAIN: the server may
 * have committed it, so the caller must look before writing again.
 */
export async function fetchWithDeadline(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  source: Source,
): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
    const what = timedOut ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : "could not be reached";
    const code = WRITE_METHODS.has(method) ? "UPSTREAM_UNCERTAIN" : "UPSTREAM_UNAVAILABLE";
    throw new AppError(code, `${label(source)} ${what} (${method} ${pathOf(url)}).`, { source, cause });
  }
}

/** Validates an API answer; a surprise shape names the endpoint and the first offending field. */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  endpoint: string,
  source: Source,
): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new AppError(
    "UPSTREAM_BAD_RESPONSE",
    `${label(source)} answered ${endpoint} with an unexpected shape at ${where}: ${issue?.message}`,
    {
      source,
    },
  );
}

/** Waits for a rate limit to reset when that is soon; otherwise hands the wait to the caller (an alarm). */
export async function waitForReset(
  resetAt: number,
  maxWaitMs: number,
  source: Source,
  now = Date.now(),
): Promise<void> {
  const wait = Math.max(0, resetAt - now);
  if (wait > maxWaitMs) {
    const at = new Date(resetAt).toISOString();
    throw new AppError("RATE_LIMITED", `${label(source)} rate limit reached; calls resume at ${at}.`, {
      source,
      retryAt: resetAt,
      upstreamStatus: 429,
    });
  }
  await sleep(wait + 50);
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function label(source: Source): string {
  return source === "exact" ? "Exact Online" : "Teamleader";
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
