import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { accounts, connections, documentPairs, events, oauthTokens, syncRuns } from "../../src/db/schema";
import { createConnection, pairsOf, postWebhook } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { signedIn } from "../helpers/setup-flow";

const db = () => createDb(env.DB);
/** Table cells carry their column's name for phones; the assertions read the cells alone. */
const withoutLabels = (html: string) => html.replace(/ data-label="[^"]*"/g, "");

describe("dashboard", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  async function synced(mappings: "complete" | "without-8300" = "complete") {
    const conn = await createConnection({ mappings });
    await conn.stub.sync(conn.id, "manual");
    return { ...conn, browser: await signedIn() };
  }

  it("lists the account's connections and shows one with counts, documents and runs", async () => {
    const { id, browser } = await synced();
    expect(await (await browser.get("/connections")).text()).toContain(`href="/connections/${id}"`);
    const page = await (await browser.get(`/connections/${id}`)).text();
    const booked = (await pairsOf(id)).length;
    expect(page).toContain(`booked: ${booked}`);
    expect(page.match(/<tr class="doc-booked">/g)).toHaveLength(Math.min(50, booked));
    expect(withoutLabels(page)).toMatch(
      /You \(sync now, retry or a saved setting\)<\/td><td>succeeded<\/td><td>\d+ booked/,
    );
  });

  it("writes amounts, counts and dates the Dutch way on Dutch pages, credit notes negative", async () => {
    const { id, browser } = await synced();
    const page = withoutLabels(await (await browser.get(`/connections/${id}?lang=nl`)).text()).replace(/\u00a0/g, " ");
    const rows = [...page.matchAll(/<tr class="doc-\w+">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    const credit = rows.find((row) => row.includes("Creditnota"))!;
    expect(credit).toMatch(/<td class="amount">€ -\d{1,3}(\.\d{3})*,\d{2}<\/td>/);
    const invoice = rows.find((row) => !row.includes("Creditnota") && row.includes("€"))!;
    expect(invoice).toMatch(/<td class="amount">€ \d{1,3}(\.\d{3})*,\d{2}<\/td>/);
    // Dates as words, never ISO; times in Amsterdam.
    expect(rows.every((row) => !/\d{4}-\d{2}-\d{2}/.test(row))).toBe(true);
    expect(rows[0]).toMatch(/<td class="date">\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}<\/td>/);
    expect(page).not.toMatch(/EUR \d|T\d{2}:\d{2}:\d{2}|\d{2}:\d{2}:\d{2}/);
  });

  it("describes runs in plain words: a rate-limit pause is waiting, not failed; a running sync shows as such", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const at = (iso: string) => new Date(iso);
    await db()
      .insert(syncRuns)
      .values({
        connectionId: id,
        trigger: "cron",
        status: "succeeded",
        counts: { booked: 12, paidBack: 1, unchanged: 40 },
        startedAt: at("2026-11-30T05:00:00Z"),
        finishedAt: at("2026-11-30T05:01:00Z"),
      });
    const [limited] = await db()
      .insert(syncRuns)
      .values({
        connectionId: id,
        trigger: "webhook",
        status: "failed",
        error: "Exact Online rate limit reached; calls resume at 2026-11-30T05:31:00.000Z.",
        startedAt: at("2026-11-30T05:30:00Z"),
        finishedAt: at("2026-11-30T05:30:30Z"),
      })
      .returning();
    await db().insert(events).values({
      connectionId: id,
      runId: limited!.id,
      level: "warn",
      kind: "run.stopped",
      message: "Run paused: Exact Online rate limit reached. It continues automatically.",
    });
    await db()
      .insert(syncRuns)
      .values({ connectionId: id, trigger: "alarm", startedAt: at("2026-11-30T05:45:00Z") });

    const page = withoutLabels(await (await browser.get(`/connections/${id}?lang=nl`)).text());
    const runs = [...page.matchAll(/<tr class="run-[a-z]+">(?:(?!<\/tr>).)*/gs)].map((m) =>
      m[0].replace(/\u00a0/g, " "),
    );
    expect(runs).toHaveLength(3);
    expect(runs[0]).toContain("Vervolg van een eerdere synchronisatie</td><td>bezig</td>");
    expect(runs[1]).toContain('class="run-waiting"');
    expect(runs[1]).toContain(
      "Een wijziging in Teamleader</td><td>wacht (limiet of dienst onbereikbaar); gaat vanzelf verder",
    );
    expect(runs[1]).toContain("aanroepen gaan verder om 30 nov 2026, 06:31");
    expect(runs[1]).not.toContain("mislukt");
    expect(runs[2]).toContain("Planning (elk kwartier)</td><td>gelukt</td><td>12 geboekt, 1 betaald teruggemeld</td>");
    expect(page).toContain("<th>Aanleiding</th>");
    // The last sync is the last finished run (the waiting one), and the next is the one running now.
    expect(page).toMatch(/<td id="last-sync">30 nov 2026, 06:30<\/td>/);
    expect(page).toMatch(/<td id="next-sync">nu bezig \(gestart 30 nov 2026, 06:45\)<\/td>/);
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  });

  it("filters documents by status and searches by number or customer", async () => {
    const { id, browser } = await synced("without-8300");
    const failed = await (await browser.get(`/connections/${id}?status=failed`)).text();
    expect(failed).toContain('class="doc-failed"');
    expect(failed).not.toContain('class="doc-booked"');
    const search = await (await browser.get(`/connections/${id}?q=${encodeURIComponent("'t Hoekje")}`)).text();
    const rows = [...search.matchAll(/<tr class="doc-\w+">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((row) => row.includes("Brouwerij &#39;t Hoekje BV") || row.includes("Brouwerij 't Hoekje BV")),
    ).toBe(true);
  });

  it("shows a foreign-currency document's exchange rate and its total in the administration's currency", async () => {
    const { id, browser } = await synced();
    const usdIds = new Set(
      (await sandbox.state("tl.documents")).filter((d) => d.currency === "USD").map((d) => d.id as string),
    );
    const pair = (await pairsOf(id)).find((p) => usdIds.has(p.tlId))!;
    const page = await (await browser.get(`/connections/${id}/documents/${pair.id}`)).text();
    const total = /Exact entry total: US\$([\d.,]+)/.exec(page)![1]!;
    const usd = Number(total.replace(/,/g, ""));
    const eur = (Math.round(usd * 0.9223 * 100) / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 });
    expect(page).toContain(
      `Teamleader&#39;s exchange rate: 1 USD = 0.9223 EUR · rate in Exact: 0.9223 · total in the administration&#39;s currency: €${eur}`,
    );
  });

  it("shows a document's explanation and history, and exports the event log as CSV", async () => {
    const { id, browser } = await synced("without-8300");
    const failed = (await pairsOf(id)).find((p) => p.status === "failed")!;
    const detail = await (await browser.get(`/connections/${id}/documents/${failed.id}`)).text();
    expect(detail).toContain("Ledger account 8300 (product category &quot;Licenties&quot;) has no Exact GL account.");
    expect(detail).toMatch(/was not booked: Ledger account 8300/);
    expect(detail).toContain("The sales entry, as built from Teamleader&#39;s current data");
    // Name the documents meant: a booked invoice and a booked credit note, each with both totals alike.
    const pairs = await pairsOf(id);
    for (const [kind, sign] of [
      ["invoice", ""],
      ["creditNote", "-"],
    ] as const) {
      const booked = pairs.find((p) => p.status === "booked" && p.tlType === kind)!;
      const bookedDetail = await (await browser.get(`/connections/${id}/documents/${booked.id}`)).text();
      const amount = Math.abs(booked.totalIncl!).toLocaleString("en-GB", { minimumFractionDigits: 2 });
      const total = `${sign}${booked.currency === "EUR" ? "€" : "US$"}${amount}`;
      expect(bookedDetail).toContain(`Teamleader total: ${total} · Exact entry total: ${total}`);
      expect(bookedDetail).toMatch(
        /<table class="vat-summary" id="vat-summary">[\s\S]*?<td>\S+<\/td><td class="amount">-?[\d,]+\.\d{2}<\/td>/,
      );
      expect(bookedDetail).not.toMatch(/-€0\.00|-0\.00/);
    }
    const csv = await browser.get(`/connections/${id}/events.csv`);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("time,level,kind,message,document");
    expect(text).toContain("document.failed");
  });

  it("pauses and resumes; a paused connection does not book webhooks", async () => {
    const { id, browser, secret } = await synced();
    const csrf = await browser.csrf(`/connections/${id}`);
    await browser.post(`/connections/${id}/pause`, { _csrf: csrf });
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("paused");
    const hook = await postWebhook(`http://connector.test/webhooks/teamleader/${id}/${secret}`, {
      subject: { type: "invoice", id: "x" },
    });
    expect(await hook.json()).toEqual({ accepted: false, reason: "connection is paused" });
    await browser.post(`/connections/${id}/resume`, { _csrf: csrf });
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("active");
  });

  it("retry puts failed documents through a run again; with the mapping still missing they fail again, and nothing is posted", async () => {
    const { id, browser } = await synced("without-8300");
    expect((await pairsOf(id)).some((p) => p.status === "failed")).toBe(true);
    await sandbox.clearCalls();
    const response = await browser.post(`/connections/${id}/retry`, {
      _csrf: await browser.csrf(`/connections/${id}`),
    });
    expect(response.headers.get("Location")).toBe(`/connections/${id}?notice=queued`);
    // Still unmapped: they fail again with the same explanation, nothing is posted for them.
    const { eventually } = await import("../helpers/connection");
    await eventually(async () => expect((await pairsOf(id)).filter((p) => p.status === "pending")).toEqual([]));
    expect(
      (await pairsOf(id)).filter((p) => p.status === "failed").every((p) => p.errorCode === "MAPPING_MISSING"),
    ).toBe(true);
    // The run did look at them (Teamleader .info calls) but sent nothing to Exact.
    const calls = await sandbox.calls();
    expect(calls["teamleader invoices.info"]).toBeGreaterThan(0);
    expect(calls["exact POST salesentry/SalesEntries"]).toBeUndefined();
  });

  it("asks before disconnecting, on its own page that says entries in Exact stay; without the confirmation nothing changes", async () => {
    const { id, browser } = await synced();
    const page = await (await browser.get(`/connections/${id}?lang=nl`)).text();
    expect(page).toContain(`<a href="/connections/${id}/disconnect" id="disconnect">`);
    expect(page).not.toMatch(/<form[^>]*action="[^"]*\/disconnect"/);
    const confirm = await (await browser.get(`/connections/${id}/disconnect`)).text();
    expect(confirm).toContain("Verkoopboekingen die al in Exact staan, blijven daar ongewijzigd staan.");
    expect(confirm).toContain('<input type="hidden" name="confirm" value="yes"/>');
    expect(confirm).toContain(`<a href="/connections/${id}">Nee, terug</a>`);
    const unconfirmed = await browser.post(`/connections/${id}/disconnect`, {
      _csrf: await browser.csrf(`/connections/${id}`),
    });
    expect(unconfirmed.status).toBe(400);
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("active");
    expect(await sandbox.state("tl.webhooks")).toHaveLength(1);
  });

  it("disconnects: webhooks unregistered, tokens deleted; the connection stays visible read-only with its documents and history", async () => {
    const { id, browser } = await synced();
    const csrf = await browser.csrf(`/connections/${id}`);
    const response = await browser.post(`/connections/${id}/disconnect`, { _csrf: csrf, confirm: "yes" });
    expect(response.headers.get("Location")).toBe(`/connections/${id}?notice=disconnected`);
    expect(await sandbox.state("tl.webhooks")).toEqual([]);
    expect(await db().select().from(oauthTokens).where(eq(oauthTokens.connectionId, id)).all()).toEqual([]);
    const pairs = await pairsOf(id);
    expect(pairs.length).toBeGreaterThan(0);

    const page = await (await browser.get(`/connections/${id}?notice=disconnected`)).text();
    expect(page).toContain("Entries already in Exact stay there");
    expect(page).toContain('<a href="/install">Install this department again</a>');
    expect(page.match(/<tr class="doc-booked">/g)!.length).toBeGreaterThan(0);
    expect(page).not.toMatch(/<form method="post" action="\/connections\//);
    expect(page).not.toContain("/setup/");
    const list = await (await browser.get("/connections")).text();
    expect(list).toMatch(new RegExp(`<section id="disconnected">[\\s\\S]*href="/connections/${id}"`));
    const detail = await browser.get(`/connections/${id}/documents/${pairs[0]!.id}`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain("History");
    expect((await browser.get(`/connections/${id}/events.csv`)).status).toBe(200);

    // Every write is refused and changes nothing.
    for (const path of ["sync", "retry", "pause", "resume", "disconnect", "activate", "setup/options"]) {
      const refused = await browser.post(`/connections/${id}/${path}`, { _csrf: csrf, confirm: "yes" });
      expect(refused.status, path).toBe(409);
    }
    expect((await browser.get(`/connections/${id}/setup/vat`)).status).toBe(409);
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("disconnected");
  });

  it("keeps other accounts' connections and documents out of reach (404)", async () => {
    const { id, browser } = await synced();
    await db().insert(accounts).values({ id: "someone-else" }).onConflictDoNothing();
    await db().insert(connections).values({
      id: "foreign",
      accountId: "someone-else",
      webhookSecretHash: "s",
      status: "active",
      departmentId: "x",
      departmentName: "X",
    });
    const [pair] = await db()
      .insert(documentPairs)
      .values({ connectionId: "foreign", tlType: "invoice", tlId: "f1", tlNumber: "F 1" })
      .returning();
    for (const path of [
      "/connections/foreign",
      "/connections/foreign/events.csv",
      `/connections/foreign/documents/${pair!.id}`,
      `/connections/${id}/documents/${pair!.id}`,
    ]) {
      expect((await browser.get(path)).status, path).toBe(404);
    }
    const csrf = await browser.csrf(`/connections/${id}`);
    expect((await browser.post("/connections/foreign/pause", { _csrf: csrf })).status).toBe(404);
    expect((await db().select().from(connections).where(eq(connections.id, "foreign")).get())?.status).toBe("active");
    await db().update(connections).set({ status: "disconnected" }).where(eq(connections.id, "foreign"));
  });
});

describe("dashboard in Dutch", () => {
  it("explains a failed document in Dutch to a Dutch browser", async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
    const conn = await createConnection({ mappings: "without-8300" });
    await conn.stub.sync(conn.id, "manual");
    const { TestBrowser } = await import("../helpers/browser");
    const browser = new TestBrowser({ "Accept-Language": "nl-NL,nl;q=0.9" });
    const start = await browser.get("/install");
    await browser.authorize(start.headers.get("Location")!);
    const failed = (await pairsOf(conn.id)).find((p) => p.status === "failed")!;
    const page = await (await browser.get(`/connections/${conn.id}/documents/${failed.id}`)).text();
    expect(page).toContain(
      "Grootboeknummer 8300 (productcategorie &quot;Licenties&quot;) heeft geen Exact-grootboekrekening. Kies er een op de pagina Grootboekkoppeling.",
    );
    expect(page).toContain("is niet geboekt: Grootboeknummer 8300");
    expect(page).toContain("mislukt");
  });
});
