import { describe, expect, it } from "vitest";
import { createTokenCipher } from "../../src/crypto/token-cipher";
import { testEnv } from "../helpers/sandbox";

describe("token cipher (AES-GCM)", () => {
  it("round-trips, with a fresh IV each time", async () => {
    const cipher = await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY);
    const a = await cipher.seal("refresh-token-value", "conn-1:exact");
    const b = await cipher.seal("refresh-token-value", "conn-1:exact");
    expect(a).not.toBe(b);
    expect(a).not.toContain("refresh-token-value");
    expect(await cipher.open(a, "conn-1:exact")).toBe("refresh-token-value");
  });

  it("refuses a sealed value moved to another row or tampered with", async () => {
    const cipher = await createTokenCipher(testEnv().TOKEN_ENCRYPTION_KEY);
    const sealed = await cipher.seal("secret", "conn-1:exact");
    await expect(cipher.open(sealed, "conn-2:exact")).rejects.toThrow();
    const flipped = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(cipher.open(flipped, "conn-1:exact")).rejects.toThrow();
  });

  it("refuses a key of the wrong length", async () => {
    await expect(createTokenCipher(btoa("short"))).rejects.toThrow(/32 bytes/);
  });
});
