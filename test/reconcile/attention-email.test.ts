import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { connections, users } from "../../src/db/schema";
import { sendAttentionEmail } from "../../src/notify/attention-email";
import { createConnection } from "../helpers/connection";
import { SANDBOX, sandbox, testEnv } from "../helpers/sandbox";

const mailEnv = (from = "Koppeling <koppeling@example.test>") => ({
  ...testEnv(),
  EMAIL_API_URL: `${SANDBOX}/email`,
  EMAIL_API_KEY: "re_test",
  EMAIL_FROM: from,
});

/** The owner's e-mail when documents need attention: at most one a day, off unless configured. */
describe("attention e-mail", () => {
  beforeEach(() => sandbox.reset("demo", false));

  async function withOwner(options: Parameters<typeof createConnection>[0]) {
    const conn = await createConnection(options);
    const db = createDb(testEnv().DB);
    const row = (await db.select().from(connections).where(eq(connections.id, conn.id)).get())!;
    const userId = `owner-${row.accountId}`;
    await db
      .insert(users)
      .values({ id: userId, accountId: row.accountId, email: "eva@noordlicht.test", language: "nl" })
      .onConflictDoNothing();
    await db.update(connections).set({ createdBy: userId }).where(eq(connections.id, conn.id));
    return { ...conn, db, row: { ...row, createdBy: userId } };
  }

  it("sends one e-mail a day per owner, across connections, and none while unconfigured", async () => {
    const nl = await withOwner({ mappings: "without-8300" });
    await nl.stub.sync(nl.id, "manual");
    const be = await withOwner({ department: 1, mappings: "none" });
    await be.stub.sync(be.id, "manual");
    const day = new Date("2026-11-30T08:00:00Z");

    expect(await sendAttentionEmail(testEnv(), nl.db, nl.row, day)).toBe("off");
    expect(await sendAttentionEmail(mailEnv(), nl.db, nl.row, day)).toBe("sent");
    expect(await sendAttentionEmail(mailEnv(), nl.db, nl.row, day)).toBe("already-today");
    expect(await sendAttentionEmail(mailEnv(), be.db, be.row, new Date("2026-11-30T23:59:00Z"))).toBe("already-today");
    const [mail] = await sandbox.emails();
    expect(await sandbox.emails()).toHaveLength(1);
    expect(mail).toMatchObject({ to: ["eva@noordlicht.test"], from: "Koppeling <koppeling@example.test>" });
    expect(mail!.subject).toMatch(/^Teamleader → Exact \(.+\): \d+ documenten? vragen uw aandacht$/);
    expect(mail!.text).toMatch(/- \d+ konden niet geboekt worden/);
    expect(mail!.text).toContain(`/connections/${nl.id}`);

    // The next UTC day, again at most one.
    expect(await sendAttentionEmail(mailEnv(), be.db, be.row, new Date("2026-12-01T00:01:00Z"))).toBe("sent");
    expect(await sandbox.emails()).toHaveLength(2);
  });

  it("says nothing when nothing needs attention, and tries again after a failed send", async () => {
    const conn = await withOwner({});
    await conn.stub.sync(conn.id, "manual");
    // Another day than the test above, whose e-mail stays in D1.
    const day = new Date("2026-11-15T08:00:00Z");
    expect(await sendAttentionEmail(mailEnv(), conn.db, conn.row, day)).toBe("nothing");

    await conn.db.update(connections).set({ status: "needs_reconsent" }).where(eq(connections.id, conn.id));
    const row = { ...conn.row, status: "needs_reconsent" as const };
    expect(await sendAttentionEmail(mailEnv("x") /* the API refuses it: 422 */, conn.db, row, day)).toBe("failed");
    expect(await sendAttentionEmail(mailEnv(), conn.db, row, day)).toBe("sent");
    const [mail] = await sandbox.emails();
    expect(mail!.subject).toMatch(/opnieuw koppelen$/);
  });
});
