import { describe, expect, it } from "vitest";
import { DivisionBudget } from "../../src/exact/division-budget";

const NOW = 1_800_000_000_000;
const headers = (minute: number, day: number) => ({
  minutelyLimit: 60,
  minutelyRemaining: minute,
  minutelyResetAt: NOW + 60_000,
  dailyLimit: 5000,
  dailyRemaining: day,
  dailyResetAt: NOW + 3_600_000,
});

function granted(answer: ReturnType<DivisionBudget["permit"]>): number {
  if (!answer.granted) throw new Error(`refused until ${answer.retryAt}`);
  return answer.ticket;
}

describe("DivisionBudget", () => {
  it("lets one call learn the budget before handing out more", () => {
    const budget = new DivisionBudget();
    const first = granted(budget.permit("live", NOW));
    expect(budget.permit("live", NOW)).toMatchObject({ granted: false, window: "minute", reserve: false });
    budget.record(headers(59, 4999), first);
    expect(budget.permit("live", NOW).granted).toBe(true);
  });

  it("never hands out more permits than Exact has left, counting calls in flight", () => {
    const budget = new DivisionBudget();
    budget.record(headers(59, 4999), granted(budget.permit("live", NOW)));
    const tickets = Array.from({ length: 59 }, () => granted(budget.permit("live", NOW)));
    expect(budget.permit("live", NOW)).toMatchObject({ granted: false, window: "minute", retryAt: NOW + 60_000 });
    // An answer that arrives late (older than one already applied) does not give permits back.
    budget.record(headers(10, 4950), tickets[48]!);
    budget.record(headers(40, 4980), tickets[1]!);
    expect(budget.view(NOW).minute.remaining).toBe(0);
    // A new minute starts full.
    expect(budget.permit("live", NOW + 60_000).granted).toBe(true);
  });

  it("keeps 10 % of the minute and of the day from the historical export, not from live work", () => {
    const budget = new DivisionBudget();
    budget.record(headers(7, 4000), granted(budget.permit("live", NOW)));
    expect(budget.permit("backlog", NOW)).toMatchObject({ granted: true });
    expect(budget.permit("backlog", NOW)).toMatchObject({ granted: false, window: "minute", reserve: true });
    expect(budget.permit("live", NOW).granted).toBe(true);

    const late = new DivisionBudget();
    late.record(headers(60, 501), granted(late.permit("live", NOW)));
    late.record(headers(59, 500), granted(late.permit("backlog", NOW)));
    expect(late.permit("backlog", NOW)).toMatchObject({
      granted: false,
      window: "day",
      reserve: true,
      retryAt: NOW + 3_600_000,
    });
    expect(late.permit("live", NOW).granted).toBe(true);
  });
});
