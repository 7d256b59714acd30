import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runDurableObjectAlarm,
} from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { accounts, connections, events, syncRuns } from "../../src/db/schema";
import worker from "../../src/index";
import { enqueueActiveConnections } from "../../src/schedule/cron";
import { retryDelaySeconds } from "../../src/schedule/queue";
import { bookableDocuments, createConnection, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox, testEnv } from "../helpers/sandbox";

describe("cron", () => {
  it("enqueues one message per active connection, in batches of 100", async () => {
    const db = createDb(env.DB);
    await db.update(connections).set({ status: "disconnected" });
    await db.insert(accounts).values({ id: "acct-cron" }).onConflictDoNothing();
    const rows = Array.from({ length: 250 }, (_, i) => ({
      id: `cron-${i}-${crypto.randomUUID()}`,
      accountId: "acct-cron",
      departmentId: `d-${i}-${crypto.randomUUID()}`,
      departmentName: "D",
      webhookSecretHash: "s",
      status: i < 230 ? ("active" as const) : ("paused" as const),
    }));
    // D1 binds at most 100 parameters per statement.
    for (let i = 0; i < rows.length; i += 10) await db.insert(connections).values(rows.slice(i, i + 10));
    const batches: unknown[][] = [];
    const queue = { sendBatch: async (messages: unknown[]) => void batches.push(messages) };
    const count = await enqueueActiveConnections({ ...testEnv(), SYNC_QUEUE: queue as never }, 1_700_000_000_000);
    expect(count).toBe(230);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 30]);
    expect(batches[0]![0]).toEqual({
      body: { connectionId: expect.stringMatching(/^cron-/), trigger: "cron", enqueuedAt: 1_700_000_000_000 },
    });
    await db.update(connections).set({ status: "disconnected" }).where(eq(connections.accountId, "acct-cron"));
  });
});

describe("queue consumer", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("hands a message to the connection's Durable Object and acks it", async () => {
    const { id, division } = await createConnection({ historicalExport: "month" });
    const batch = createMessageBatch("teamleader-exact-sync", [
      {
        id: "m1",
        timestamp: new Date(),
        attempts: 1,
        body: { connectionId: id, trigger: "cron", enqueuedAt: Date.now() },
      },
    ]);
    await worker.queue(batch as MessageBatch<unknown>, env);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["m1"]);
    const runs = await createDb(env.DB).select().from(syncRuns).where(eq(syncRuns.connectionId, id)).all();
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([["cron", "succeeded"]]);
    expect((await exactEntries(division)).length).toBeGreaterThan(0);
  });

  it("drops a malformed message, retries a failing one with back-off", async () => {
    const batch = createMessageBatch("teamleader-exact-sync", [
      { id: "bad", timestamp: new Date(), attempts: 1, body: { hello: "world" } },
      {
        id: "gone",
        timestamp: new Date(),
        attempts: 3,
        body: { connectionId: "no-such-connection", trigger: "cron", enqueuedAt: Date.now() },
      },
    ]);
    await worker.queue(batch as MessageBatch<unknown>, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual(["bad"]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["gone"]);
    expect([1, 2, 3, 8, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 3600, 3600]);
  });

  it("records a dead-lettered run as a visible failure on the connection", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const batch = createMessageBatch("teamleader-exact-sync-dlq", [
      {
        id: "d1",
        timestamp: new Date(),
        attempts: 6,
        body: { connectionId: id, trigger: "cron", enqueuedAt: Date.parse("2026-11-24T10:00:00Z") },
      },
    ]);
    await worker.queue(batch as MessageBatch<unknown>, env);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["d1"]);
    const db = createDb(env.DB);
    const row = await db.select().from(connections).where(eq(connections.id, id)).get();
    expect(row).toMatchObject({
      status: "error",
      statusReason:
        "The cron sync of 2026-11-24T10:00:00.000Z failed after all retries; it will be tried again on the next schedule.",
    });
    const logged = await db.select().from(events).where(eq(events.connectionId, id)).all();
    expect(logged.some((e) => e.kind === "run.dead_letter")).toBe(true);
  });
});

describe("long backfills and rate limits", () => {
  it("continue through Durable Object alarms, resuming where they stopped", async () => {
    await sandbox.reset("demo", false);
    const { id, stub, department, division } = await createConnection();
    const first = await stub.sync(id, "manual", { budgetMs: 1 });
    expect(first.more).toBe(true);
    let alarms = 0;
    while (await runDurableObjectAlarm(stub)) alarms++;
    expect(alarms).toBeGreaterThan(5);
    expect(await exactEntries(division)).toHaveLength((await bookableDocuments(department.id)).length);
    const runs = await createDb(env.DB).select().from(syncRuns).where(eq(syncRuns.connectionId, id)).all();
    expect(runs.filter((r) => r.trigger === "alarm").length).toBe(alarms);
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(
      (await bookableDocuments(department.id)).length,
    );
  }, 60_000);

  it("pause when Exact's minute budget is spent (no 429 provoked) and continue at the reset", async () => {
    await sandbox.reset("demo", true);
    const { id, stub, department, division } = await createConnection();
    const run = await stub.sync(id, "manual", { maxWaitMs: 0 });
    expect(run.more).toBe(true);
    expect(run.error).toMatch(/Exact Online rate limit reached; calls resume at/);
    expect((await pairsOf(id)).filter((p) => p.status === "failed")).toEqual([]);
    const booked = (await exactEntries(division)).length;
    expect(booked).toBeGreaterThan(0);
    expect(booked).toBeLessThan((await bookableDocuments(department.id)).length);

    await sandbox.config({ rateLimits: false });
    while (await runDurableObjectAlarm(stub));
    expect(await exactEntries(division)).toHaveLength((await bookableDocuments(department.id)).length);
  }, 60_000);
});
