import { app } from "./app";
import { parseEnv } from "./env";
import { enqueueActiveConnections } from "./schedule/cron";
import { handleQueue } from "./schedule/queue";

export { ConnectionObject } from "./connection/object";
export { DivisionBudgetObject } from "./exact/division-object";

export default {
  fetch: app.fetch,

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(enqueueActiveConnections(parseEnv(env)));
  },

  async queue(batch, env) {
    await handleQueue(batch, parseEnv(env));
  },
} satisfies ExportedHandler<Cloudflare.Env>;
