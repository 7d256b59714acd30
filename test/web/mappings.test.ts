import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { connections, glMappings, vatMappings } from "../../src/db/schema";
import { eventually, exactEntries } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { setUpToMappings, submitAsShown } from "../helpers/setup-flow";

const db = () => createDb(env.DB);

describe("mappings, options, preview and activation", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  it("suggests a VAT code for every tax rate, marked as a suggestion until saved", async () => {
    const { browser, id } = await setUpToMappings();
    const html = await (await browser.get(`/connections/${id}/setup/vat`)).text();
    expect(html.match(/class="muted suggestion"/g)).toHaveLength(6);
    expect(html).toMatch(/0% btw verlegd \(0%\)[\s\S]*?<option value="3" selected=""/);
    expect(html).toMatch(/0% export buiten de EU \(0%\)[\s\S]*?<option value="5" selected=""/);
    expect(html).not.toContain("inkoop");

    const saved = await submitAsShown(browser, `/connections/${id}/setup/vat`);
    expect(saved.headers.get("Location")).toBe(`/connections/${id}/setup/ledger`);
    const rows = await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all();
    expect(rows.map((r) => r.exactVatCode).sort()).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(rows.every((r) => r.confirmed)).toBe(true);
    expect(
      (await (await browser.get(`/connections/${id}/setup/vat`)).text()).match(/class="muted suggestion"/g),
    ).toBeNull();
  });

  it("refuses a VAT code that does not exist in the administration, and saves nothing", async () => {
    const { browser, id } = await setUpToMappings();
    const response = await submitAsShown(browser, `/connections/${id}/setup/vat`, (fields) => {
      const key = Object.keys(fields).find((k) => k.startsWith("vat."))!;
      fields[key] = "99";
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /: Exact VAT code 99 does not exist in this Exact administration. Pick one from the list./,
    );
    expect(await db().select().from(vatMappings).where(eq(vatMappings.connectionId, id)).all()).toEqual([]);
  });

  it("pre-fills ledger numbers whose code exists in Exact, previews the entries and shows what blocks them", async () => {
    const { browser, id } = await setUpToMappings();
    await submitAsShown(browser, `/connections/${id}/setup/vat`);
    const ledgerHtml = await (await browser.get(`/connections/${id}/setup/ledger`)).text();
    expect(ledgerHtml).toMatch(/8100 \(Ontwerp\)[\s\S]*?selected="">8100 — Omzet ontwerp/);
    // 8300 has no Exact account with that code: left for the user; so is the default account.
    await submitAsShown(browser, `/connections/${id}/setup/ledger`);
    const options = await browser.post(`/connections/${id}/setup/options`, {
      _csrf: await browser.csrf(`/connections/${id}/setup/options`),
      syncCreditNotes: "on",
      descriptionTemplate: "{number} {customer}",
      historicalExport: "everything",
    });
    expect(options.headers.get("Location")).toBe(`/connections/${id}/setup/preview`);

    const preview = await (await browser.get(`/connections/${id}/setup/preview`)).text();
    expect(preview.match(/class="card preview-document"/g)).toHaveLength(5);
    expect(preview).toContain("Lines without a product category need a default revenue GL account.");
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBeUndefined();
  });

  it("activates after the mappings are complete: webhooks registered, first run books the documents", async () => {
    const { browser, id } = await setUpToMappings();
    await submitAsShown(browser, `/connections/${id}/setup/vat`);
    const gl8900 = /<option value="([^"]+)"[^>]*>8900 — /.exec(
      await (await browser.get(`/connections/${id}/setup/ledger`)).text(),
    )![1]!;
    await submitAsShown(browser, `/connections/${id}/setup/ledger`, (fields) => {
      fields["gl.8300"] = gl8900;
      fields.defaultGl = gl8900;
    });
    expect((await db().select().from(glMappings).where(eq(glMappings.connectionId, id)).all()).length).toBe(3);
    await browser.post(`/connections/${id}/setup/options`, {
      _csrf: await browser.csrf(`/connections/${id}/setup/options`),
      descriptionTemplate: "{number} {customer}",
      historicalExport: "month",
    });
    const preview = await (await browser.get(`/connections/${id}/setup/preview`)).text();
    expect(preview).not.toContain("Not bookable yet");
    // Teamleader's total and the Exact entry's total, side by side and equal.
    const totals = [...preview.matchAll(/Teamleader total: (-?\S*?[\d.,]+) · Exact entry total: (-?\S*?[\d.,]+)/g)];
    expect(totals.length).toBeGreaterThan(0);
    for (const match of totals) expect(match[1]).toBe(match[2]);

    const activate = await browser.post(`/connections/${id}/activate`, {
      _csrf: await browser.csrf(`/connections/${id}/setup/preview`),
    });
    expect(activate.headers.get("Location")).toBe(`/connections/${id}?notice=activated`);
    const row = await db().select().from(connections).where(eq(connections.id, id)).get();
    expect(row?.status).toBe("active");
    expect(await sandbox.state("tl.webhooks")).toHaveLength(1);
    await eventually(async () => expect((await exactEntries(100001)).length).toBeGreaterThan(0));
  });
});
