import { env } from "cloudflare:test";
import { openConnection } from "../src/connection/context";
import { createDb } from "../src/db/client";
import { finishRun, startRun } from "../src/sync/audit";
import { runSync } from "../src/sync/run";
import { testEnv } from "../test/helpers/sandbox";
import { countingD1, type D1Tally } from "./counting-d1";

/**
 * One run of the engine exactly as the connection's Durable Object makes it (start, run, finish), but with
 * a D1 binding that counts rows, which the Durable Object's own binding cannot.
 */
export async function countedRun(connectionId: string, tally: D1Tally): Promise<{ more: boolean; error?: string }> {
  const config = { ...testEnv(), DB: countingD1(env.DB, tally) };
  const ctx = await openConnection(config, connectionId, 65_000);
  const db = createDb(config.DB);
  const runId = await startRun(db, connectionId, "manual");
  const result = await runSync(ctx, runId, () => false);
  await finishRun(db, runId, result.counts, result.error ?? null);
  return result;
}

/** Runs until nothing is left; an error that will not go away by itself stops the benchmark. */
export async function countedRunToCompletion(connectionId: string, tally: D1Tally): Promise<number> {
  const started = Date.now();
  for (;;) {
    const result = await countedRun(connectionId, tally);
    if (result.error && !result.more) throw new Error(`run did not complete: ${result.error}`);
    if (!result.more) return Date.now() - started;
  }
}
