import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { connections, oauthTokens } from "../../src/db/schema";
import { createConnection, eventually, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { signedIn, submitAsShown } from "../helpers/setup-flow";

const db = () => createDb(env.DB);

describe("reconnecting and live settings", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", true);
    await db().update(connections).set({ status: "disconnected" });
  });

  async function lostConsent(system: "Exact Online" | "Teamleader") {
    const conn = await createConnection({ historicalExport: "none" });
    await db()
      .update(connections)
      .set({ status: "needs_reconsent", statusReason: `${system}: Old refresh token used. Reconnect ${system}.` })
      .where(eq(connections.id, conn.id));
    const browser = await signedIn();
    const page = await (await browser.get(`/connections/${conn.id}`)).text();
    expect(page).toContain("Reconnect Teamleader");
    expect(page).toContain("Reconnect Exact Online");
    const before = await db().select().from(oauthTokens).where(eq(oauthTokens.connectionId, conn.id)).all();
    return { ...conn, browser, before };
  }

  it("Exact Online: consent again, new tokens, back to active", async () => {
    const { id, browser, before } = await lostConsent("Exact Online");
    const region = await browser.post(`/connections/${id}/setup/exact`, {
      region: "nl",
      _csrf: await browser.csrf(`/connections/${id}/setup/exact`),
    });
    const back = await browser.authorize(region.headers.get("Location")!);
    expect(back.headers.get("Location")).toBe(`/connections/${id}?notice=reconnected`);
    expect(await db().select().from(connections).where(eq(connections.id, id)).get()).toMatchObject({
      status: "active",
      statusReason: null,
      exactDivision: 100001,
    });
    const after = await db().select().from(oauthTokens).where(eq(oauthTokens.connectionId, id)).all();
    expect(after.find((t) => t.provider === "exact")!.sealed).not.toBe(
      before.find((t) => t.provider === "exact")!.sealed,
    );
  });

  it("Teamleader: consent again on the same connection, back to active", async () => {
    const { id, browser } = await lostConsent("Teamleader");
    const start = await browser.get(`/connections/${id}/reconnect/teamleader`);
    const back = await browser.authorize(start.headers.get("Location")!);
    expect(back.headers.get("Location")).toBe(`/connections/${id}?notice=reconnected`);
    expect((await db().select().from(connections).where(eq(connections.id, id)).get())?.status).toBe("active");
    expect(await (await browser.get(`/connections/${id}?notice=reconnected`)).text()).toContain(
      "Connected again; syncing resumes.",
    );
  });

  it("shows Exact's call budget left today and the next sync", async () => {
    const { id, stub } = await createConnection({ historicalExport: "month" });
    await stub.sync(id, "manual");
    const browser = await signedIn();
    const page = await (await browser.get(`/connections/${id}`)).text();
    // Thousands separated: "4,924" on an English page, "4.924" on a Dutch one.
    const shown = /<td id="budget">(\d,\d{3})<\/td>/.exec(page)?.[1];
    const budget = Number(shown?.replace(",", ""));
    expect(budget).toBeGreaterThan(4000);
    expect(budget).toBeLessThan(5000);
    expect(page).toContain("Next sync");
    const dutch = await (await browser.get(`/connections/${id}?lang=nl`)).text();
    expect(dutch).toContain(`<td id="budget">${shown!.replace(",", ".")}</td>`);
  });

  it("books the documents a mapping blocked as soon as the mapping is saved", async () => {
    await sandbox.reset("demo", false);
    const { id, stub } = await createConnection({ mappings: "without-8300" });
    await stub.sync(id, "manual");
    expect((await pairsOf(id)).some((p) => p.status === "failed")).toBe(true);
    const browser = await signedIn();
    const gl8900 = /<option value="([^"]+)"[^>]*>8900 — /.exec(
      await (await browser.get(`/connections/${id}/setup/ledger`)).text(),
    )![1]!;
    await submitAsShown(browser, `/connections/${id}/setup/ledger`, (fields) => {
      fields["gl.8300"] = gl8900;
    });
    await eventually(async () => expect((await pairsOf(id)).filter((p) => p.status !== "booked")).toEqual([]));
  });
});

describe("historical export progress", () => {
  it("counts the documents at activation and shows done / total with the time left", async () => {
    await sandbox.reset("demo", true);
    await db().update(connections).set({ status: "disconnected" });
    const { id, stub, department } = await createConnection({ historicalExport: "everything" });
    const { bookableDocuments } = await import("../helpers/connection");
    const total = (await bookableDocuments(department.id)).length;
    await stub.sync(id, "manual", { budgetMs: 1 });
    const page = await (await (await signedIn()).get(`/connections/${id}`)).text();
    const progress = /<progress value="(\d+)" max="(\d+)"><\/progress> ([\d,]+) of ([\d,]+)/.exec(page);
    expect(progress?.[4]).toBe(total.toLocaleString("en-GB"));
    expect(Number(progress?.[2])).toBe(total);
    expect(Number(progress?.[1])).toBeGreaterThan(0);
    expect(Number(progress?.[1])).toBeLessThan(total);
    // The expected end counts Exact's daily limit: the export keeps 10 % of it for live work.
    expect(page).toMatch(
      /about \d+ (min|hours|days) left at Exact(&#39;|')s limits \(the export uses 4,500 of the 5,000/,
    );
  });
});
