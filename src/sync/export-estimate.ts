import { LIVE_RESERVE } from "../exact/division-budget";

/** Measured by `npm run bench` (all-in, new customers included). */
export const EXACT_CALLS_PER_DOCUMENT = 3.4;
const MINUTE_LIMIT = 60;
const DAY_LIMIT = 5000;
/** What the export may spend: Exact's limits minus the reserve it leaves for live work. */
const EXPORT_PER_MINUTE = MINUTE_LIMIT - Math.ceil(MINUTE_LIMIT * LIVE_RESERVE);
const EXPORT_PER_DAY = DAY_LIMIT - Math.ceil(DAY_LIMIT * LIVE_RESERVE);

export type Duration = { unit: "min" | "h" | "d"; n: number };

/**
 * How long the rest of the historical export takes under Exact's limits: `documentsLeft` × calls per
 * document at the export's share of a minute, and a wait for the next day whenever the day's share is spent.
 * `exportCallsLeftToday`: what the export may still spend today (defaults to a whole day's share).
 */
export function exportTimeLeft(documentsLeft: number, exportCallsLeftToday = EXPORT_PER_DAY): Duration {
  const calls = Math.ceil(documentsLeft * EXACT_CALLS_PER_DOCUMENT);
  const today = Math.max(0, Math.min(exportCallsLeftToday, EXPORT_PER_DAY));
  const minutes =
    calls <= today
      ? calls / EXPORT_PER_MINUTE
      : // Today's share, then whole days, then the last day's calls.
        Math.ceil((calls - today) / EXPORT_PER_DAY) * 24 * 60 + ((calls - today) % EXPORT_PER_DAY) / EXPORT_PER_MINUTE;
  if (minutes < 90) return { unit: "min", n: Math.max(1, Math.ceil(minutes)) };
  if (minutes < 48 * 60) return { unit: "h", n: Math.ceil(minutes / 60) };
  return { unit: "d", n: Math.round(minutes / (24 * 60)) };
}

/** Today's calls left for the export, from what Exact said is left of the day (the reserve taken off). */
export const exportShareOf = (dailyRemaining: number) =>
  Math.max(0, dailyRemaining - Math.ceil(DAY_LIMIT * LIVE_RESERVE));
