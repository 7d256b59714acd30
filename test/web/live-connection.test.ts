import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { connections, glMappings, oauthTokens, syncRuns, vatMappings } from "../../src/db/schema";
import { createConnection, eventually } from "../helpers/connection";
import { consent, sandbox } from "../helpers/sandbox";
import { signedIn, submitAsShown } from "../helpers/setup-flow";

const db = () => createDb(env.DB);
const row = async (id: string) => (await db().select().from(connections).where(eq(connections.id, id)).get())!;
const tokens = (id: string) => db().select().from(oauthTokens).where(eq(oauthTokens.connectionId, id)).all();

describe("setup steps on a live connection", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  it("keeps the department fixed: another department is a 409 and the tokens stay", async () => {
    const other = await createConnection({ department: 1, historicalExport: "none" });
    const live = await createConnection({ department: 0, historicalExport: "none" });
    const browser = await signedIn();
    const before = await tokens(live.id);
    const response = await browser.post(`/connections/${live.id}/setup/department`, {
      departmentId: other.department.id,
      _csrf: await browser.csrf(`/connections/${live.id}`),
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("The department of a live connection cannot change.");
    expect(await tokens(live.id)).toEqual(before);
    expect(await row(live.id)).toMatchObject({ status: "active", departmentId: live.department.id });
  });

  it("another administration pauses it, asks for the mappings again, and resumes only after they are saved", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const csrf = await browser.csrf(`/connections/${id}`);
    const moved = await browser.post(`/connections/${id}/setup/division`, { division: "100002", _csrf: csrf });
    expect(moved.headers.get("Location")).toBe(`/connections/${id}/setup/journal`);
    expect(await row(id)).toMatchObject({ status: "paused", exactDivision: 100002, salesJournal: null });
    expect((await row(id)).mappingsReview).toMatch(/The Exact administration changed to .* \(100002\)/);
    expect(await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all()).toEqual([]);
    const vat = await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all();
    expect(vat.every((m) => !m.confirmed)).toBe(true);

    const resume = await browser.post(`/connections/${id}/resume`, { _csrf: csrf });
    expect(resume.status).toBe(409);
    expect((await row(id)).status).toBe("paused");

    const journal = await browser.post(`/connections/${id}/setup/journal`, { journal: "70", _csrf: csrf });
    expect(journal.headers.get("Location")).toBe(`/connections/${id}/setup/vat`);
    const vatSaved = await submitAsShown(browser, `/connections/${id}/setup/vat`);
    expect(vatSaved.headers.get("Location")).toBe(`/connections/${id}/setup/ledger`);
    const ledgerSaved = await submitAsShown(browser, `/connections/${id}/setup/ledger`);
    expect(ledgerSaved.headers.get("Location")).toBe(`/connections/${id}?notice=reviewed`);
    expect((await row(id)).mappingsReview).toBeNull();
    expect((await browser.post(`/connections/${id}/resume`, { _csrf: csrf })).status).toBe(303);
    expect((await row(id)).status).toBe("active");
  });

  it("another journal pauses it and keeps the ledger mapping", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const mapped = await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all();
    const browser = await signedIn();
    const response = await browser.post(`/connections/${id}/setup/journal`, {
      journal: "71",
      _csrf: await browser.csrf(`/connections/${id}`),
    });
    expect(response.headers.get("Location")).toBe(`/connections/${id}/setup/vat`);
    expect(await row(id)).toMatchObject({ status: "paused", salesJournal: "71" });
    expect(await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all()).toEqual(mapped);
  });
});

describe("settings on a live connection", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });
  const runsOf = (id: string) => db().select().from(syncRuns).where(eq(syncRuns.connectionId, id)).all();

  it("saving a mapping goes back to the connection with a clear 'Saved' and the run it started", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const before = (await runsOf(id)).length;
    for (const step of ["vat", "ledger"]) {
      const saved = await submitAsShown(browser, `/connections/${id}/setup/${step}`);
      expect(saved.headers.get("Location"), step).toBe(`/connections/${id}?notice=savedSyncing`);
    }
    const page = await (await browser.get(`/connections/${id}?notice=savedSyncing&lang=nl`)).text();
    expect(page).toContain("Opgeslagen. Er is een synchronisatie met de nieuwe instellingen gestart");
    await eventually(async () => expect((await runsOf(id)).length).toBeGreaterThan(before));
    expect((await runsOf(id)).at(-1)?.trigger).toBe("manual");
    expect((await row(id)).status).toBe("active");
  });

  it("options stay on the connection: no historical export choice, no preview with 'Activate'", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const form = await (await browser.get(`/connections/${id}/setup/options`)).text();
    expect(form).not.toContain('name="historicalExport"');
    const saved = await browser.post(`/connections/${id}/setup/options`, {
      _csrf: await browser.csrf(`/connections/${id}/setup/options`),
      descriptionTemplate: "{number} — {customer}",
      syncCreditNotes: "on",
    });
    expect(saved.headers.get("Location")).toBe(`/connections/${id}?notice=savedSyncing`);
    expect((await row(id)).options).toMatchObject({ descriptionTemplate: "{number} — {customer}" });
    const preview = await (await browser.get(`/connections/${id}/setup/preview?lang=nl`)).text();
    expect(preview).not.toContain("Activeren");
    expect(preview).not.toContain("Er is nog niets in Exact geschreven");
    expect(preview).toContain("boekingen die al in Exact staan, blijven zoals ze zijn");
    const bad = await browser.post(`/connections/${id}/setup/options`, {
      _csrf: await browser.csrf(`/connections/${id}/setup/options`),
      descriptionTemplate: "",
    });
    expect(bad.status).toBe(400);
    expect((await row(id)).options).toMatchObject({ descriptionTemplate: "{number} — {customer}" });
  });
});

describe("OAuth callbacks", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  it("refuse a connection that was disconnected while the consent page was open", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const csrf = await browser.csrf(`/connections/${id}`);
    const region = await browser.post(`/connections/${id}/setup/exact`, { region: "nl", _csrf: csrf });
    const back = await consent(region.headers.get("Location")!);
    await browser.post(`/connections/${id}/disconnect`, { _csrf: csrf, confirm: "yes" });
    const callback = await browser.get(back.pathname + back.search);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain("This connection was disconnected while you were signing in");
    expect(await tokens(id)).toEqual([]);
    expect((await row(id)).status).toBe("disconnected");
  });

  it("accept each state once, even when the browser sends its cookie again", async () => {
    const { id } = await createConnection({ historicalExport: "none" });
    const browser = await signedIn();
    const region = await browser.post(`/connections/${id}/setup/exact`, {
      region: "nl",
      _csrf: await browser.csrf(`/connections/${id}`),
    });
    const flowCookie = browser.cookies.get("tle_oauth")!;
    const back = await consent(region.headers.get("Location")!);
    const first = await browser.get(back.pathname + back.search);
    expect(first.status).toBe(302);
    const sealed = (await tokens(id)).find((t) => t.provider === "exact")!.sealed;
    browser.cookies.set("tle_oauth", flowCookie);
    const replay = await browser.get(back.pathname + back.search);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("This sign-in was not started here or has expired");
    expect((await tokens(id)).find((t) => t.provider === "exact")!.sealed).toBe(sealed);
  });
});
