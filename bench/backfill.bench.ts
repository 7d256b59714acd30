import { env } from "cloudflare:test";
import { it } from "vitest";
import { createConnection } from "../test/helpers/connection";
import { sandbox } from "../test/helpers/sandbox";
import { type D1Tally, emptyTally } from "./counting-d1";
import { countedRun, countedRunToCompletion } from "./engine-run";

/** `BENCH_SIZES=1000,10000 npm run bench` (the default): invoices in the backfill, one run each. */
const SIZES = String((env as unknown as { BENCH_SIZES?: string }).BENCH_SIZES ?? "1000,10000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);

/** Sums the sandbox's call counters for one system, leaving out OAuth and file downloads (not API calls). */
function apiCalls(calls: Record<string, number>, system: "exact" | "teamleader", match: RegExp = /./) {
  return Object.entries(calls)
    .filter(
      ([key]) => key.startsWith(`${system} `) && !/oauth2|file download|429 rate limit/.test(key) && match.test(key),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const perDoc = (t: D1Tally, n: number) =>
  `${fmt(t.rowsRead / n, 1)} rows read, ${fmt(t.rowsWritten / n, 1)} written, ${fmt(t.queries / n, 1)} queries`;

async function idleRun(id: string) {
  await sandbox.clearCalls();
  const tally = emptyTally();
  await countedRun(id, tally);
  return { tally, exact: apiCalls(await sandbox.calls(), "exact"), tl: apiCalls(await sandbox.calls(), "teamleader") };
}

for (const size of SIZES) {
  it(`benchmark: backfill of ${size} invoices for 200 customers`, async () => {
    await sandbox.reset("bench", false, size);
    const { id } = await createConnection({ historicalExport: "everything" });
    await sandbox.clearCalls();

    const backfillD1 = emptyTally();
    const wallMs = await countedRunToCompletion(id, backfillD1);
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
    const knownD1 = emptyTally();
    await countedRunToCompletion(id, knownD1);
    const known = await sandbox.calls();
    const knownInvoices = known["exact POST salesentry/SalesEntries"] ?? 0;
    const knownExact = apiCalls(known, "exact", /POST|PUT|DELETE|GET salesentry/);

    const idle = await idleRun(id);

    // Under Exact's real limits: 60 calls a minute and 5,000 a day per division, of which the export leaves
    // 10 % to live work (54 a minute, 4,500 a day); Teamleader 200 a minute.
    const exportDays = Math.floor(exactAll / 4500);
    const boundMinutes = Math.max(exactAll / 54 + exportDays * 24 * 60 - exportDays * (4500 / 54), tlAll / 200);
    console.log(
      [
        "",
        `Backfill: ${invoices} invoices, ${customersCreated} customers created, ${fmt(wallMs / 1000, 1)} s wall (rate limits off)`,
        `  Exact calls per invoice, all-in:            ${fmt(exactAll / invoices)}  (${exactAll} calls)`,
        `  Exact calls per new customer (lookup+create): ${fmt(customerCalls / Math.max(1, customersCreated))}`,
        `  Exact calls per invoice, known customer:     ${fmt(knownExact / Math.max(1, knownInvoices))}  (${knownInvoices} invoices)`,
        `  Teamleader calls per invoice:               ${fmt(tlAll / invoices)}  (${tlAll} calls)`,
        `  D1 per invoice, backfill:                   ${perDoc(backfillD1, invoices)}`,
        `  D1 per invoice, known customer (one run):   ${perDoc(knownD1, Math.max(1, knownInvoices))}`,
        `  Idle run: Exact ${idle.exact} call(s), Teamleader ${idle.tl}; D1 ${idle.tally.rowsRead} rows read, ${idle.tally.rowsWritten} written, ${idle.tally.queries} queries`,
        `  Wall ms per invoice (engine + sandbox, in workerd): ${fmt(wallMs / invoices, 1)}`,
        `  Same backfill under the real limits:        ${boundMinutes < 48 * 60 ? `${fmt(boundMinutes, 0)} min` : `${fmt(boundMinutes / 1440, 1)} days`} (the export's 54/min and 4,500/day)`,
        `  Engine overhead vs rate-limit-bound time:   ${fmt((wallMs / 60_000 / boundMinutes) * 100, 2)} %`,
        "",
      ].join("\n"),
    );
  });
}
