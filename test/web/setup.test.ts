import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { accounts, connections, oauthTokens } from "../../src/db/schema";
import { TestBrowser } from "../helpers/browser";
import { sandbox } from "../helpers/sandbox";
import { signedIn } from "../helpers/setup-flow";

const db = () => createDb(env.DB);

/** Signs in through Teamleader; returns the browser and the new connection's setup URL. */
async function install(browser = new TestBrowser()) {
  const start = await browser.get("/install");
  expect(start.status).toBe(302);
  const back = await browser.authorize(start.headers.get("Location")!);
  expect(back.status).toBe(302);
  return { browser, next: back.headers.get("Location")! };
}

async function choose(browser: TestBrowser, url: string, field: string, pick: (html: string) => string) {
  const html = await (await browser.get(url)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  return browser.post(url, { [field]: pick(html), _csrf: csrf });
}

const optionWith = (label: string) => (html: string) => new RegExp(`value="([^"]+)"[^>]*/?> ${label}`).exec(html)![1]!;

describe("install and setup flow", () => {
  beforeEach(async () => {
    await sandbox.reset();
    await db().update(connections).set({ status: "disconnected" });
  });

  it("frames the wizard: step n of 8, a way back, who is signed in, their connections; no department chosen for them", async () => {
    const { browser, next } = await install();
    const id = next.split("/")[2]!;
    const department = (await (await browser.get(`${next}?lang=nl`)).text()).replace(/\u00a0/g, " ");
    expect(department).toContain('<span id="step">Stap 1 van 8</span>');
    expect(department).not.toContain('id="back"');
    expect(department).not.toMatch(/<input type="radio"[^>]*checked/);
    expect(department).toContain('<a href="/connections">Uw koppelingen</a>');
    expect(department).toContain("Aangemeld als Eva Jansen");
    await choose(browser, next, "departmentId", optionWith("Noordlicht Studio BV"));
    const region = await (await browser.get(`/connections/${id}/setup/exact`)).text();
    expect(region).toContain('<span id="step">Stap 2 van 8</span>');
    expect(region).toContain(`<a href="/connections/${id}/setup/department" id="back">← Terug</a>`);
    // An unchosen department is a clear 400 and changes nothing.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(department)![1]!;
    expect((await browser.post(next, { _csrf: csrf })).status).toBe(400);
  });

  it("goes from /install through both consents to a connection with department, division and journal", async () => {
    const { browser, next } = await install();
    expect(next).toMatch(/^\/connections\/[\w-]+\/setup\/department$/);
    const session = browser.cookies.get("tle_session");
    expect(session).toBeTruthy();

    const department = await choose(browser, next, "departmentId", optionWith("Noordlicht Studio BV"));
    expect(department.status).toBe(303);
    const id = next.split("/")[2]!;
    expect(department.headers.get("Location")).toBe(`/connections/${id}/setup/exact`);

    const region = await choose(browser, `/connections/${id}/setup/exact`, "region", () => "nl");
    const authorize = new URL(region.headers.get("Location")!);
    expect(authorize.pathname).toBe("/exact/api/oauth2/auth");
    const exactBack = await browser.authorize(authorize.toString());
    expect(exactBack.headers.get("Location")).toBe(`/connections/${id}/setup/division`);

    const divisionPage = await (await browser.get(`/connections/${id}/setup/division`)).text();
    expect(divisionPage).toContain("Noordlicht Studio België BV (100002, BE)");
    const division = await choose(browser, `/connections/${id}/setup/division`, "division", () => "100001");
    expect(division.headers.get("Location")).toBe(`/connections/${id}/setup/journal`);

    const journalPage = await (await browser.get(`/connections/${id}/setup/journal`)).text();
    expect(journalPage).toContain("70 — Verkoopboek<");
    // Journal 71 does not allow variable currency: it says which currency it takes.
    expect(journalPage).toContain("71 — Verkoopboek USD (only USD)");
    expect(journalPage).not.toContain("Inkoopboek");
    await choose(browser, `/connections/${id}/setup/journal`, "journal", () => "70");

    const row = await db().select().from(connections).where(eq(connections.id, id)).get();
    expect(row).toMatchObject({
      departmentName: "Noordlicht Studio BV",
      exactRegion: "nl",
      exactDivision: 100001,
      exactDivisionName: "Noordlicht Studio BV",
      salesJournal: "70",
      status: "setup",
    });
    const tokens = await db().select().from(oauthTokens).where(eq(oauthTokens.connectionId, id)).all();
    expect(tokens.map((t) => t.provider).sort()).toEqual(["exact", "teamleader"]);
  });

  it("sets a session cookie that is HttpOnly, SameSite=Lax and expiring", async () => {
    const browser = new TestBrowser();
    const start = await browser.get("/install");
    const back = await (async () => {
      const { consent } = await import("../helpers/sandbox");
      const url = await consent(start.headers.get("Location")!);
      return browser.get(url.pathname + url.search);
    })();
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith("tle_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=28800/);
  });

  it("says so clearly when the user denies access, and when the state does not match", async () => {
    const browser = new TestBrowser();
    const start = await browser.get("/install");
    const denied = await browser.authorize(start.headers.get("Location")!, "deny");
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain("You did not allow access, so nothing was connected.");

    const forged = await new TestBrowser().get("/oauth/teamleader/callback?code=x&state=y");
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("This sign-in was not started here or has expired");
  });

  it("opens the existing connection when its department is chosen again", async () => {
    const first = await install();
    await choose(first.browser, first.next, "departmentId", optionWith("Noordlicht Studio BV"));
    const firstId = first.next.split("/")[2];
    const second = await install(first.browser);
    const again = await choose(second.browser, second.next, "departmentId", optionWith("Noordlicht Studio BV"));
    expect(again.headers.get("Location")).toBe(`/connections/${firstId}?notice=already`);
    expect(await (await second.browser.get(again.headers.get("Location")!)).text()).toContain(
      "This department already has a connection",
    );
    const secondId = second.next.split("/")[2]!;
    expect(await db().select().from(connections).where(eq(connections.id, secondId)).get()).toBeUndefined();
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const { browser, next } = await install();
    const csrf = await browser.csrf(next);
    const unknown = await browser.post(next, { departmentId: "not-a-department", _csrf: csrf });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Department not-a-department is not available. Pick one from the list.");
    const id = next.split("/")[2]!;
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.departmentId).toBeNull();
    const badRegion = await browser.post(`/connections/${id}/setup/exact`, { region: "mars", _csrf: csrf });
    expect(badRegion.status).toBe(400);
  });
});

describe("signing in", () => {
  beforeEach(async () => {
    await sandbox.reset();
    await db().update(connections).set({ status: "disconnected" });
  });

  const rows = async () => (await db().select().from(connections).all()).filter((r) => r.status !== "disconnected");

  it("a returning user signs in and lands where they were going, without starting a connection", async () => {
    const browser = new TestBrowser();
    const gate = await browser.get("/connections");
    expect(gate.headers.get("Location")).toBe("/install?next=%2Fconnections");
    const start = await browser.get(gate.headers.get("Location")!);
    const back = await browser.authorize(start.headers.get("Location")!);
    expect(back.headers.get("Location")).toBe("/connections");
    expect((await browser.get("/connections")).status).toBe(200);
    expect(await rows()).toEqual([]);
  });

  it("installing twice before choosing a department continues the same unfinished connection", async () => {
    const first = await install();
    const second = await install(first.browser);
    expect(second.next).toBe(first.next);
    expect(await rows()).toHaveLength(1);
  });

  it("ignores a next address outside /connections", async () => {
    const browser = new TestBrowser();
    const start = await browser.get("/install?next=%2F%2Fevil.example%2Fsteal");
    const back = await browser.authorize(start.headers.get("Location")!);
    expect(back.headers.get("Location")).toMatch(/^\/connections\/[\w-]+\/setup\/department$/);
  });
});

describe("setup security", () => {
  beforeEach(async () => {
    await sandbox.reset();
    await db().update(connections).set({ status: "disconnected" });
  });

  it("rejects a POST without the CSRF token", async () => {
    const { browser, next } = await install();
    const response = await browser.post(next, { departmentId: "x" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This form has expired or did not come from this site.");
  });

  it("answers 404 for another account's connection, and sends strangers to /install", async () => {
    await db().insert(accounts).values({ id: "other-account" }).onConflictDoNothing();
    await db()
      .insert(connections)
      .values({ id: "other-connection", accountId: "other-account", webhookSecretHash: "s", status: "setup" });
    const { browser } = await install();
    for (const path of [
      "/connections/other-connection",
      "/connections/other-connection/setup/department",
      "/connections/other-connection/setup/journal",
    ]) {
      expect((await browser.get(path)).status).toBe(404);
    }
    const stranger = await new TestBrowser().get("/connections/other-connection");
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get("Location")).toBe("/install?next=%2Fconnections%2Fother-connection");
  });

  it("puts security headers on every page", async () => {
    const response = await new TestBrowser().get("/");
    expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
  });

  it("signs out with a POST carrying the CSRF token; the pages then ask to sign in again", async () => {
    const browser = await signedIn();
    const page = await (await browser.get("/connections")).text();
    expect(page).toContain('action="/signout"');
    expect((await browser.post("/signout", {})).status).toBe(403);
    const out = await browser.post("/signout", { _csrf: await browser.csrf("/connections") });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/?notice=signed-out");
    expect(browser.cookies.has("tle_session")).toBe(false);
    expect((await browser.get("/connections")).headers.get("Location")).toBe("/install?next=%2Fconnections");
  });

  it("asks browsers to keep to https once they came over https (HSTS), and not over http", async () => {
    const secure = await exports.default.fetch(new Request("https://connector.test/health"));
    expect(secure.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
    expect((await new TestBrowser().get("/health")).headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("speaks Dutch to Dutch and Belgian browsers, with a switch", async () => {
    const { next } = await install(new TestBrowser({ "Accept-Language": "nl-BE,nl;q=0.9" }));
    expect(next).toContain("/setup/department");
    const browser = new TestBrowser({ "Accept-Language": "nl-BE,nl;q=0.9" });
    const started = await install(browser);
    const page = await (await browser.get(started.next)).text();
    expect(page).toContain("Welke Teamleader-afdeling moet geboekt worden?");
    expect(page).toContain('hreflang="en"');
    const english = await (await browser.get(`${started.next}?lang=en`)).text();
    expect(english).toContain("Which Teamleader department should be booked?");
  });
});
