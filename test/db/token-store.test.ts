import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onGrantLost } from "../../src/connection/lifecycle";
import { createTokenCipher } from "../../src/crypto/token-cipher";
import { createDb } from "../../src/db/client";
import { accounts, connections } from "../../src/db/schema";
import { d1TokenStore } from "../../src/db/token-store";
import { testEnv } from "../helpers/sandbox";

describe("D1 token store", () => {
  it("keeps tokens encrypted at rest and reads them back", async () => {
    const db = createDb(env.DB);
    const id = `c-${crypto.randomUUID()}`;
    await db.insert(accounts).values({ id: `a-${id}` });
    await db
      .insert(connections)
      .values({ id, accountId: `a-${id}`, departmentId: "d", departmentName: "D", webhookSecretHash: "w" });
    const store = d1TokenStore(db, await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY), id, "teamleader");
    expect(await store.load()).toBeNull();

    const tokens = {
      accessToken: "access-abc",
      refreshToken: "refresh-xyz",
      accessExpiresAt: 1_800_000_000_000,
      issuedAt: 1_799_999_000_000,
    };
    await store.save(tokens);
    await store.save({ ...tokens, refreshToken: "refresh-rotated" });
    expect(await store.load()).toEqual({ ...tokens, refreshToken: "refresh-rotated" });
    // A refused early refresh is remembered across runs, so the next run does not ask again.
    await store.save({ ...tokens, refreshRefusedAt: 1_799_999_900_000 });
    expect((await store.load())?.refreshRefusedAt).toBe(1_799_999_900_000);

    const raw = await env.DB.prepare("SELECT * FROM oauth_tokens WHERE connection_id = ?").bind(id).all();
    expect(raw.results).toHaveLength(1);
    expect(JSON.stringify(raw.results)).not.toMatch(/access-abc|refresh-/);
  });

  it("never brings a disconnected connection back when a late refresh fails", async () => {
    const db = createDb(env.DB);
    const id = `c-${crypto.randomUUID()}`;
    await db.insert(accounts).values({ id: `a-${id}` });
    await db.insert(connections).values({
      id,
      accountId: `a-${id}`,
      departmentId: "d",
      departmentName: "D",
      webhookSecretHash: "w",
      status: "disconnected",
    });
    const store = d1TokenStore(
      db,
      await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY),
      id,
      "exact",
      onGrantLost(db, id),
    );
    await store.markReconsentRequired("Old refresh token used.");
    expect((await db.select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("disconnected");
  });
});
