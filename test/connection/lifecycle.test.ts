import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type ConnectionStatus, transition } from "../../src/connection/lifecycle";
import { createDb } from "../../src/db/client";
import { accounts, connections } from "../../src/db/schema";

const db = createDb(env.DB);

async function connectionIn(status: ConnectionStatus, activated = true) {
  const id = `c-${crypto.randomUUID()}`;
  await db.insert(accounts).values({ id: `a-${id}` });
  await db.insert(connections).values({
    id,
    accountId: `a-${id}`,
    webhookSecretHash: "h",
    status,
    activatedAt: activated ? new Date() : null,
  });
  return id;
}
const statusOf = async (id: string) => (await db.select().from(connections).where(eq(connections.id, id)).get())!;

describe("connection lifecycle", () => {
  it("moves along allowed transitions, with the reason", async () => {
    const id = await connectionIn("active");
    expect(await transition(db, id, "pause", { by: "user", changes: { statusReason: "Paused by a user." } })).toBe(
      true,
    );
    expect(await statusOf(id)).toMatchObject({ status: "paused", statusReason: "Paused by a user." });
    expect(await transition(db, id, "resume", { by: "user" })).toBe(true);
    expect(await statusOf(id)).toMatchObject({ status: "active", statusReason: null });
  });

  it("refuses a person's impossible transition with a 409 that says why, and changes nothing", async () => {
    const id = await connectionIn("setup", false);
    await expect(transition(db, id, "pause", { by: "user" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This connection is still being set up, so it cannot be paused.",
    });
    expect((await statusOf(id)).status).toBe("setup");
    // Asking for the status it already has is not an error.
    const paused = await connectionIn("paused");
    expect(await transition(db, paused, "pause", { by: "user" })).toBe(false);
  });

  it("never lets background work revive a disconnected connection", async () => {
    const id = await connectionIn("disconnected");
    for (const event of ["lostConsent", "failed", "reconnected", "activate"] as const)
      expect(await transition(db, id, event, { by: "background" })).toBe(false);
    expect((await statusOf(id)).status).toBe("disconnected");
  });

  it("brings a reconnected connection back to where it was: active once live, else setup", async () => {
    const live = await connectionIn("needs_reconsent", true);
    const unfinished = await connectionIn("needs_reconsent", false);
    await transition(db, live, "reconnected", { by: "background" });
    await transition(db, unfinished, "reconnected", { by: "background" });
    expect((await statusOf(live)).status).toBe("active");
    expect((await statusOf(unfinished)).status).toBe("setup");
  });
});
