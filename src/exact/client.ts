import { z } from "zod";
import { AppError } from "../errors";
import { fetchWithDeadline, parseResponse, readJson, sleep, waitForReset } from "../http/upstream";
import type { AccessTokenSource } from "../oauth/access-token";
import { type CallPriority, LIVE_RESERVE, type PermitAnswer } from "./division-budget";
import type { ErrorBudget } from "./error-budget";
import { type ODataQuery, queryString } from "./odata";

/** What is left of Exact's per-division budgets (60 calls a minute, 5,000 a day), from the last response. */
export interface ExactBudget {
  dailyLimit?: number;
  dailyRemaining?: number;
  /** Epoch ms. */
  dailyResetAt?: number;
  minutelyLimit?: number;
  minutelyRemaining?: number;
  /** Epoch ms. */
  minutelyResetAt?: number;
}

export interface ExactClientOptions {
  baseUrl: string;
  division: number;
  tokens: AccessTokenSource;
  /** Longest wait for a minute reset inside one call; longer waits throw RATE_LIMITED (retryAt set). */
  maxWaitMs?: number;
  timeoutMs?: number;
  /** Counts error answers per endpoint; without one, nothing is counted. */
  errorBudget?: ErrorBudget;
  /** The division's shared budget (one per division, for every connection); without one, this client's own view. */
  permits?: PermitGate;
}

/** Hands out call permits for one division and learns from Exact's headers (`DivisionBudgetObject`). */
export interface PermitGate {
  permit(priority: CallPriority): Promise<PermitAnswer>;
  record(seen: ExactBudget, ticket: number): Promise<void>;
}

// A permit refused for less than this (another call learning the budget first) is simply waited for.
const SHORT_WAIT_MS = 300;

const ErrorBody = z.object({ error: z.object({ message: z.object({ value: z.string() }) }) });

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Exact Online REST (OData v2) client for one division. Always asks for JSON (the default is Atom XML),
 * follows `__next` for paging, honours both rate-limit windows, and never retries a write that may have
 * been committed: a timeout or 5xx on POST/PUT/DELETE is UPSTREAM_UNCERTAIN for the caller to resolve.
 */
export class ExactClient {
  budget: ExactBudget = {};
  /** `backlog` while the historical export runs: it then leaves the division's reserve to live work. */
  priority: CallPriority = "live";
  readonly division: number;
  private readonly baseUrl: string;

  constructor(private readonly options: ExactClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.division = options.division;
  }

  /** `/api/v1/{division}/{path}`; `current/Me` is the one resource without a division. */
  url(path: string, query: ODataQuery = {}): string {
    const scoped = path.startsWith("current/") ? path : `${this.division}/${path}`;
    return `${this.baseUrl}/api/v1/${scoped}${queryString(query)}`;
  }

  /** One page: `{d:{results:[…], __next?}}`. */
  async page<S extends z.ZodType>(url: string, itemSchema: S): Promise<{ results: z.infer<S>[]; next?: string }> {
    const data = await this.request("GET", url);
    const parsed = parseResponse(
      z.object({ d: z.object({ results: z.array(itemSchema), __next: z.string().optional() }) }),
      data,
      pathOf(url),
      "exact",
    );
    return { results: parsed.d.results, next: parsed.d.__next };
  }

  /** Yields every page, following `__next` exactly as returned (never building $skiptoken ourselves). */
  async *pages<S extends z.ZodType>(path: string, query: ODataQuery, itemSchema: S): AsyncGenerator<z.infer<S>[]> {
    // bulk/ needs $select (Exact's reference); for sync/ no source says, so we always send it there too.
    if (/^(bulk|sync)\//.test(path) && !query.select?.length)
      throw new AppError("INTERNAL", `${path} needs $select (Exact refuses bulk and sync reads without one).`);
    let url: string | undefined = this.url(path, query);
    while (url) {
      const page: { results: z.infer<S>[]; next?: string } = await this.page(url, itemSchema);
      yield page.results;
      url = page.next;
    }
  }

  async list<S extends z.ZodType>(path: string, query: ODataQuery, itemSchema: S): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    for await (const results of this.pages(path, query, itemSchema)) all.push(...results);
    return all;
  }

  /** POST answers `201 {d: entity}`. */
  async create<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const data = await this.request("POST", this.url(path), body);
    try {
      return (parseResponse(z.object({ d: schema }), data, path, "exact") as { d: z.infer<S> }).d;
    } catch (error) {
      // Exact answered 2xx, so the record exists, but we cannot read which: as unknown as a timeout.
      throw new AppError("UPSTREAM_UNCERTAIN", `Exact Online created ${path} but its answer could not be read.`, {
        source: "exact",
        cause: error,
      });
    }
  }

  /** PUT answers 204. */
  async update(path: string, body: unknown): Promise<void> {
    await this.request("PUT", this.url(path), body);
  }

  /** DELETE answers 204. */
  async remove(path: string): Promise<void> {
    await this.request("DELETE", this.url(path));
  }

  private async request(
    method: Method,
    url: string,
    body?: unknown,
    attempt = 0,
    refreshFirst = false,
  ): Promise<unknown> {
    const endpoint = `${method} ${pathOf(url)
      .replace(/^.*\/api\/v1\/(\d+\/)?/, "")
      .replace(/\(.*\)$/, "")}`;
    this.options.errorBudget?.check(endpoint);
    const gate = url.includes("/api/v1/current/") ? undefined : this.options.permits;
    if (!gate) await this.respectBudget();
    const token = refreshFirst ? await this.options.tokens.forceRefresh() : await this.options.tokens.get();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    // Prefer: return=representation makes a POST answer with the entity, EntryID and EntryNumber filled in.
    if (method === "POST") headers.Prefer = "return=representation";
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    // Every permit is reported back (with what Exact said, or nothing), so none stays counted as in flight.
    const ticket = gate ? await this.acquirePermit(gate) : 0;
    let seen: ExactBudget = {};
    let response: Response;
    try {
      response = await fetchWithDeadline(url, init, this.options.timeoutMs ?? 30_000, "exact");
      seen = this.readBudget(response.headers);
    } finally {
      await gate?.record(seen, ticket);
    }
    const data = await readJson(response);
    if (response.ok) return data;

    // A 429 was refused before any work was done, so even a POST may be sent again.
    if (response.status === 429 && attempt < 3) {
      await waitForReset(this.nextReset(), this.options.maxWaitMs ?? 65_000, "exact");
      return this.request(method, url, body, attempt + 1);
    }
    if (response.status === 401 && !refreshFirst) return this.request(method, url, body, attempt + 1, true);
    if (response.status !== 429) this.options.errorBudget?.record(endpoint);
    throw this.toError(method, url, response, data);
  }

  /** Waits for a permit from the division's budget, or throws RATE_LIMITED with the time calls resume. */
  private async acquirePermit(gate: PermitGate): Promise<number> {
    for (;;) {
      const answer = await gate.permit(this.priority);
      if (answer.granted) return answer.ticket;
      const at = new Date(answer.retryAt).toISOString();
      if (answer.window === "day")
        throw new AppError(
          "RATE_LIMITED",
          answer.reserve
            ? `The historical export leaves the last ${percent} of Exact Online's daily calls for division ${this.division} to new invoices; it continues at ${at}.`
            : `Exact Online's daily limit for division ${this.division} is used up until ${at}.`,
          { source: "exact", retryAt: answer.retryAt },
        );
      if (answer.retryAt - Date.now() <= SHORT_WAIT_MS) await sleep(Math.max(0, answer.retryAt - Date.now()));
      else await waitForReset(answer.retryAt, this.options.maxWaitMs ?? 65_000, "exact");
    }
  }

  private async respectBudget() {
    const now = Date.now();
    const { dailyRemaining, dailyResetAt, minutelyRemaining, minutelyResetAt } = this.budget;
    if (dailyRemaining === 0 && dailyResetAt && dailyResetAt > now) {
      throw new AppError(
        "RATE_LIMITED",
        `Exact Online's daily limit for division ${this.division} is used up until ${new Date(dailyResetAt).toISOString()}.`,
        {
          source: "exact",
          retryAt: dailyResetAt,
        },
      );
    }
    if (minutelyRemaining === 0 && minutelyResetAt && minutelyResetAt > now) {
      await waitForReset(minutelyResetAt, this.options.maxWaitMs ?? 65_000, "exact", now);
    }
  }

  private nextReset(): number {
    const { minutelyRemaining, minutelyResetAt, dailyRemaining, dailyResetAt } = this.budget;
    if (dailyRemaining === 0 && dailyResetAt) return dailyResetAt;
    if (minutelyRemaining === 0 && minutelyResetAt) return minutelyResetAt;
    return minutelyResetAt ?? Date.now() + 1_000;
  }

  /** Keeps what the headers say (the daily ones stay when only the minutely came) and returns it. */
  private readBudget(headers: Headers): ExactBudget {
    const read = (name: string) => {
      const raw = headers.get(name);
      return raw === null || raw === "" || !Number.isFinite(Number(raw)) ? undefined : Number(raw);
    };
    // When the minute limit is exhausted Exact sends only the minutely headers: keep the daily ones we had.
    const next: ExactBudget = {
      dailyLimit: read("X-RateLimit-Limit"),
      dailyRemaining: read("X-RateLimit-Remaining"),
      dailyResetAt: read("X-RateLimit-Reset"),
      minutelyLimit: read("X-RateLimit-Minutely-Limit"),
      minutelyRemaining: read("X-RateLimit-Minutely-Remaining"),
      minutelyResetAt: read("X-RateLimit-Minutely-Reset"),
    };
    for (const [key, value] of Object.entries(next))
      if (value !== undefined) (this.budget as Record<string, number>)[key] = value;
    return next;
  }

  private toError(method: Method, url: string, response: Response, data: unknown): AppError {
    const status = response.status;
    const parsed = ErrorBody.safeParse(data);
    const text = parsed.success ? parsed.data.error.message.value : typeof data === "string" ? data.slice(0, 200) : "";
    const reason = [text, response.headers.get("Reason")].filter(Boolean).join(" — ") || `HTTP ${status}`;
    const endpoint = `${method} ${pathOf(url)}`;
    const options = { source: "exact" as const, upstreamStatus: status };
    const write = method !== "GET";
    if (status === 401)
      return new AppError(
        "RECONSENT_REQUIRED",
        `Exact Online refused the access token (${reason}). Reconnect Exact Online.`,
        options,
      );
    if (status === 403)
      return new AppError(
        "UPSTREAM_FORBIDDEN",
        `Exact Online does not allow ${endpoint} (${reason}). Check the user's rights on the division and the app's scopes.`,
        options,
      );
    if (status === 404) return new AppError("UPSTREAM_NOT_FOUND", `Exact Online: not found (${endpoint}).`, options);
    if (status === 429)
      return new AppError("RATE_LIMITED", `Exact Online kept answering 429 to ${endpoint}.`, {
        ...options,
        retryAt: this.nextReset(),
      });
    // A business rule (closed period, unknown VAT code, customer without status C…) comes back as 500 with text.
    if (status === 500 && parsed.success) return new AppError("EXACT_BUSINESS_RULE", `Exact Online: ${text}`, options);
    if (status >= 500) {
      const code = write ? "UPSTREAM_UNCERTAIN" : "UPSTREAM_UNAVAILABLE";
      return new AppError(code, `Exact Online answered HTTP ${status} to ${endpoint} (${reason}).`, options);
    }
    return new AppError("UPSTREAM_REJECTED", `Exact Online rejected ${endpoint}: ${reason}`, options);
  }
}

const percent = `${Math.round(LIVE_RESERVE * 100)} %`;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
