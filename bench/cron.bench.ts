import { env } from "cloudflare:test";
import { it } from "vitest";
import { enqueueActiveConnections } from "../src/schedule/cron";
import { testEnv } from "../test/helpers/sandbox";
import { countingD1, emptyTally } from "./counting-d1";

/** `BENCH_CONNECTIONS=10000 npm run bench` (the default): active connections for one cron tick. */
const CONNECTIONS = Number((env as unknown as { BENCH_CONNECTIONS?: string }).BENCH_CONNECTIONS ?? "10000");

it(`benchmark: the cron tick with ${CONNECTIONS} active connections`, async () => {
  const account = `bench-cron-${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO accounts (id) VALUES (?)").bind(account).run();
  const insert = env.DB.prepare(
    "INSERT INTO connections (id, account_id, department_id, department_name, webhook_secret, status) VALUES (?, ?, ?, 'D', 's', 'active')",
  );
  const ids = Array.from({ length: CONNECTIONS }, (_, i) => `${account}-${i}`);
  for (let i = 0; i < ids.length; i += 500)
    await env.DB.batch(ids.slice(i, i + 500).map((id) => insert.bind(id, account, `dept-${id}`)));

  let sendBatchCalls = 0;
  let messages = 0;
  const queue = {
    sendBatch: async (batch: unknown[]) => {
      sendBatchCalls++;
      messages += batch.length;
    },
  };
  const tally = emptyTally();
  const config = { ...testEnv(), DB: countingD1(env.DB, tally), SYNC_QUEUE: queue as never };
  const started = performance.now();
  const active = await enqueueActiveConnections(config);
  const ms = performance.now() - started;
  await env.DB.prepare("UPDATE connections SET status = 'disconnected' WHERE account_id = ?").bind(account).run();

  console.log(
    [
      "",
      `Cron tick: ${active} active connections → ${messages} queue messages in ${sendBatchCalls} sendBatch calls`,
      `  Time in workerd (local D1, queue calls counted, not sent): ${ms.toFixed(0)} ms`,
      `  D1: ${tally.queries} query, ${tally.rowsRead} rows read (the active connections, by the status index)`,
      "",
    ].join("\n"),
  );
});
