import { DurableObject } from "cloudflare:workers";
import type { ExactBudget } from "./client";
import { type CallPriority, DivisionBudget, type PermitAnswer } from "./division-budget";

/**
 * One instance per Exact division (named `{region}:{division}`): the one place where the division's minute
 * and day budgets are counted, whichever connections book into it. Calls are answered one at a time (no
 * I/O inside), so two connections never get the same last permit.
 */
export class DivisionBudgetObject extends DurableObject<Cloudflare.Env> {
  private readonly budget = new DivisionBudget();

  permit(priority: CallPriority): PermitAnswer {
    return this.budget.permit(priority, Date.now());
  }

  record(seen: ExactBudget, ticket: number): void {
    this.budget.record(seen, ticket);
  }

  /** When the division's budget changed outside our calls (e.g. the emulator was reset). */
  forget(): void {
    this.budget.forget();
  }

  view() {
    return this.budget.view(Date.now());
  }
}

/** The division budget's name: Exact's limits are per app and division, and divisions are per region. */
export const divisionBudgetName = (region: string, division: number) => `${region}:${division}`;
