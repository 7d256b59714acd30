import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { bookableDocuments, createConnection, eventually, exactEntries } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

/** Starts the historical export and stops it after its first document: thousands would be left in real life. */
async function exportUnderWay() {
  const connection = await createConnection({ historicalExport: "everything" });
  const first = await connection.stub.sync(connection.id, "manual", { budgetMs: 1 });
  expect(first.more).toBe(true);
  return connection;
}

async function expectEverythingBookedOnce(division: number, departmentId: string) {
  const entries = await exactEntries(division);
  const refs = entries.map((e) => `${e.Type} ${e.YourRef}`);
  expect(new Set(refs).size).toBe(refs.length);
  expect(entries).toHaveLength((await bookableDocuments(departmentId)).length);
}

describe("live before backlog", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("a run books an invoice made now before it goes on with a running export", async () => {
    const { id, stub, division, department } = await exportUnderWay();
    const fresh = await sandbox.bookInvoice({ departmentId: department.id });

    // One document's worth of budget: the run spends it on the new invoice, not on the export's next one.
    const run = await stub.sync(id, "cron", { budgetMs: 1 });
    expect(run.more).toBe(true);
    const entries = await exactEntries(division);
    expect(entries.map((e) => e.YourRef)).toContain(fresh.number);
    expect(entries.length).toBeLessThan((await bookableDocuments(department.id)).length);

    while (await runDurableObjectAlarm(stub));
    await expectEverythingBookedOnce(division, department.id);
  }, 60_000);

  it("a run in progress gives way to a webhook's document after its current one", async () => {
    const { id, stub, division, department } = await exportUnderWay();
    // The export's own continuation alarm is taken away: this test starts the long run itself.
    await runInDurableObject(stub, (_object, state) => state.storage.deleteAlarm());
    const fresh = await sandbox.bookInvoice({ departmentId: department.id });

    // A long run is under way (it has booked more of the export) when the webhook's document asks for its turn.
    const before = (await exactEntries(division)).length;
    const running = stub.sync(id, "manual", { budgetMs: 600_000 });
    await eventually(async () => expect((await exactEntries(division)).length).toBeGreaterThan(before + 1));
    const live = stub.document(id, { kind: "invoice", id: fresh.id });
    expect(await live).toMatch(/^(booked|unchanged)$/);
    const whenLiveDone = await exactEntries(division);
    expect(whenLiveDone.map((e) => e.YourRef)).toContain(fresh.number);
    expect(whenLiveDone.length).toBeLessThan((await bookableDocuments(department.id)).length);

    expect((await running).more).toBe(true);
    while (await runDurableObjectAlarm(stub));
    await expectEverythingBookedOnce(division, department.id);
  }, 60_000);
});
