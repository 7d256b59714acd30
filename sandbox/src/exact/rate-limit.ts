import type { SandboxData } from "../state";

// Per app and division: 5,000 calls a day and 60 a minute; resets are epoch milliseconds.
export const DAILY_LIMIT = 5000;
export const MINUTELY_LIMIT = 60;

export function exactRateLimit(
  data: SandboxData,
  division: number,
): { allowed: boolean; headers: Record<string, string> } {
  const now = data.now();
  const minuteReset = Math.floor(now / 60_000) * 60_000 + 60_000;
  const dayReset = Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000;
  const key = `exact:${division}`;
  const [minuteStart, minuteCount, dayStart, dayCount] = data.control.rate.get(key) ?? [0, 0, 0, 0];
  let minute = minuteStart === minuteReset ? minuteCount! : 0;
  let day = dayStart === dayReset ? dayCount! : 0;
  const enabled = data.config.rateLimits;
  const dailySpent = enabled && day >= DAILY_LIMIT;
  const minuteSpent = enabled && minute >= MINUTELY_LIMIT;
  const allowed = !dailySpent && !minuteSpent;
  if (allowed) {
    minute++;
    day++;
  }
  data.control.rate.put(key, [minuteReset, minute, dayReset, day]);
  const minuteHeaders = {
    "X-RateLimit-Minutely-Limit": String(MINUTELY_LIMIT),
    "X-RateLimit-Minutely-Remaining": String(enabled ? Math.max(0, MINUTELY_LIMIT - minute) : MINUTELY_LIMIT),
    "X-RateLimit-Minutely-Reset": String(minuteReset),
  };
  // When the minute limit is exhausted, Exact sends only the minutely headers.
  if (minuteSpent && !dailySpent) return { allowed, headers: minuteHeaders };
  return {
    allowed,
    headers: {
      "X-RateLimit-Limit": String(DAILY_LIMIT),
      "X-RateLimit-Remaining": String(enabled ? Math.max(0, DAILY_LIMIT - day) : DAILY_LIMIT),
      "X-RateLimit-Reset": String(dayReset),
      ...minuteHeaders,
    },
  };
}

/** Test control: how many calls the division has used in the current minute and day (sandbox clock). */
export function exactUsage(data: SandboxData, division: number): { minute: number; day: number } {
  const now = data.now();
  const [minuteStart, minute, dayStart, day] = data.control.rate.get(`exact:${division}`) ?? [0, 0, 0, 0];
  return {
    minute: minuteStart === Math.floor(now / 60_000) * 60_000 + 60_000 ? minute! : 0,
    day: dayStart === Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000 ? day! : 0,
  };
}

/** Test control: sets today's usage (e.g. close to the daily limit) without making thousands of calls. */
export function setExactUsage(data: SandboxData, division: number, usedToday: number): void {
  const now = data.now();
  const { minute } = exactUsage(data, division);
  data.control.rate.put(`exact:${division}`, [
    Math.floor(now / 60_000) * 60_000 + 60_000,
    minute,
    Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000,
    usedToday,
  ]);
}
