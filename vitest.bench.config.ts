import { workersConfig } from "./vitest.config";

// `npm run bench`: the engine against the sandbox inside workerd; prints figures, asserts nothing.
// BENCH_SIZES (default 1000,10000): the backfill sizes; BENCH_CONNECTIONS (default 10000): the cron tick.
export default workersConfig(["bench/**/*.bench.ts"], 3_600_000, {
  BENCH_SIZES: process.env.BENCH_SIZES ?? "1000,10000",
  BENCH_CONNECTIONS: process.env.BENCH_CONNECTIONS ?? "10000",
});
