import { beforeEach, describe, expect, it } from "vitest";
import { bookableDocuments, createConnection, eventsOf, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

/** Every bookable document is in Exact exactly once, and every pair is booked on its own entry. */
async function expectAllBookedOnce(connectionId: string, departmentId: string, division: number) {
  const expected = await bookableDocuments(departmentId);
  const entries = await exactEntries(division);
  expect(entries.map((e) => `${e.Type}:${e.YourRef}`).sort()).toEqual(
    expected.map((d) => `${d.kind === "invoice" ? 20 : 21}:${d.number}`).sort(),
  );
  const pairs = await pairsOf(connectionId);
  expect(pairs.filter((p) => p.status !== "booked")).toEqual([]);
  expect(new Set(pairs.map((p) => p.exactEntryId)).size).toBe(expected.length);
}

async function accountsOf(division: number) {
  return (await sandbox.state("ex.accounts")).filter((a) => a.Division === division);
}

describe("uncertain writes are looked up and adopted in the same run", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("a generic 500 after Exact committed the entry: adopted at once, never posted twice, nothing failed", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({
      method: "POST",
      path: "exact/POST salesentry/SalesEntries",
      kind: "500-generic-after-commit",
    });
    const run = await stub.sync(id, "manual");
    expect(run.more).toBe(false);
    expect(run.counts?.adopted).toBe(1);
    expect(run.counts?.failed).toBe(0);
    await expectAllBookedOnce(id, department.id, division);
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(
      (await bookableDocuments(department.id)).length,
    );
  });

  it("a timeout after Exact committed the entry: adopted in the same run", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({
      method: "POST",
      path: "exact/POST salesentry/SalesEntries",
      kind: "timeout",
      // Held far beyond the client's 10 s limit, so the timeout is certain whatever the machine's speed.
      delayMs: 30_000,
    });
    const run = await stub.sync(id, "manual");
    expect(run.counts?.adopted).toBe(1);
    await expectAllBookedOnce(id, department.id, division);
  });

  it("a generic 500 after Exact created the customer: the account is found and used, never created twice", async () => {
    const { id, stub, department, division } = await createConnection();
    const before = await accountsOf(division);
    await sandbox.fault({ method: "POST", path: "exact/POST crm/Accounts", kind: "500-generic-after-commit" });
    const run = await stub.sync(id, "manual");
    expect(run.more).toBe(false);
    expect(run.counts?.failed).toBe(0);
    await expectAllBookedOnce(id, department.id, division);

    const created = (await accountsOf(division)).filter((a) => !before.some((b) => b.ID === a.ID));
    expect((await sandbox.calls())["exact POST crm/Accounts"]).toBe(created.length);
    expect(new Set(created.map((a) => a.Name)).size).toBe(created.length);
    const events = await eventsOf(id, "customer.adopted");
    expect(events).toHaveLength(1);
  });

  it("a 500 before anything was written: nothing is found, the row waits, and a later run books it once", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({ method: "POST", path: "exact/POST salesentry/SalesEntries", kind: "500" });
    const first = await stub.sync(id, "manual");
    // The run went on past it, and will continue soon to look again.
    expect(first.more).toBe(true);
    expect(first.counts?.booked).toBe((await bookableDocuments(department.id)).length - 1);
    const waiting = (await pairsOf(id)).filter((p) => p.status !== "booked");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ status: "posting", postAttempts: 1 });

    const second = await stub.sync(id, "alarm");
    expect(second.counts?.booked).toBe(1);
    expect(second.more).toBe(false);
    await expectAllBookedOnce(id, department.id, division);
  });
});
