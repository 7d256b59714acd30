import { describe, expect, it } from "vitest";
import { connectionClient } from "../../src/connection/client";
import { createConnection, exactEntries } from "../helpers/connection";
import { sandbox, testEnv } from "../helpers/sandbox";

const teamleaderCalls = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([key]) => key.startsWith("teamleader ") && !/oauth2|file download/.test(key))
    .reduce((sum, [, n]) => sum + n, 0);

describe("Teamleader calls per webhook", () => {
  it("reads the department's tax rates and categories once for a series of webhooks, then 2 calls a document", async () => {
    await sandbox.reset("demo", false);
    const { id, division, department } = await createConnection({ historicalExport: "none" });
    const client = connectionClient(testEnv(), id);
    const customerId = (await sandbox.state("tl.companies"))[0].id as string;
    const first = await sandbox.bookInvoice({ departmentId: department.id, customerId });
    await sandbox.clearCalls();
    expect(await client.document({ kind: "invoice", id: first.id })).toBe("booked");
    const afterFirst = await sandbox.calls();
    expect(afterFirst["teamleader taxRates.list"]).toBe(1);

    // The next invoices for the (now known) customer: the document and its PDF, nothing else.
    for (let i = 0; i < 3; i++) {
      const next = await sandbox.bookInvoice({ departmentId: department.id, customerId });
      await sandbox.clearCalls();
      expect(await client.document({ kind: "invoice", id: next.id })).toBe("booked");
      const calls = await sandbox.calls();
      expect(calls["teamleader taxRates.list"]).toBeUndefined();
      expect(calls["teamleader productCategories.list"]).toBeUndefined();
      expect(teamleaderCalls(calls)).toBeLessThanOrEqual(2);
    }
    expect(await exactEntries(division)).toHaveLength(4);
  });
});
