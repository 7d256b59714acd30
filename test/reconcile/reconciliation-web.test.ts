import { beforeEach, describe, expect, it } from "vitest";
import { createConnection } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";
import { signedIn } from "../helpers/setup-flow";

/** The reconciliation as the accountant gets it: JSON, CSV and the printable page. */
describe("reconciliation over the web", () => {
  beforeEach(() => sandbox.reset("demo", false));

  async function ready() {
    const conn = await createConnection();
    await conn.stub.sync(conn.id, "manual");
    // A manual entry in Exact, so there is one difference to show everywhere.
    await sandbox.bookEntryByHand({
      division: conn.division,
      journal: "70",
      yourRef: "HAND-1",
      entryDate: "2026-09-15",
      amountFC: 123.45,
      vatCode: "2",
    });
    return { ...conn, browser: await signedIn() };
  }

  it("answers JSON with both sides, the differences and the verdict", async () => {
    const { id, browser } = await ready();
    const response = await browser.request(`/api/connections/${id}/reconciliation?period=2026-Q3`);
    expect(response.status).toBe(200);
    const json = (await response.json()) as any;
    expect(json.period).toMatchObject({ label: "2026-Q3", from: "2026-07-01", to: "2026-09-30" });
    expect(json.amountsIn).toBe("cents");
    expect(json.teamleader).toMatchObject({ count: expect.any(Number), byRate: expect.any(Array) });
    expect(json.exact.byVatCode.length).toBeGreaterThan(0);
    const hand = json.differences.find((d: any) => d.documentNumber === "HAND-1");
    // 123.45 + 9 % VAT (11.11) = 134.56
    expect(hand).toMatchObject({ cause: "booked_by_hand", kind: "entry", exactAmount: 13_456, teamleaderAmount: null });
    expect(json.verdict.closes).toBe(false);
    expect(json.verdict.differenceSum).toBe(json.teamleader.incl - json.exact.incl);
  });

  it("refuses a malformed period with a 400 that names the accepted forms", async () => {
    const { id, browser } = await ready();
    const response = await browser.request(`/api/connections/${id}/reconciliation?period=Q3-2026`);
    expect(response.status).toBe(400);
    const json = (await response.json()) as any;
    expect(json.code).toBe("BAD_REQUEST");
    expect(json.message).toMatch(/2026-09.*2026-Q3.*2026/);
  });

  it("exports CSV and prints a page that names the period, the administration and when Exact was read", async () => {
    const { id, browser } = await ready();
    const csv = await browser.request(`/api/connections/${id}/reconciliation.csv?period=2026-09`);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe(
      "section,label,count,excl,vat,incl,document,kind,cause,teamleader_incl,exact_incl,exact_entry,detail",
    );
    expect(text).toMatch(/^difference,,,,,,HAND-1,entry,booked_by_hand,,134\.56,\d+,/m);

    const page = await browser.request(`/connections/${id}/reconciliation?period=2026-09&lang=nl`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Sluit niet: 1 verschil");
    expect(html).toContain("Handmatig geboekt in Exact");
    expect(html).toContain("2026-09-01 – 2026-09-30");
    expect(html).toContain("100001 Noordlicht");
    expect(html).toMatch(/Exact-gegevens gelezen op \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(html).toContain('href="/static/reconciliation.css"');
    const css = await (await browser.request("/static/reconciliation.css")).text();
    expect(css).toContain("@media print");
  });
});
