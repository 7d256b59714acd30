import { DurableObject } from "cloudflare:workers";
import { type Env, parseEnv } from "../env";
import { ErrorBudget } from "../exact/error-budget";
import { sendAttentionEmail } from "../notify/attention-email";
import { detectExactChanges } from "../reconcile/exact-changes";
import type { Period } from "../reconcile/period";
import { type Reconciliation, reconcile } from "../reconcile/report";
import { emptyCounts, finishRun, logEvent, type RunTrigger, startRun } from "../sync/audit";
import { newRunScope, syncDocument } from "../sync/book-document";
import type { ConnectionContext } from "../sync/context";
import type { DocumentRef } from "../sync/document-source";
import { loadRunMappings } from "../sync/mapping-context";
import type { Outcome } from "../sync/outcome";
import { type Preview, type PreviewDocument, previewDocument, previewDocuments } from "../sync/preview";
import { type RunResult, runSync } from "../sync/run";
import { TeamleaderReference } from "../sync/teamleader-reference";
import { activateConnection, disconnectConnection } from "./activation";
import { openConnection } from "./context";
import { transition } from "./lifecycle";
import { type SetupLookup, type SetupLookupResult, setupLookup } from "./lookups";
import { type Result, settle } from "./result";

export interface RunLimits {
  budgetMs?: number;
  maxWaitMs?: number;
}

export interface RunSummary {
  runId: number | null;
  status: "ran" | "skipped";
  reason?: string;
  counts?: Record<string, number>;
  more?: boolean;
  error?: string;
}

/**
 * One instance per connection (named by its id). Every run, webhook and token refresh of that connection
 * goes through `exclusive`, so they never overlap: a Durable Object interleaves calls while one awaits
 * I/O, hence the explicit chain. Long backfills continue through alarms.
 */
export class ConnectionObject extends DurableObject<Cloudflare.Env> {
  protected readonly config: Env;
  private chain: Promise<unknown> = Promise.resolve();
  /** Webhook work per document that has not started yet (see `document`). */
  private readonly waitingDocuments = new Map<string, Promise<Outcome | "inactive">>();
  /** Exact error answers per endpoint, across this connection's runs. */
  private readonly errorBudget = new ErrorBudget();
  /** Tax rates and product categories reused by webhook turns (a storm of webhooks reads them once). */
  private readonly teamleaderReference = new TeamleaderReference();

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.config = parseEnv(env);
  }

  async ping(): Promise<{ connectionId: string | undefined }> {
    return { connectionId: this.ctx.id.name };
  }

  /** A full run (cron, manual, alarm). `limits` lets tests and the benchmark shorten the budgets. */
  sync(connectionId: string, trigger: RunTrigger, limits: RunLimits = {}): Promise<RunSummary> {
    return this.exclusive(() =>
      this.run(connectionId, trigger, {
        budgetMs: limits.budgetMs ?? this.config.RUN_BUDGET_MS,
        maxWaitMs: limits.maxWaitMs,
      }),
    );
  }

  /**
   * One document, after a Teamleader webhook: re-fetched with `.info` and booked, updated or marked deleted.
   * Webhooks for a document that is already waiting its turn join that turn: a storm of identical webhooks
   * costs one fetch while another is running, and one more after it (which sees the latest data).
   */
  document(connectionId: string, ref: DocumentRef): Promise<Outcome | "inactive"> {
    const key = `${ref.kind}:${ref.id}`;
    const waiting = this.waitingDocuments.get(key);
    if (waiting) return waiting;
    const turn = this.exclusive(() => {
      this.waitingDocuments.delete(key);
      return this.bookOne(connectionId, ref);
    });
    this.waitingDocuments.set(key, turn);
    return turn;
  }

  /** Activation: registers the webhooks with a new secret, fixes the start date, goes live. */
  activate(connectionId: string): Promise<Result<void>> {
    return settle(() => this.exclusive(() => activateConnection(this.config, connectionId)));
  }

  /** Unregisters the webhooks, deletes the tokens, keeps the history. */
  disconnect(connectionId: string): Promise<Result<void>> {
    return settle(() => this.exclusive(() => disconnectConnection(this.config, connectionId)));
  }

  /** Lists for the setup pages; inside the object so that their token refreshes are serialized too. */
  lookup(connectionId: string, lookup: SetupLookup): Promise<Result<SetupLookupResult>> {
    return settle(() => this.exclusive(() => setupLookup(this.config, connectionId, lookup)));
  }

  /** The setup preview: the entries the engine would post, built by the same code; writes nothing. */
  preview(connectionId: string, limit?: number): Promise<Result<Preview>> {
    return settle(() =>
      this.exclusive(async () => previewDocuments(await openConnection(this.config, connectionId), limit)),
    );
  }

  /** One document as the entry the engine builds from its current Teamleader data. */
  previewOne(connectionId: string, ref: DocumentRef): Promise<Result<PreviewDocument | null>> {
    return settle(() =>
      this.exclusive(async () => previewDocument(await openConnection(this.config, connectionId), ref)),
    );
  }

  /** The accountant's proof for a period: Teamleader and Exact side by side, read now; writes nothing. */
  reconciliation(connectionId: string, period: Period): Promise<Result<Reconciliation>> {
    return settle(() => this.exclusive(async () => reconcile(await openConnection(this.config, connectionId), period)));
  }

  /** Continues a run that stopped early, with the limits it was started with. */
  override async alarm(): Promise<void> {
    const connectionId = this.ctx.id.name ?? ((await this.ctx.storage.get<string>("connectionId")) as string);
    await this.sync(connectionId, "alarm", (await this.ctx.storage.get<RunLimits>("limits")) ?? {});
  }

  private async bookOne(connectionId: string, ref: DocumentRef): Promise<Outcome | "inactive"> {
    const ctx = await openConnection(this.config, connectionId, undefined, this.errorBudget);
    if (ctx.connection.status !== "active") return "inactive";
    const runId = await startRun(ctx.db, connectionId, "webhook");
    try {
      const scope = newRunScope(runId, await loadRunMappings(ctx, this.teamleaderReference));
      const outcome = await syncDocument(ctx, scope, ref);
      if (scope.unresolved > 0) await this.ctx.storage.setAlarm(Date.now() + 60_000);
      await finishRun(ctx.db, runId, { ...emptyCounts(), ...(outcome !== "ignored" ? { [outcome]: 1 } : {}) }, null);
      return outcome;
    } catch (error) {
      await finishRun(ctx.db, runId, emptyCounts(), error instanceof Error ? error.message : String(error));
      // The next cron run picks the document up from the listing; schedule a retry sooner.
      await this.ctx.storage.setAlarm(Date.now() + 60_000);
      throw error;
    }
  }

  private async exactChanges(ctx: ConnectionContext, runId: number) {
    try {
      return await detectExactChanges(ctx, runId);
    } catch (error) {
      await logEvent(ctx.db, {
        connectionId: ctx.connection.id,
        runId,
        level: "warn",
        kind: "exact.changes_unread",
        message: `Could not read the changes made in Exact: ${error instanceof Error ? error.message : String(error)} It is tried again next run.`,
      });
      return null;
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(
    connectionId: string,
    trigger: RunTrigger,
    limits: { budgetMs: number; maxWaitMs?: number },
  ): Promise<RunSummary> {
    await this.ctx.storage.put("connectionId", connectionId);
    const ctx = await openConnection(this.config, connectionId, limits.maxWaitMs, this.errorBudget);
    if (ctx.connection.status !== "active")
      return { runId: null, status: "skipped", reason: `connection is ${ctx.connection.status}` };
    const runId = await startRun(ctx.db, connectionId, trigger);
    let fatal = false;
    const deadline = Date.now() + limits.budgetMs;
    // Live before backlog: a webhook waiting for its turn ends the run after the current document; an alarm
    // continues the run right after the webhook's turn.
    const stop = () => Date.now() > deadline || this.waitingDocuments.size > 0;
    const result: RunResult = await runSync(ctx, runId, stop).catch((error: unknown) => {
      fatal = true;
      return { counts: emptyCounts(), more: false, error: error instanceof Error ? error.message : String(error) };
    });
    // Changes made in Exact to what we booked; a failure here is logged and tried again next run.
    const changes = fatal ? null : await this.exactChanges(ctx, runId);
    await sendAttentionEmail(this.config, ctx.db, ctx.connection).catch((error) => console.error(error));
    // What Exact said is left of today's budget for this division, for the dashboard.
    const left = ctx.exact.budget.dailyRemaining;
    await finishRun(
      ctx.db,
      runId,
      {
        ...result.counts,
        ...(left !== undefined ? { exactCallsLeftToday: left } : {}),
        ...(changes ? { changedInExact: changes.changed, deletedInExact: changes.deleted } : {}),
      },
      result.error ?? null,
    );
    if (result.more) {
      await this.ctx.storage.put("limits", limits);
      await this.ctx.storage.setAlarm(result.retryAt ?? Date.now() + 1_000);
    } else {
      await this.ctx.storage.delete("limits");
    }
    if (result.error) {
      await logEvent(ctx.db, {
        connectionId,
        runId,
        level: result.more ? "warn" : "error",
        kind: "run.stopped",
        message: result.more
          ? `Run paused: ${result.error} It continues automatically.`
          : `Run failed: ${result.error}`,
      });
      if (fatal)
        await transition(ctx.db, connectionId, "failed", { by: "background", changes: { statusReason: result.error } });
    }
    return { runId, status: "ran", counts: result.counts, more: result.more, error: result.error };
  }
}
