import type { ExactBudget } from "./client";

/** Live work (webhooks, the live pass, retries, payments) may spend everything; the historical export may not. */
export type CallPriority = "live" | "backlog";

/** The share of each window (minute and day) the historical export leaves for live work. */
export const LIVE_RESERVE = 0.1;

export type PermitAnswer =
  | { granted: true; ticket: number }
  | { granted: false; retryAt: number; window: "minute" | "day"; reserve: boolean };

/** One window of Exact's rate limit as this division's budget sees it. */
interface Window {
  limit?: number;
  remaining?: number;
  /** Epoch ms, from Exact's headers. */
  resetAt?: number;
}

// Before Exact has told us anything, one call at a time learns the budget; the others wait this long.
const PROBE_WAIT_MS = 250;

/**
 * The shared view of one Exact division's budgets (60 calls a minute, 5,000 a day, per app and division).
 * Every connection booking into the division asks it for a permit before each call and reports Exact's
 * headers after it. Permits are counted down locally, so calls in flight are never handed out twice, and
 * Exact's own numbers (minus the calls still in flight) correct the count after every answer. The export
 * (`backlog`) stops at the reserve; live work may use it.
 */
export class DivisionBudget {
  private minute: Window = {};
  private day: Window = {};
  private inFlight = 0;
  private tickets = 0;
  /** The newest permit whose answer corrected the count: an older answer arriving late is older news. */
  private newestApplied = 0;

  permit(priority: CallPriority, now: number): PermitAnswer {
    this.roll(now);
    if (this.minute.remaining === undefined) {
      if (this.inFlight > 0) return { granted: false, retryAt: now + PROBE_WAIT_MS, window: "minute", reserve: false };
      this.inFlight++;
      return { granted: true, ticket: ++this.tickets };
    }
    const keep = (w: Window) => (priority === "backlog" && w.limit ? Math.ceil(w.limit * LIVE_RESERVE) : 0);
    if (this.day.remaining !== undefined && this.day.remaining <= keep(this.day))
      return {
        granted: false,
        retryAt: this.day.resetAt ?? now + 60_000,
        window: "day",
        reserve: this.day.remaining > 0,
      };
    if (this.minute.remaining <= keep(this.minute))
      return {
        granted: false,
        retryAt: this.minute.resetAt ?? now + 1_000,
        window: "minute",
        reserve: this.minute.remaining > 0,
      };
    this.minute.remaining--;
    if (this.day.remaining !== undefined) this.day.remaining--;
    this.inFlight++;
    return { granted: true, ticket: ++this.tickets };
  }

  /** After a call (answered or not): what Exact's headers said, if anything. */
  record(seen: ExactBudget, ticket: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (ticket < this.newestApplied) return;
    this.newestApplied = ticket;
    this.minute = merge(this.minute, seen.minutelyLimit, seen.minutelyRemaining, seen.minutelyResetAt, this.inFlight);
    this.day = merge(this.day, seen.dailyLimit, seen.dailyRemaining, seen.dailyResetAt, this.inFlight);
  }

  /** Drops what it knows (the next call learns the budget again from Exact's headers). */
  forget(): void {
    this.minute = {};
    this.day = {};
  }

  view(now: number): { minute: Window; day: Window; inFlight: number } {
    this.roll(now);
    return { minute: { ...this.minute }, day: { ...this.day }, inFlight: this.inFlight };
  }

  /** A window past its reset starts full again. */
  private roll(now: number) {
    for (const w of [this.minute, this.day])
      if (w.resetAt !== undefined && now >= w.resetAt && w.limit !== undefined) {
        w.remaining = w.limit;
        w.resetAt = undefined;
      }
  }
}

/**
 * Exact's `remaining` is the truth as of that call; calls we permitted that are still in flight may not be
 * among it, so they are taken off too (erring on the side of fewer calls).
 */
function merge(
  w: Window,
  limit: number | undefined,
  remaining: number | undefined,
  resetAt: number | undefined,
  inFlight: number,
): Window {
  if (remaining === undefined) return w;
  return { limit: limit ?? w.limit, resetAt: resetAt ?? w.resetAt, remaining: Math.max(0, remaining - inFlight) };
}
