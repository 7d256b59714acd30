import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bookableDocuments, createConnection, exactEntries } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

const DAILY_LIMIT = 5000;
const RESERVE = 500;
const DAY_MS = 86_400_000;

describe("the historical export's reserve", () => {
  it("stops the export at 10 % of the day's calls, lets live work use them, and continues after the reset", async () => {
    await sandbox.reset("demo", true);
    const { id, stub, division, department } = await createConnection({ historicalExport: "everything" });
    // Late in the day: a few calls left above the reserve.
    await sandbox.useExactCalls(division, DAILY_LIMIT - RESERVE - 12);

    const run = await stub.sync(id, "manual");
    expect(run.more).toBe(true);
    expect(run.error).toMatch(/historical export leaves the last 10 % of Exact Online's daily calls/);
    const afterExport = await sandbox.exactUsage(division);
    // The export went up to the reserve; only live work after it may dip into it: the payments poll (1 call)
    // and the read of changes made in Exact (sync/Financial/TransactionLines, sync/Deleted, our entries).
    expect(DAILY_LIMIT - afterExport.day).toBeGreaterThanOrEqual(RESERVE - 6);
    const booked = (await exactEntries(division)).length;
    expect(booked).toBeGreaterThan(0);
    expect(booked).toBeLessThan((await bookableDocuments(department.id)).length);
    // It continues by itself when Exact's day resets.
    const alarm = await runInDurableObject(stub, (_object, state) => state.storage.getAlarm());
    expect(alarm).toBe(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS);

    // A webhook's invoice is booked from the reserve.
    const fresh = await sandbox.bookInvoice({ departmentId: department.id });
    expect(await stub.document(id, { kind: "invoice", id: fresh.id })).toBe("booked");
    expect((await exactEntries(division)).map((e) => e.YourRef)).toContain(fresh.number);
    expect((await sandbox.exactUsage(division)).day).toBeGreaterThan(afterExport.day);
    expect((await sandbox.calls())["exact 429 rate limit"]).toBeUndefined();

    // The next day (sandbox clock), the export goes on from where it stopped.
    await sandbox.config({ rateLimits: false, advanceClockMs: DAY_MS });
    while (await runDurableObjectAlarm(stub));
    expect(await exactEntries(division)).toHaveLength((await bookableDocuments(department.id)).length);
  }, 120_000);
});

describe("one budget per division", () => {
  it("two connections booking into one division are never answered 429", async () => {
    await sandbox.reset("demo", true);
    const nl = await createConnection({ historicalExport: "everything" });
    const be = await createConnection({ historicalExport: "everything", department: 1, division: nl.division });
    const expected =
      (await bookableDocuments(nl.department.id)).length + (await bookableDocuments(be.department.id)).length;

    // Both export at once; when the division's minute is spent they pause, and the test moves the clock on.
    for (let minute = 0; minute < 30; minute++) {
      const runs = await Promise.all([nl, be].map((c) => c.stub.sync(c.id, "manual", { maxWaitMs: 0 })));
      expect((await sandbox.calls())["exact 429 rate limit"]).toBeUndefined();
      if (runs.every((r) => !r.more)) break;
      await sandbox.config({ advanceClockMs: 60_000 });
    }
    const entries = await exactEntries(nl.division);
    expect(entries).toHaveLength(expected);
    // Each document once (both departments number their invoices 2026 / 1, 2026 / 2 …, so YourRef repeats).
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(expected);
  }, 180_000);
});
