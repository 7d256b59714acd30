import { env } from "cloudflare:test";
import { parseEnv } from "../../src/env";
import { type DivisionBudgetObject, divisionBudgetName } from "../../src/exact/division-object";

/** The test harness for the sandbox's control surface (the connector itself never calls these). */
export const SANDBOX = "http://sandbox.test";

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${SANDBOX}/__control${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`sandbox control ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

/** The sandbox's divisions. */
const DIVISIONS = [100001, 100002];

/**
 * The connector's shared view of each division's budget learns only from Exact's answers; when the test
 * changes the emulated Exact's counters behind its back, it is told to start over.
 */
async function forgetDivisionBudgets() {
  const budgets = env.DIVISION_BUDGET as unknown as DurableObjectNamespace<DivisionBudgetObject>;
  for (const division of DIVISIONS) await budgets.getByName(divisionBudgetName("nl", division)).forget();
}

async function thenForget<T>(result: Promise<T>): Promise<T> {
  const value = await result;
  await forgetDivisionBudgets();
  return value;
}

export const sandbox = {
  reset: (profile: "demo" | "bench" | "empty" = "demo", rateLimits = true, invoices?: number) =>
    thenForget(control("POST", "/reset", { profile, rateLimits, invoices })),
  config: (input: { rateLimits?: boolean; advanceClockMs?: number; clockOffsetMs?: number }) =>
    thenForget(control("POST", "/config", input)),
  /** Calls the division has used this minute and today, by the sandbox's count. */
  exactUsage: (division: number) =>
    control("GET", `/exact/rate-limit/${division}`) as Promise<{ minute: number; day: number }>,
  /** Sets today's count for the division, e.g. close to Exact's 5,000. */
  useExactCalls: (division: number, usedToday: number) =>
    thenForget(control("POST", "/exact/rate-limit", { division, usedToday })),
  fault: (input: {
    method: string;
    path: string;
    kind: "500-after-commit" | "500-generic-after-commit" | "500" | "timeout" | "429" | "malformed";
    times?: number;
    delayMs?: number;
    field?: string;
  }) => control("POST", "/faults", input),
  calls: () => control("GET", "/calls") as Promise<Record<string, number>>,
  clearCalls: () => control("DELETE", "/calls"),
  state: <T = any>(table: string) => control("GET", `/state/${table}`) as Promise<T[]>,
  closePeriod: (division: number, period: string, closed = true) =>
    control("POST", "/exact/closed-periods", { division, period, closed }),
  fiscalYear: (division: number, year: number, exists: boolean) =>
    control("POST", "/exact/fiscal-years", { division, year, exists }),
  exactLanguage: (LanguageCode: string) => control("POST", "/exact/user", { LanguageCode }),
  markPaid: (entryId: string) => control("POST", `/exact/entries/${entryId}/paid`),
  /** Bookkeeper's work in Exact's own screens: change an entry's first line or date, delete it, book one. */
  editEntry: (entryId: string, edit: { amountFC?: number; vatAmountFC?: number; entryDate?: string }) =>
    control("POST", `/exact/entries/${entryId}/edit`, edit),
  deleteEntry: (entryId: string) => control("DELETE", `/exact/entries/${entryId}`),
  bookEntryByHand: (input: {
    division: number;
    journal: string;
    yourRef: string | null;
    entryDate: string;
    amountFC: number;
    vatCode?: string;
  }) => control("POST", "/exact/entries", input),
  /** E-mails captured by the sandbox's e-mail API. */
  emails: () => control("GET", "/emails") as Promise<{ from: string; to: string[]; subject: string; text: string }[]>,
  bookInvoice: (input: { departmentId?: string; customerId?: string } = {}) =>
    control("POST", "/teamleader/invoices", input),
  /** Deletes a Teamleader document as a user would (fires `<kind>.deleted`). */
  deleteDocument: (id: string) => control("POST", `/teamleader/documents/${id}/deleted`),
  /** Changes a Teamleader document as a user would (fires `<kind>.updated`). */
  updateDocument: (id: string, patch: Record<string, unknown>) =>
    control("POST", `/teamleader/documents/${id}/updated`, patch),
};

export const testEnv = () => parseEnv(env);

/** Walks an authorize URL like a browser: load the consent page, click Allow (or Deny), follow to the redirect. */
export async function consent(authorizeUrl: string, decision: "allow" | "deny" = "allow"): Promise<URL> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (!page.ok) throw new Error(`consent page: HTTP ${page.status} ${html}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decodeHtml(m[2]!)]),
  );
  const response = await fetch(new URL(action!, authorizeUrl), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, decision }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`consent decision: HTTP ${response.status}`);
  return new URL(response.headers.get("Location")!);
}

function decodeHtml(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
