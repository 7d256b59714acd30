import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { connections } from "../../src/db/schema";
import { createConnection, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { signedIn } from "../helpers/setup-flow";

const db = () => createDb(env.DB);

describe("pages the CSP allows as they are", () => {
  beforeEach(async () => {
    await sandbox.reset("demo", false);
    await db().update(connections).set({ status: "disconnected" });
  });

  it("no page carries an inline style (the CSP is style-src 'self'); key table cells carry labels for phones", async () => {
    const { id, stub } = await createConnection();
    await stub.sync(id, "manual");
    const browser = await signedIn();
    const [pair] = await pairsOf(id);
    const home = await exports.default.fetch("http://connector.test/");
    expect(home.headers.get("Content-Security-Policy")).toContain("style-src 'self'");
    const pages = [await home.text()];
    for (const path of [
      "/connections",
      `/connections/${id}`,
      `/connections/${id}/documents/${pair!.id}`,
      `/connections/${id}/disconnect`,
      `/connections/${id}/setup/vat`,
      `/connections/${id}/setup/ledger`,
      `/connections/${id}/setup/options`,
      `/connections/${id}/setup/preview`,
    ]) {
      const response = await browser.get(path);
      expect(response.status, path).toBe(200);
      pages.push(await response.text());
    }
    for (const html of pages) {
      expect(html).not.toMatch(/<style|\sstyle=/);
      expect(html).toContain('<link rel="stylesheet" href="/static/app.css"/>');
    }
    expect(pages[2]).toMatch(/<td class="amount" data-label="Total">/);
    expect(pages[2]).toMatch(/<td class="date" data-label="Date">/);
  });
});
