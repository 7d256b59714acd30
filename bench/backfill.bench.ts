import { it } from "vitest";
import { createConnection } from "../test/helpers/connection";
import { sandbox } from "../test/helpers/sandbox";

/** Sums the sandbox's call counters for one system, leaving out OAuth and file downloads (not API calls). */
function apiCalls(calls: Record<string, number>, system: "exact" | "teamleader", match: RegExp = /./) {
  return Object.entries(calls)
    .filter(([key]) => key.startsWith(`${system} `) && !/oauth2|file download/.test(key) && match.test(key))
    .reduce((sum, [, n]) => sum + n, 0);
}

async function runToCompletion(stub: Awaited<ReturnType<typeof createConnection>>["stub"], id: string) {
  const started = Date.now();
  for (;;) {
    const summary = await stub.sync(id, "manual", { budgetMs: 600_000 });
    if (summary.status !== "ran" || (summary.error && !summary.more))
      throw new Error(`run did not complete: ${summary.reason ?? summary.error}`);
    if (!summary.more) break;
  }
  return Date.now() - started;
}

it("benchmark: 1,000 invoices for 200 customers", async () => {
  await sandbox.reset("bench", false);
  const { id, stub } = await createConnection({ historicalExport: "everything" });
  await sandbox.clearCalls();

  const wallMs = await runToCompletion(stub, id);
  const backfill = await sandbox.calls();
  const invoices = backfill["exact POST salesentry/SalesEntries"] ?? 0;
  const customersCreated = backfill["exact POST crm/Accounts"] ?? 0;
  const exactAll = apiCalls(backfill, "exact");
  const tlAll = apiCalls(backfill, "teamleader");
  const customerCalls = apiCalls(backfill, "exact", /crm\/Accounts/);

  // Known customers: new invoices for customers the connector already paired.
  const customers = (await sandbox.state("tl.companies")).slice(20, 70);
  for (const customer of customers) await sandbox.bookInvoice({ customerId: customer.id });
  await sandbox.clearCalls();
  await runToCompletion(stub, id);
  const known = await sandbox.calls();
  const knownInvoices = known["exact POST salesentry/SalesEntries"] ?? 0;
  const knownExact = apiCalls(known, "exact", /POST|PUT|DELETE|GET salesentry/);

  await sandbox.clearCalls();
  await stub.sync(id, "cron");
  const idle = apiCalls(await sandbox.calls(), "exact");

  // Under Exact's real limits: 60 calls a minute and 5,000 a day per division; Teamleader 200 a minute.
  const exactMinutes = exactAll / 60;
  const exactDays = Math.floor(exactAll / 5000);
  const boundMinutes = Math.max(exactMinutes + exactDays * 24 * 60, tlAll / 200);
  const fmt = (n: number, digits = 2) => n.toFixed(digits);
  console.log(
    [
      "",
      `Backfill: ${invoices} invoices, ${customersCreated} customers created, ${fmt(wallMs / 1000, 1)} s wall (rate limits off)`,
      `  Exact calls per invoice, all-in:            ${fmt(exactAll / invoices)}  (${exactAll} calls)`,
      `  Exact calls per new customer (lookup+create): ${fmt(customerCalls / Math.max(1, customersCreated))}`,
      `  Exact calls per invoice, known customer:     ${fmt(knownExact / Math.max(1, knownInvoices))}  (${knownInvoices} invoices)`,
      `  Teamleader calls per invoice:               ${fmt(tlAll / invoices)}  (${tlAll} calls)`,
      `  Exact calls for an idle payment poll:       ${idle}`,
      `  Wall ms per invoice (engine + sandbox, in workerd): ${fmt(wallMs / invoices, 1)}`,
      `  Same backfill under the real limits:        ${fmt(boundMinutes, 1)} min (Exact 60/min${exactDays ? `, 5,000/day → +${exactDays} day(s)` : ""})`,
      `  Engine overhead vs rate-limit-bound time:   ${fmt((wallMs / 60_000 / boundMinutes) * 100, 2)} %`,
      "",
    ].join("\n"),
  );
});
