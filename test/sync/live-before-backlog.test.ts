import { runDurableObjectAlarm } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { bookableDocuments, createConnection, exactEntries } from "../helpers/connection";
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
});
