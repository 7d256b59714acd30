import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { documentPairs } from "../../src/db/schema";
import worker from "../../src/index";
import {
  bookableDocuments,
  createConnection,
  eventually,
  exactEntries,
  pairsOf,
  postWebhook,
} from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

/** Every bookable document appears exactly once in Exact, and every pair points at its own entry. */
async function expectExactlyOnce(connectionId: string, departmentId: string, division: number) {
  const expected = await bookableDocuments(departmentId);
  const entries = await exactEntries(division);
  const keys = entries.map((e) => `${e.Type}:${e.YourRef}`);
  expect(keys.length, "entries in Exact").toBe(expected.length);
  expect(new Set(keys).size, "distinct entries").toBe(expected.length);
  const pairs = await pairsOf(connectionId);
  expect(pairs.filter((p) => p.status === "booked")).toHaveLength(expected.length);
  expect(new Set(pairs.map((p) => p.exactEntryId)).size).toBe(expected.length);
}

describe("exactly once", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("Exact commits the entry and answers 500: the next run finds it by YourRef instead of posting again", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({ method: "POST", path: "exact/POST salesentry/SalesEntries", kind: "500-after-commit" });
    const first = await stub.sync(id, "manual");
    expect(first.more).toBe(true);
    expect(first.error).toContain("HTTP 500");
    const uncertain = (await pairsOf(id)).filter((p) => p.status === "posting");
    expect(uncertain).toHaveLength(1);

    const second = await stub.sync(id, "manual");
    expect(second.counts?.adopted).toBe(1);
    await expectExactlyOnce(id, department.id, division);
    const posts = (await sandbox.calls())["exact POST salesentry/SalesEntries"];
    expect(posts).toBe((await bookableDocuments(department.id)).length);
  });

  it("a POST that times out after Exact committed it is adopted, not repeated", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({
      method: "POST",
      path: "exact/POST salesentry/SalesEntries",
      kind: "timeout",
      // Held far beyond the client's 10 s limit, so the timeout is certain whatever the machine's speed.
      delayMs: 30_000,
    });
    const first = await stub.sync(id, "manual");
    expect(first.error).toMatch(/did not answer within 10 s/);
    const second = await stub.sync(id, "manual");
    expect(second.counts?.adopted).toBe(1);
    await expectExactlyOnce(id, department.id, division);
  });

  it("the worker died between the POST and the D1 write: the entry is adopted", async () => {
    const { id, stub, department, division, db } = await createConnection();
    await stub.sync(id, "manual");
    // The state such a crash leaves: the row says `posting` and has no EntryID, but Exact has the entry.
    const [victim] = await pairsOf(id);
    await db
      .update(documentPairs)
      .set({ status: "posting", exactEntryId: null, exactEntryNumber: null, postAttempts: 1 })
      .where(eq(documentPairs.id, victim!.id));
    await sandbox.clearCalls();
    const again = await stub.sync(id, "manual");
    expect(again.counts?.adopted).toBe(1);
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBeUndefined();
    await expectExactlyOnce(id, department.id, division);
  });

  it("cron, webhook, queue and manual triggers fired at the same moment book each document once", async () => {
    const { id, stub, department, division, secret } = await createConnection();
    const [invoice] = (await bookableDocuments(department.id)).filter((d) => d.kind === "invoice");
    const url = `http://connector.test/webhooks/teamleader/${id}/${secret}`;
    const batch = createMessageBatch("teamleader-exact-sync", [
      {
        id: "m1",
        timestamp: new Date(),
        attempts: 1,
        body: { connectionId: id, trigger: "cron", enqueuedAt: Date.now() },
      },
    ]);
    const ctx = createExecutionContext();
    await Promise.all([
      stub.sync(id, "cron"),
      stub.sync(id, "manual"),
      postWebhook(url, { type: "invoice.booked", subject: { type: "invoice", id: invoice!.id } }),
      stub.document(id, { kind: "invoice", id: invoice!.id }),
      worker.queue(batch as MessageBatch<unknown>, env),
    ]);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m1"]);
    await eventually(async () =>
      expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(
        (await bookableDocuments(department.id)).length,
      ),
    );
    await expectExactlyOnce(id, department.id, division);
  });

  it("the same webhook delivered five times books the invoice once", async () => {
    const { id, secret, division } = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    const url = `http://connector.test/webhooks/teamleader/${id}/${secret}`;
    const body = { type: "invoice.booked", subject: { type: "invoice", id: booked.id } };
    const responses = await Promise.all(Array.from({ length: 5 }, () => postWebhook(url, body)));
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    await eventually(async () => expect((await pairsOf(id)).find((p) => p.tlId === booked.id)?.status).toBe("booked"));
    await new Promise((r) => setTimeout(r, 300));
    expect((await exactEntries(division)).filter((e) => e.YourRef === booked.number)).toHaveLength(1);
  });
});
