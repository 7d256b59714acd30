import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activateConnection } from "../../src/connection/activation";
import { connections, oauthTokens } from "../../src/db/schema";
import { createConnection, pairsOf } from "../helpers/connection";
import { sandbox, testEnv } from "../helpers/sandbox";

describe("activation of a live connection", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("keeps the start date it went live with, so waiting documents are not dropped", async () => {
    const { id, db } = await createConnection({ historicalExport: "month" });
    const row = (await db.select().from(connections).where(eq(connections.id, id)).get())!;
    await db
      .update(connections)
      .set({ options: { ...row.options, startDate: "2026-01-01" } })
      .where(eq(connections.id, id));
    await activateConnection(testEnv(), id);
    const after = (await db.select().from(connections).where(eq(connections.id, id)).get())!;
    expect(after.options.startDate).toBe("2026-01-01");
  });
});

describe("a grant lost during a run", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("stops the run instead of failing every document that follows", async () => {
    const { id, stub, db } = await createConnection({ historicalExport: "everything" });
    await stub.sync(id, "manual");
    await sandbox.bookInvoice();
    await sandbox.bookInvoice();
    // Exact's grant is gone; Teamleader still answers, and the reference data is cached.
    await db.delete(oauthTokens).where(and(eq(oauthTokens.connectionId, id), eq(oauthTokens.provider, "exact")));
    const run = await stub.sync(id, "manual");
    expect(run.error).toMatch(/connect again/);
    expect((await pairsOf(id)).filter((p) => p.status === "failed")).toEqual([]);
  });
});
