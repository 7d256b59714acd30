import { app } from "./app";
import { parseEnv } from "./env";

export { ConnectionObject } from "./sync/connection-object";

export default {
  fetch: app.fetch,

  async scheduled(_controller, env) {
    // Validated here too, so a broken deployment fails loudly on the first cron tick.
    parseEnv(env);
  },

  async queue(batch, env) {
    parseEnv(env);
    // The sync engine consumes these; until it exists nothing is enqueued, so there is nothing to do.
    for (const message of batch.messages) message.ack();
  },
} satisfies ExportedHandler<Record<string, unknown>>;
