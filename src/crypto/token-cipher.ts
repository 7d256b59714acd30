import { AppError } from "../errors";
import { fromBase64, toBase64 } from "./base64";

/**
 * AES-256-GCM sealing of OAuth tokens at rest. The associated data binds a sealed value to its row
 * (connection + provider), so a ciphertext copied to another row does not decrypt.
 */
const IV_BYTES = 12;

export interface TokenCipher {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

export async function createTokenCipher(base64Key: string): Promise<TokenCipher> {
  const raw = fromBase64(base64Key);
  if (raw.length !== 32) throw new AppError("ENV_INVALID", "TOKEN_ENCRYPTION_KEY must decode to 32 bytes");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  const encoder = new TextEncoder();

  return {
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const params = { name: "AES-GCM", iv, additionalData: encoder.encode(context) };
      const cipher = new Uint8Array(await crypto.subtle.encrypt(params, key, encoder.encode(plaintext)));
      const joined = new Uint8Array(IV_BYTES + cipher.length);
      joined.set(iv);
      joined.set(cipher, IV_BYTES);
      return toBase64(joined);
    },
    async open(sealed, context) {
      const joined = fromBase64(sealed);
      const params = { name: "AES-GCM", iv: joined.slice(0, IV_BYTES), additionalData: encoder.encode(context) };
      const plain = await crypto.subtle.decrypt(params, key, joined.slice(IV_BYTES));
      return new TextDecoder().decode(plain);
    },
  };
}
