import { fetchWithDeadline, readJson, type Source } from "../http/upstream";
import type { TokenSet } from "./tokens";

/** POSTs an OAuth token request as a form (both Teamleader and Exact take that) and reads the JSON answer. */
export async function postTokenForm(
  url: string,
  fields: Record<string, string>,
  timeoutMs: number,
  source: Source,
): Promise<{ response: Response; data: unknown }> {
  const response = await fetchWithDeadline(
    url,
    {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams(fields),
    },
    timeoutMs,
    source,
  );
  return { response, data: await readJson(response) };
}

/** A token answer as we keep it: expiry as an instant, and when it was issued. */
export const toTokenSet = (
  token: { access_token: string; refresh_token: string; expires_in: number },
  now: number,
): TokenSet => ({
  accessToken: token.access_token,
  refreshToken: token.refresh_token,
  accessExpiresAt: now + token.expires_in * 1000,
  issuedAt: now,
});
