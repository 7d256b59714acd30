import { app } from "./app";
import { parseEnv } from "./env";
import { enqueueActiveConnections } from "./sync/cron";
import { handleQueue } from "./sync/queue";

export { ConnectionObject } from "./sync/connection-object";

export default {
  fetch: app.fetch,

  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(enqueueActiveConnections(parseEnv(env)));
  },

  async queue(batch, env) {
    await handleQueue(batch, parseEnv(env));
  },
} satisfies ExportedHandler<Cloudflare.Env>;
