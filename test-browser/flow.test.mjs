// Browser test: the whole product in Chromium against `npm run dev` (connector + sandbox), as a person uses it.
// Run: npm run test:browser. Screenshots land in test-artifacts/.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

const APP = "http://localhost:8787";
const SANDBOX = "http://localhost:8788";
const ARTIFACTS = "test-artifacts";
mkdirSync(ARTIFACTS, { recursive: true });

let dev;
let browser;
let page;
let shot = 0;
/** Console errors and warnings on the connector's own pages (a CSP violation is one), and uncaught errors. */
const consoleProblems = [];

async function snap(name) {
  shot += 1;
  await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, "0")}-${name}.png`), fullPage: true });
}

async function waitFor(check, what, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

const control = (path, body) =>
  fetch(`${SANDBOX}/__control${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });

before(async () => {
  dev = spawn(process.execPath, ["scripts/dev.mjs"], {
    env: { ...process.env, DEV_STATE_DIR: mkdtempSync(join(tmpdir(), "tle-browser-")) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  dev.stdout.on("data", (chunk) => (log += chunk));
  dev.stderr.on("data", (chunk) => (log += chunk));
  try {
    await waitFor(
      async () => (await fetch(`${APP}/health`)).ok && (await fetch(`${SANDBOX}/`)).ok,
      "npm run dev",
      120_000,
    );
  } catch (error) {
    console.error(log.slice(-4000));
    throw error;
  }
  assert.equal((await control("/reset", { profile: "demo", rateLimits: true })).status, 200);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: "en-GB" });
  page.on("console", (message) => {
    if (!["error", "warning"].includes(message.type())) return;
    const where = message.location()?.url || page.url();
    if (where.startsWith(APP)) consoleProblems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleProblems.push(`${page.url()}: ${error.message}`));
});

after(async () => {
  await browser?.close();
  if (dev) process.kill(-dev.pid, "SIGTERM");
  await sleep(1000);
});

test("the home page renders under its own CSP", async () => {
  await page.goto(APP);
  assert.match(await page.textContent("h1"), /Teamleader → Exact Online/);
  // The stylesheet applied: the page is not in the browser's default serif font.
  assert.doesNotMatch(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /^"?Times/);
  await snap("home");
});

test("install, connect, map, preview and activate; documents fill up", async () => {
  await page.goto(`${APP}/install`);
  assert.match(await page.textContent("h1"), /Teamleader Focus/);
  await snap("teamleader-consent");
  await page.click("#allow");
  await page.waitForURL(/\/setup\/department$/);
  assert.equal(await page.textContent("#step"), "Step 1 of 8");
  assert.equal(await page.locator("input[type=radio]:checked").count(), 0);
  await snap("department");
  await page.check("input[type=radio] >> nth=0");
  await page.getByLabel("Noordlicht Studio BV", { exact: false }).first().check();
  await page.click("main button[type=submit]");

  await page.waitForURL(/\/setup\/exact$/);
  await page.check('input[value="nl"]');
  await snap("region");
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/exact\/api\/oauth2\/auth/);
  await snap("exact-consent");
  await page.click("#allow");
  await page.waitForURL(/\/setup\/division$/);
  await page.check('input[value="100001"]');
  await snap("division");
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/setup\/journal$/);
  await page.check('input[value="70"]');
  await snap("journal");
  await page.click("main button[type=submit]");

  await page.waitForURL(/\/setup\/vat$/);
  assert.equal(await page.locator(".suggestion").count(), 6);
  await snap("vat-mapping");
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/setup\/ledger$/);
  await page.selectOption('select[name="gl.8300"]', { label: "8900 — Overige opbrengsten" });
  await page.selectOption('select[name="defaultGl"]', { label: "8000 — Omzet hoog tarief" });
  await snap("ledger-mapping");
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/setup\/options$/);
  await page.check('input[value="month"]');
  await snap("options");
  await page.click("main button[type=submit]");

  await page.waitForURL(/\/setup\/preview$/);
  assert.equal(await page.locator("text=Not bookable yet").count(), 0);
  const totals = await page.locator("text=/Teamleader total/").allTextContents();
  assert.ok(totals.length > 0);
  for (const line of totals) {
    const [, tl, exact] = /Teamleader total: (.+?) · Exact entry total: (.+)$/.exec(line.trim());
    assert.equal(tl, exact);
  }
  await snap("preview");
  await page.click("text=Activate");
  await page.waitForURL(/\/connections\/[^/]+\?notice=activated$/);
  await snap("activated");

  await waitFor(async () => {
    await page.reload();
    return (await page.locator("tr.doc-booked").count()) > 0;
  }, "documents to be booked");
  await snap("documents-booked");
});

test("an invoice paid in Exact comes back as paid in Teamleader", async () => {
  const connectionUrl = page.url().split("?")[0];
  const number = (await page.locator("tr.doc-booked td a").first().textContent()).trim();
  assert.ok(!number.startsWith("Credit note"));
  await page.goto(`${SANDBOX}/exact`);
  await page.click(`button.mark-paid[data-ref="${number}"][data-type="20"]`);
  await snap("exact-marked-paid");
  await page.goto(connectionUrl);
  await page.click("text=Sync now");
  await waitFor(async () => {
    await page.goto(`${connectionUrl}?q=${encodeURIComponent(number)}`);
    return (await page.locator("tr.doc-booked", { hasText: "(paid)" }).count()) > 0;
  }, "the payment to come back");
  await page.goto(`${SANDBOX}/teamleader`);
  const row = page.locator("tr", { hasText: number }).filter({ hasText: "Invoice" });
  assert.match(await row.first().textContent(), /matched/);
  await snap("teamleader-paid");
  await page.goto(connectionUrl);
});

test("a new invoice booked in Teamleader appears via the webhook within seconds", async () => {
  const connectionUrl = page.url().split("?")[0];
  await page.goto(`${SANDBOX}/teamleader`);
  await page.click("#book-invoice");
  const number = (
    await page.locator("tbody tr td:nth-child(2)").filter({ hasNotText: "draft" }).first().textContent()
  ).trim();
  const started = Date.now();
  await waitFor(
    async () => {
      await page.goto(`${connectionUrl}?q=${encodeURIComponent(number)}`);
      return (await page.locator("tr.doc-booked").count()) > 0;
    },
    "the webhook",
    20_000,
  );
  console.log(
    `new invoice ${number} booked ${((Date.now() - started) / 1000).toFixed(1)} s after it was booked in Teamleader`,
  );
  await snap("webhook-booked");
});

test("a missing VAT mapping is shown with what to do, and booking follows the fix", async () => {
  const connectionUrl = page.url().split("?")[0];
  await page.goto(`${connectionUrl}/setup/vat`);
  await page.selectOption('select[aria-label="21%"]', "");
  await page.click("main button[type=submit]");
  await page.goto(`${SANDBOX}/teamleader`);
  await page.click("#book-invoice");
  await waitFor(
    async () => {
      await page.goto(`${connectionUrl}?status=failed`);
      return (await page.locator("tr.doc-failed").count()) > 0;
    },
    "the document to fail on the missing mapping",
    20_000,
  );
  await page.locator("tr.doc-failed td a").first().click();
  assert.match(
    await page.textContent("#doc-explanation"),
    /Tax rate "21%" \(21%\) has no Exact VAT code\. Choose one on the VAT mapping page\./,
  );
  await snap("missing-vat-mapping");

  await page.goto(`${connectionUrl}/setup/vat`);
  await page.selectOption('select[aria-label="21%"]', "1");
  await page.click("main button[type=submit]");
  await page.goto(connectionUrl);
  await page.click("text=Retry failed documents");
  await waitFor(async () => {
    await page.goto(`${connectionUrl}?status=failed`);
    return (await page.locator("tr.doc-failed").count()) === 0;
  }, "the fixed document to book");
  await page.goto(connectionUrl);
  await snap("mapping-fixed");
});

test("a Dutch reader sees Dutch amounts, dates and words", async () => {
  const connectionUrl = page.url().split("?")[0];
  await page.goto(`${connectionUrl}?lang=nl`);
  const amounts = await page.locator("#documents td.amount").allTextContents();
  assert.ok(amounts.length > 0);
  for (const amount of amounts) assert.match(amount.replace(/\u00a0/g, " "), /^(€|US\$) -?\d{1,3}(\.\d{3})*,\d{2}$/);
  const dates = await page.locator("#documents td.date").allTextContents();
  for (const date of dates) assert.match(date, /^\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}$/);
  const heads = await page.locator("#runs tr.head th").allTextContents();
  assert.deepEqual(heads, ["Gestart", "Aanleiding", "Resultaat", "Verwerkt", "Toelichting"]);
  assert.match(await page.locator("#runs").textContent(), /\d+ geboekt/);
  assert.equal(await page.locator("text=/\\bRuns\\b|\\bCN \\d/").count(), 0);
  await snap("dutch-connection");
  await page.goto(`${connectionUrl}?lang=en`);
});

test("the reconciliation gives a verdict and prints as a clean report", async () => {
  const connectionUrl = page.url().split("?")[0];
  const year = new Date().getFullYear();
  await page.goto(`${connectionUrl}/reconciliation?period=${year}&lang=nl`);
  const verdict = (await page.locator("p.verdict").textContent()).replace(/\u00a0/g, " ");
  assert.match(verdict, /^(Sluit: € -?[\d.]+,\d{2} excl\., btw € -?[\d.]+,\d{2} gelijk|Sluit niet: .+)$/);
  const report = await page.locator("main").textContent();
  assert.match(report, new RegExp(`Periode: [^(]*${year}`));
  assert.match(report, /Administratie: 100001/);
  await snap("reconciliation");
  // The printed form: only the report, without the header, the period form or the links.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header").isVisible(), false);
  assert.equal(await page.locator("form.period").isVisible(), false);
  assert.equal(await page.locator("p.verdict").isVisible(), true);
  await snap("reconciliation-print");
  await page.pdf({ path: join(ARTIFACTS, "reconciliation.pdf") });
  await page.emulateMedia({ media: "screen" });
  await page.goto(`${connectionUrl}?lang=en`);
});

test("the connection page is readable on a phone", async () => {
  const connectionUrl = page.url().split("?")[0];
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(connectionUrl);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await snap("phone-connection");
  await page.goto(`${connectionUrl}/setup/vat`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1);
  await snap("phone-vat-mapping");
  // Documents stack as cards: the customer, the total and the status are on screen, each with its label.
  await page.goto(connectionUrl);
  const first = page.locator("#documents tr.doc-booked").first();
  for (const cell of ["td.amount", "td.date", "td:nth-child(5)"]) {
    const box = await first.locator(cell).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${cell} is off screen: ${JSON.stringify(box)}`);
  }
  const dateBox = await first.locator("td.date").boundingBox();
  assert.ok(dateBox.height < 40, "the date wraps");
  await page.setViewportSize({ width: 1100, height: 900 });
});

test("disconnecting asks first, keeps the entries in Exact and leaves the connection readable", async () => {
  const connectionUrl = page.url().split("?")[0];
  await page.goto(connectionUrl);
  const booked = await page.locator("tr.doc-booked").count();
  await page.click("#disconnect");
  await page.waitForURL(/\/disconnect$/);
  assert.match(await page.textContent("#disconnect-consequences"), /Sales entries already booked in Exact stay there/);
  await snap("disconnect-confirmation");
  await page.click("text=No, go back");
  await page.waitForURL(connectionUrl);
  await page.click("#disconnect");
  await page.click("text=Yes, disconnect");
  await page.waitForURL(/\?notice=disconnected$/);
  assert.match(await page.textContent("#read-only"), /Entries already in Exact stay there/);
  assert.equal(await page.locator("tr.doc-booked").count(), booked);
  assert.equal(await page.locator("main form[method=post]").count(), 0);
  await snap("disconnected-read-only");
  await page.click("text=Your connections");
  assert.equal((await page.locator("#disconnected a").count()) > 0, true);
  await snap("connections-with-disconnected");
});

test("no page logged a console error or a CSP violation", () => {
  assert.deepEqual(consoleProblems, []);
});
