import { z } from "zod";
import { AppError } from "../errors";
import { fetchWithDeadline, parseResponse, readJson, waitForReset } from "../http/upstream";
import type { AccessTokenSource } from "../oauth/access-token";
import { describeOAuthError } from "./oauth";

export interface TeamleaderRateLimit {
  limit: number;
  remaining: number;
  /** Epoch ms when the oldest counted call leaves the sliding minute. */
  resetAt: number;
}

export interface TeamleaderClientOptions {
  apiUrl: string;
  tokens: AccessTokenSource;
  /** Longest wait for a rate-limit reset inside one call; longer waits throw RATE_LIMITED. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

/** The page size used for every list; Teamleader's maximum is undocumented, official SDKs use 100. */
export const TEAMLEADER_PAGE_SIZE = 100;

/**
 * RPC client for the Teamleader Focus API: `POST <api>/<resource>.<action>` with a JSON body.
 * https://developer.focus.teamleader.eu/docs/api — envelope `{data}`, errors `{errors:[{title}]}`,
 * 200 calls per sliding minute with `X-RateLimit-*` headers (Reset is an ISO-8601 timestamp).
 */
export class TeamleaderClient {
  rateLimit: TeamleaderRateLimit | null = null;
  private readonly apiUrl: string;

  constructor(private readonly options: TeamleaderClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/$/, "");
  }

  /** Calls an endpoint that answers `{data: ...}` and validates `data`. */
  async call<S extends z.ZodType>(endpoint: string, body: unknown, dataSchema: S): Promise<z.infer<S>> {
    const payload = await this.send(endpoint, body);
    const envelope = parseResponse(envelopeOf(dataSchema), payload, endpoint, "teamleader") as { data: z.infer<S> };
    return envelope.data;
  }

  /** Calls an action endpoint that answers 204 No Content. */
  async action(endpoint: string, body: unknown): Promise<void> {
    await this.send(endpoint, body);
  }

  /**
   * Yields list pages of `size` 100 until a short page: invoices.list and creditNotes.list give no total.
   * The caller can save its cursor after each page, so a stopped run resumes where it was.
   */
  async *pages<S extends z.ZodType>(
    endpoint: string,
    body: Record<string, unknown>,
    itemSchema: S,
    startPage = 1,
  ): AsyncGenerator<z.infer<S>[]> {
    for (let number = startPage; ; number++) {
      const items = (await this.call(
        endpoint,
        { ...body, page: { size: TEAMLEADER_PAGE_SIZE, number } },
        arrayOf(itemSchema),
      )) as z.infer<S>[];
      yield items;
      if (items.length < TEAMLEADER_PAGE_SIZE) return;
    }
  }

  async listAll<S extends z.ZodType>(
    endpoint: string,
    body: Record<string, unknown>,
    itemSchema: S,
  ): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    for await (const page of this.pages(endpoint, body, itemSchema)) all.push(...page);
    return all;
  }

  private async send(endpoint: string, body: unknown, attempt = 0, refreshFirst = false): Promise<unknown> {
    const maxWaitMs = this.options.maxWaitMs ?? 65_000;
    if (this.rateLimit && this.rateLimit.remaining <= 0 && this.rateLimit.resetAt > Date.now()) {
      await waitForReset(this.rateLimit.resetAt, maxWaitMs, "teamleader");
    }
    const token = refreshFirst ? await this.options.tokens.forceRefresh() : await this.options.tokens.get();
    const response = await fetchWithDeadline(
      `${this.apiUrl}/${endpoint}`,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body ?? {}),
      },
      this.options.timeoutMs ?? 30_000,
      "teamleader",
    );
    this.readRateLimit(response.headers);
    if (response.status === 204) return null;
    const data = await readJson(response);
    if (response.ok) return data;

    if (response.status === 429 && attempt < 3) {
      await waitForReset(this.rateLimit?.resetAt ?? Date.now() + 1_000, maxWaitMs, "teamleader");
      return this.send(endpoint, body, attempt + 1);
    }
    // An access token can be revoked before its expiry: refresh once, then give up.
    if (response.status === 401 && !refreshFirst) return this.send(endpoint, body, attempt + 1, true);
    throw toError(endpoint, response.status, data);
  }

  private readRateLimit(headers: Headers) {
    const limit = Number(headers.get("X-RateLimit-Limit"));
    const remaining = Number(headers.get("X-RateLimit-Remaining"));
    const reset = headers.get("X-RateLimit-Reset") ?? "";
    // A reset given in whole seconds may be up to a second early: round it up.
    const resetAt = Date.parse(reset) + (/\.\d+/.test(reset) ? 0 : 999);
    if (
      Number.isFinite(limit) &&
      Number.isFinite(remaining) &&
      Number.isFinite(resetAt) &&
      headers.has("X-RateLimit-Remaining")
    ) {
      this.rateLimit = { limit, remaining, resetAt };
    }
  }
}

function toError(endpoint: string, status: number, data: unknown): AppError {
  const reason = describeOAuthError(data);
  const options = { source: "teamleader" as const, upstreamStatus: status };
  switch (status) {
    case 401:
      return new AppError(
        "RECONSENT_REQUIRED",
        `Teamleader refused the access token for ${endpoint} (${reason}). Reconnect Teamleader.`,
        options,
      );
    case 403:
      return new AppError(
        "UPSTREAM_FORBIDDEN",
        `Teamleader does not allow ${endpoint} for this user (${reason}). Check the user's rights and the enabled modules.`,
        options,
      );
    case 404:
      return new AppError("UPSTREAM_NOT_FOUND", `Teamleader: ${reason} (${endpoint}).`, options);
    case 429:
      return new AppError("RATE_LIMITED", `Teamleader kept answering 429 to ${endpoint}.`, options);
    default:
      if (status >= 500)
        return new AppError(
          "UPSTREAM_UNAVAILABLE",
          `Teamleader answered HTTP ${status} to ${endpoint} (${reason}).`,
          options,
        );
      return new AppError("UPSTREAM_REJECTED", `Teamleader rejected ${endpoint}: ${reason}.`, options);
  }
}

const envelopeCache = new WeakMap<z.ZodType, z.ZodType>();
function envelopeOf(schema: z.ZodType): z.ZodType {
  let envelope = envelopeCache.get(schema);
  if (!envelope) {
    envelope = z.object({ data: schema });
    envelopeCache.set(schema, envelope);
  }
  return envelope;
}

function arrayOf(schema: z.ZodType): z.ZodType {
  return z.array(schema);
}
