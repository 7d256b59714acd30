import { AppError } from "../errors";

/**
 * Exact blocks an app for an hour after 10 error responses per endpoint per hour. We stop ourselves at 6
 * (the margin EMEQ-hub uses): the caller pauses until the oldest counted error is an hour old.
 * One instance lives in each connection's Durable Object, across its runs.
 */
export class ErrorBudget {
  private readonly errors = new Map<string, number[]>();

  constructor(
    private readonly limit = 6,
    private readonly windowMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(endpoint: string): void {
    this.errors.set(endpoint, [...this.recent(endpoint), this.now()]);
  }

  /** Throws RATE_LIMITED when the endpoint has used up its error budget. */
  check(endpoint: string): void {
    const recent = this.recent(endpoint);
    if (recent.length < this.limit) return;
    const retryAt = recent[0]! + this.windowMs;
    throw new AppError(
      "RATE_LIMITED",
      `Exact Online answered ${recent.length} errors on ${endpoint} within the hour; calls to it pause until ${new Date(retryAt).toISOString()} so that Exact does not block the app.`,
      { source: "exact", retryAt },
    );
  }

  private recent(endpoint: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.errors.get(endpoint) ?? []).filter((t) => t > since);
  }
}
