import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import("./src/index");
    }
    interface Env {
      DB: D1Database;
      PDFS: R2Bucket;
      SYNC_QUEUE: Queue<unknown>;
      CONNECTION: DurableObjectNamespace;
      TEST_MIGRATIONS: D1Migration[];
      [key: string]: unknown;
    }
  }
}
