import { toBase64Url as b64url, fromBase64Url as fromB64url } from "../crypto/base64";

/** HMAC-SHA256 signed, base64url JSON values for cookies: tamper-evident, not secret. */
const encoder = new TextEncoder();

async function key(secret: string) {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

export async function sign(value: object, secret: string): Promise<string> {
  const body = b64url(encoder.encode(JSON.stringify(value)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), encoder.encode(body)));
  return `${body}.${b64url(mac)}`;
}

/** The value when the signature holds and `exp` (epoch ms) has not passed; otherwise null. */
export async function verify<T extends { exp: number }>(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): Promise<T | null> {
  if (!token) return null;
  const [body, mac] = token.split(".");
  if (!body || !mac) return null;
  try {
    const ok = await crypto.subtle.verify("HMAC", await key(secret), fromB64url(mac), encoder.encode(body));
    if (!ok) return null;
    const value = JSON.parse(new TextDecoder().decode(fromB64url(body))) as T;
    return typeof value.exp === "number" && value.exp > now ? value : null;
  } catch {
    return null;
  }
}

export function randomId(bytes = 18): string {
  return b64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
