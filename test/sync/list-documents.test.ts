import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { accounts, connections, documentPairs } from "../../src/db/schema";
import { processedVersions } from "../../src/sync/list-documents";

describe("processed versions of a listing page", () => {
  it("looks up a full page of 100 documents (D1 binds at most 100 parameters)", async () => {
    const db = createDb(env.DB);
    const connectionId = crypto.randomUUID();
    await db.insert(accounts).values({ id: `a-${connectionId}` });
    await db.insert(connections).values({
      id: connectionId,
      accountId: `a-${connectionId}`,
      departmentId: connectionId,
      departmentName: "D",
      webhookSecretHash: "s",
    });
    const ids = Array.from({ length: 100 }, (_, i) => `inv-${i}`);
    for (let i = 0; i < ids.length; i += 10) {
      await db.insert(documentPairs).values(
        ids.slice(i, i + 10).map((tlId, k) => ({
          connectionId,
          tlType: "invoice" as const,
          tlId,
          tlUpdatedAt: `v${i + k}`,
          status: (i + k) % 2 ? ("booked" as const) : ("posting" as const),
        })),
      );
    }
    const seen = await processedVersions({ db, connection: { id: connectionId } as never }, "invoice", ids);
    // `posting` documents are never considered processed.
    expect(seen.size).toBe(50);
    expect(seen.get("inv-99")).toBe("v99");
    expect(seen.has("inv-98")).toBe(false);
  });
});
