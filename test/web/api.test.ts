import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { accounts, connections, glMappings, oauthTokens, syncRuns, vatMappings } from "../../src/db/schema";
import { TestBrowser } from "../helpers/browser";
import { createConnection, eventually } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { signedIn } from "../helpers/setup-flow";

const db = () => createDb(env.DB);

async function api(browser: TestBrowser, method: string, path: string, body?: unknown, csrf?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const response = await browser.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe("JSON API", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  async function ready() {
    const conn = await createConnection({ historicalExport: "month" });
    await conn.stub.sync(conn.id, "manual");
    const browser = await signedIn();
    const { json } = await api(browser, "GET", "/api/session");
    return { ...conn, browser, csrf: json.csrfToken as string };
  }

  it("answers 401 with {code, message} without a session", async () => {
    const { status, json } = await api(new TestBrowser(), "GET", "/api/connections");
    expect(status).toBe(401);
    expect(json).toEqual({ code: "UNAUTHORIZED", message: "Sign in first: open /install." });
  });

  it("lists connections with document counts and never shows the webhook secret", async () => {
    const { id, browser } = await ready();
    const { json } = await api(browser, "GET", "/api/connections");
    const mine = json.connections.find((c: any) => c.id === id);
    expect(mine).toMatchObject({
      departmentName: "Noordlicht Studio BV",
      status: "active",
      options: { historicalExport: "month" },
    });
    expect(mine.documents.booked).toBeGreaterThan(0);
    expect(JSON.stringify(json)).not.toContain("webhookSecret");
    const one = await api(browser, "GET", `/api/connections/${id}`);
    expect(one.json.lastRun).toMatchObject({ trigger: "manual", status: "succeeded" });
  });

  it("reads lookups, mappings, documents, runs and the preview", async () => {
    const { id, browser } = await ready();
    expect((await api(browser, "GET", `/api/connections/${id}/lookups/tax-rates`)).json.items).toHaveLength(6);
    expect(
      (await api(browser, "GET", `/api/connections/${id}/lookups/journals`)).json.items.map((j: any) => j.Code),
    ).toEqual(["70", "71"]);
    expect((await api(browser, "GET", `/api/connections/${id}/lookups/planets`)).status).toBe(404);
    expect((await api(browser, "GET", `/api/connections/${id}/vat-mappings`)).json.mappings).toHaveLength(6);
    const documents = (await api(browser, "GET", `/api/connections/${id}/documents?status=booked`)).json.documents;
    expect(documents.length).toBeGreaterThan(0);
    const detail = await api(browser, "GET", `/api/connections/${id}/documents/${documents[0].id}`);
    expect(detail.json.history[0].kind).toBe("document.booked");
    expect((await api(browser, "GET", `/api/connections/${id}/runs`)).json.runs.length).toBeGreaterThan(0);
    const preview = await api(browser, "GET", `/api/connections/${id}/preview?limit=2`);
    expect(preview.json.documents.length).toBeGreaterThan(0);
    expect(preview.json.documents[0].exact.incl).toBe(preview.json.documents[0].teamleader.incl);
  });

  it("changes mappings and options, refusing bad input without changing anything", async () => {
    const { id, browser, csrf } = await ready();
    const rates = (await api(browser, "GET", `/api/connections/${id}/lookups/tax-rates`)).json.items;
    const bad = await api(
      browser,
      "PUT",
      `/api/connections/${id}/vat-mappings`,
      { mappings: [{ taxRateId: rates[0].id, exactVatCode: "7" }] },
      csrf,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(
      "21%: Exact VAT code 7 does not exist in this Exact administration. Pick one from the list.",
    );
    expect(await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all()).toHaveLength(6);

    const repeated = await api(
      browser,
      "PUT",
      `/api/connections/${id}/vat-mappings`,
      {
        mappings: [
          { taxRateId: rates[0].id, exactVatCode: "1" },
          { taxRateId: rates[0].id, exactVatCode: "2" },
        ],
      },
      csrf,
    );
    expect(repeated.status).toBe(400);
    expect(repeated.json.message).toBe(
      `Tax rate ${rates[0].id} appears twice. Give each one mapping, then save again.`,
    );
    expect(await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all()).toHaveLength(6);
    const glBefore = await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all();
    const gl = (await api(browser, "GET", `/api/connections/${id}/lookups/gl-accounts`)).json.items;
    const repeatedGl = await api(
      browser,
      "PUT",
      `/api/connections/${id}/gl-mappings`,
      {
        mappings: [
          { ledgerAccountNumber: "8000", exactGlAccountId: gl[0].ID },
          { ledgerAccountNumber: "8000", exactGlAccountId: gl[1].ID },
        ],
        defaultGlAccountId: null,
      },
      csrf,
    );
    expect(repeatedGl.status).toBe(400);
    expect(await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all()).toEqual(glBefore);
    expect(
      (await db().select().from(connections).where(eq(connections.id, id)).get())?.defaultGlAccountId,
    ).toBeTruthy();

    const good = await api(
      browser,
      "PUT",
      `/api/connections/${id}/vat-mappings`,
      { mappings: [{ taxRateId: rates[0].id, exactVatCode: "1" }] },
      csrf,
    );
    expect(good.status).toBe(200);
    expect(await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all()).toHaveLength(1);

    const options = await api(
      browser,
      "PUT",
      `/api/connections/${id}/options`,
      { descriptionTemplate: "{number}" },
      csrf,
    );
    expect(options.json).toMatchObject({ descriptionTemplate: "{number}", historicalExport: "month" });
    const wrong = await api(browser, "PUT", `/api/connections/${id}/options`, { historicalExport: "yesterday" }, csrf);
    expect(wrong.status).toBe(400);
    expect(wrong.json.code).toBe("BAD_REQUEST");
    const notJson = await browser.request(`/api/connections/${id}/options`, {
      method: "PUT",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
  });

  it("searches any text, answers 400 for a malformed limit or status, and knows only its own action and list names", async () => {
    const { id, browser, csrf } = await ready();
    const list = async (query: string) => api(browser, "GET", `/api/connections/${id}/documents?${query}`);
    const all = (await list("")).json.documents as { tlNumber: string; customerName: string }[];
    const someone = all[0]!.customerName;
    // D1 refuses LIKE patterns over 50 bytes; the search must not.
    expect((await list(`q=${encodeURIComponent("x".repeat(60))}`)).json.documents).toEqual([]);
    const byName = (await list(`q=${encodeURIComponent(someone.slice(1).toUpperCase())}`)).json.documents;
    expect(byName.length).toBe(all.filter((d) => d.customerName === someone).length);
    // `%` and `_` are searched as typed, not as wildcards.
    expect((await list("q=%25")).json.documents).toEqual([]);
    expect((await list("q=_")).json.documents).toEqual([]);
    for (const query of ["limit=1.5", "limit=-1", "limit=0", "limit=501", "limit=abc", "status=lost"]) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.json.code).toBe("BAD_REQUEST");
    }
    expect((await list(`q=${"y".repeat(101)}`)).status).toBe(400);
    expect((await list("limit=2")).json.documents).toHaveLength(2);
    expect((await api(browser, "GET", `/api/connections/${id}/preview?limit=1.5`)).status).toBe(400);
    for (const name of ["valueOf", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const action = await api(browser, "POST", `/api/connections/${id}/${name}`, undefined, csrf);
      expect(action.status, name).toBe(404);
      expect((await api(browser, "GET", `/api/connections/${id}/lookups/${name}`)).status, name).toBe(404);
    }
  });

  it("keeps each error's meaning across the connection's Durable Object", async () => {
    const { id, browser } = await ready();
    await sandbox.fault({ method: "POST", path: "teamleader/departments.list", kind: "500" });
    const upstream = await api(browser, "GET", `/api/connections/${id}/lookups/departments`);
    expect(upstream.status).toBe(502);
    expect(upstream.json.code).toBe("UPSTREAM_UNAVAILABLE");

    const unfinished = `u-${crypto.randomUUID()}`;
    const accountId = (await db().select().from(connections).where(eq(connections.id, id)).get())!.accountId;
    await db().insert(connections).values({ id: unfinished, accountId, webhookSecretHash: "h", status: "setup" });
    const early = await api(browser, "GET", `/api/connections/${unfinished}/lookups/tax-rates`);
    expect(early).toEqual({
      status: 409,
      json: { code: "CONFLICT", message: "Choose the Teamleader department first." },
    });

    await db().delete(oauthTokens).where(eq(oauthTokens.connectionId, id));
    const lost = await api(browser, "GET", `/api/connections/${id}/lookups/departments`);
    expect(lost.status).toBe(401);
    expect(lost.json.code).toBe("RECONSENT_REQUIRED");
    await db().delete(connections).where(eq(connections.id, unfinished));
  });

  it("starts a run on resume, as the page's button does, and refuses sync on a paused connection", async () => {
    const { id, browser, csrf } = await ready();
    const runs = async () =>
      (await db().select().from(syncRuns).where(eq(syncRuns.connectionId, id)).all()).filter(
        (r) => r.trigger === "manual",
      ).length;
    const before = await runs();
    await api(browser, "POST", `/api/connections/${id}/pause`, undefined, csrf);
    const paused = await api(browser, "POST", `/api/connections/${id}/sync`, undefined, csrf);
    expect(paused.status).toBe(409);
    expect(paused.json.message).toBe("This connection is paused; resume or reconnect it first.");
    expect((await api(browser, "POST", `/api/connections/${id}/resume`, undefined, csrf)).status).toBe(202);
    await eventually(async () => expect(await runs()).toBe(before + 1));
  });

  it("runs actions with the CSRF token only, and only on the account's own connections", async () => {
    const { id, browser, csrf } = await ready();
    expect((await api(browser, "POST", `/api/connections/${id}/pause`)).status).toBe(403);
    expect((await api(browser, "POST", `/api/connections/${id}/pause`, undefined, csrf)).status).toBe(202);
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("paused");
    expect((await api(browser, "POST", `/api/connections/${id}/resume`, undefined, csrf)).status).toBe(202);
    expect((await api(browser, "POST", `/api/connections/${id}/explode`, undefined, csrf)).status).toBe(404);

    await db().insert(accounts).values({ id: "another-account" }).onConflictDoNothing();
    await db().insert(connections).values({
      id: "theirs",
      accountId: "another-account",
      webhookSecretHash: "s",
      status: "active",
      departmentId: "d2",
      departmentName: "D2",
    });
    for (const [method, path] of [
      ["GET", "/api/connections/theirs"],
      ["GET", "/api/connections/theirs/documents"],
      ["POST", "/api/connections/theirs/pause"],
      ["PUT", "/api/connections/theirs/options"],
    ] as const) {
      const response = await api(browser, method, path, method === "PUT" ? {} : undefined, csrf);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.json.code).toBe("NOT_FOUND");
    }
    expect((await db().select().from(connections).where(eq(connections.id, "theirs")).get())?.status).toBe("active");
    await db().update(connections).set({ status: "disconnected" }).where(eq(connections.id, "theirs"));
  });
});
