import type { SandboxData } from "../state";

// https://developer.focus.teamleader.eu/docs/api/rate-limiting — 200 requests per sliding minute per integration and account.
export const TEAMLEADER_LIMIT = 200;
const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export function teamleaderRateLimit(data: SandboxData, key: string): RateDecision {
  const now = data.now();
  const recent = (data.control.rate.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
  const enabled = data.config.rateLimits;
  const allowed = !enabled || recent.length < TEAMLEADER_LIMIT;
  if (allowed) recent.push(now);
  data.control.rate.put(key, recent.slice(-TEAMLEADER_LIMIT));
  const oldest = recent[0] ?? now;
  return {
    allowed,
    headers: {
      "X-RateLimit-Limit": String(TEAMLEADER_LIMIT),
      "X-RateLimit-Remaining": String(enabled ? Math.max(0, TEAMLEADER_LIMIT - recent.length) : TEAMLEADER_LIMIT),
      // ISO-8601: when the oldest counted call leaves the window.
      "X-RateLimit-Reset": new Date(oldest + WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    },
  };
}
