import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { activeConnections } from "../../src/schedule/cron";
import { processedVersionsQuery } from "../../src/sync/list-documents";
import { documentsToRetry } from "../../src/sync/run";

/** SQLite's plan for a query as D1 runs it: one `detail` line per step. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail);
}

describe("hot-path queries use an index (no table scans)", () => {
  const db = createDb(env.DB);

  it("an idle run's retry query reads only posting, pending and failed documents", async () => {
    const plan = await planOf(documentsToRetry(db, "c1"));
    expect(plan.some((d) => /^SCAN/.test(d))).toBe(false);
    expect(plan.join("\n")).toMatch(/USING INDEX document_pairs_status \(connection_id=\? AND status=\?\)/);
  });

  it("a listed page's already-processed check goes through the unique document index", async () => {
    const plan = await planOf(processedVersionsQuery(db, "c1", "invoice", ["a", "b", "c"]));
    expect(plan.some((d) => /^SCAN/.test(d))).toBe(false);
    expect(plan.join("\n")).toMatch(
      /USING INDEX document_pairs_unique_document \(connection_id=\? AND tl_type=\? AND tl_id=\?\)/,
    );
  });

  it("the cron tick finds active connections through the status index", async () => {
    const plan = await planOf(activeConnections(db));
    expect(plan.some((d) => /^SCAN/.test(d))).toBe(false);
    expect(plan.join("\n")).toMatch(/USING (COVERING )?INDEX connections_status \(status=\?\)/);
  });
});
