import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { glMappings, vatMappings } from "../../src/db/schema";
import { startDateFor } from "../../src/sync/options";
import { DIVISION } from "../helpers/clients";
import { bookableDocuments, createConnection, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

describe("missing mappings", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("stops only the documents that need the missing ledger, says what to fix, and books them once it is fixed", async () => {
    const { id, stub, db, department, division } = await createConnection({ mappings: "without-8300" });
    const licenceCategory = (await sandbox.state("tl.productCategories")).find((c) => c.name === "Licenties")!.id;
    const needs8300 = (await bookableDocuments(department.id)).filter((d) =>
      d.lines.some((l: any) => l.product_category_id === licenceCategory),
    );
    expect(needs8300.length).toBeGreaterThan(0);

    const first = await stub.sync(id, "manual");
    expect(first.counts?.failed).toBe(needs8300.length);
    const failed = (await pairsOf(id)).filter((p) => p.status === "failed");
    expect(new Set(failed.map((p) => p.tlId))).toEqual(new Set(needs8300.map((d) => d.id)));
    expect(failed[0]).toMatchObject({
      errorCode: "MAPPING_MISSING",
      errorMessage:
        'Ledger account 8300 (product category "Licenties") has no Exact GL account. Choose one on the ledger mapping page.',
    });
    // Nothing was written to Exact for them.
    expect(await exactEntries(division)).toHaveLength(
      (await bookableDocuments(department.id)).length - needs8300.length,
    );
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(
      (await bookableDocuments(department.id)).length - needs8300.length,
    );

    // A second run without a fix does not touch Exact for them.
    await sandbox.clearCalls();
    await stub.sync(id, "manual");
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBeUndefined();

    const gl8900 = (await sandbox.state("ex.glAccounts")).find((g) => g.Division === DIVISION && g.Code === "8900")!;
    await db.insert(glMappings).values({
      connectionId: id,
      ledgerAccountNumber: "8300",
      exactGlAccountId: gl8900.ID,
      exactGlAccountCode: "8900",
    });
    const fixed = await stub.sync(id, "manual");
    expect(fixed.counts?.booked).toBe(needs8300.length);
    expect((await pairsOf(id)).every((p) => p.status === "booked")).toBe(true);
  });

  it("names the tax rate that has no VAT code", async () => {
    const { id, stub } = await createConnection({ mappings: "none" });
    await stub.sync(id, "manual");
    const failed = (await pairsOf(id)).filter((p) => p.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.some((p) =>
        p.errorMessage?.includes('Tax rate "21%" (21%) has no Exact VAT code. Choose one on the VAT mapping page.'),
      ),
    ).toBe(true);
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBeUndefined();
  });
});

describe("Exact's padded VAT codes", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("a mapping stored with Exact's padding ('1  ') still counts and books", async () => {
    const { id, stub, db, department } = await createConnection();
    await db
      .update(vatMappings)
      .set({ exactVatCode: sql`${vatMappings.exactVatCode} || '  '` })
      .where(eq(vatMappings.connectionId, id));
    const run = await stub.sync(id, "manual");
    expect(run.counts?.failed ?? 0).toBe(0);
    expect((await pairsOf(id)).filter((p) => p.status === "booked")).toHaveLength(
      (await bookableDocuments(department.id)).length,
    );
  });
});

describe("Exact's business rules", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it.each([
    ["nl-NL", "Periode is afgesloten"],
    ["en-GB", "Period is closed"],
  ])(
    "a closed period (user language %s) fails those documents with Exact's own words, costing Exact one error, and is not retried in a loop",
    async (language, wording) => {
      await sandbox.exactLanguage(language);
      const { id, stub, department } = await createConnection();
      const docs = await bookableDocuments(department.id);
      const period = docs[0]!.date.slice(0, 7);
      const inPeriod = docs.filter((d) => d.date.startsWith(period));
      expect(inPeriod.length).toBeGreaterThan(1);
      await sandbox.closePeriod(DIVISION, period);

      const first = await stub.sync(id, "manual");
      const entries = (await sandbox.state("ex.salesEntries")).filter((e) => e.Division === DIVISION);
      // One refused POST taught the run that the period is closed; the others were not sent.
      expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(entries.length + 1);
      expect(first.counts?.failed).toBe(inPeriod.length);
      const failed = (await pairsOf(id)).filter((p) => p.status === "failed");
      expect(failed.map((p) => p.errorMessage)).toEqual(
        inPeriod.map(() => `Exact Online: ${wording}: ${period.slice(0, 4)} – ${Number(period.slice(5))}`),
      );
      expect(failed.every((p) => p.errorCode === "EXACT_BUSINESS_RULE")).toBe(true);

      await sandbox.clearCalls();
      await stub.sync(id, "manual");
      expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBeUndefined();
    },
  );
});

describe("historical export", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("computes the start date for each choice", () => {
    const on = new Date("2026-11-24T10:00:00Z");
    expect(startDateFor("none", on)).toBe("2026-11-24");
    expect(startDateFor("month", on)).toBe("2026-11-01");
    expect(startDateFor("fiscal_year", on)).toBe("2026-01-01");
    expect(startDateFor("quarter", on, "2026-Q3")).toBe("2026-07-01");
    expect(startDateFor("quarter", on)).toBe("2026-10-01");
    expect(startDateFor("everything", on)).toBeNull();
  });

  for (const [choice, quarter] of [["month"], ["fiscal_year"], ["quarter", "2026-Q2"], ["none"]] as const) {
    it(`"${choice}" books exactly the documents dated from its start date`, async () => {
      const { id, stub, department, division } = await createConnection({ historicalExport: choice, quarter });
      await stub.sync(id, "manual");
      const from = startDateFor(choice, new Date(), quarter)!;
      const expected = await bookableDocuments(department.id, from);
      const entries = await exactEntries(division);
      expect(entries.map((e) => `${e.Type}:${e.YourRef}`).sort()).toEqual(
        expected.map((d) => `${d.kind === "invoice" ? 20 : 21}:${d.number}`).sort(),
      );
      if (choice === "none") expect(entries).toHaveLength(0);
      else expect(entries.length).toBeGreaterThan(0);
    });
  }

  it('"none" books what is booked after activation', async () => {
    const { id, stub, division } = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    await stub.sync(id, "cron");
    expect((await exactEntries(division)).map((e) => e.YourRef)).toEqual([booked.number]);
  });
});

describe("Exact's error budget", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("pauses a run after 6 errors on one endpoint within the hour, so Exact never blocks the app", async () => {
    const { id, stub, department } = await createConnection();
    const months = [...new Set((await bookableDocuments(department.id)).map((d) => d.date.slice(0, 7)))]
      .sort()
      .slice(0, 8);
    for (const month of months) await sandbox.closePeriod(DIVISION, month);

    const run = await stub.sync(id, "manual");
    expect(run.more).toBe(true);
    expect(run.error).toMatch(
      /^Exact Online answered 6 errors on POST salesentry\/SalesEntries within the hour; calls to it pause until /,
    );
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(6);
    // Every invoice of the six refused months failed (most without a call); the rest waits (credit notes are listed after invoices).
    const docs = (await bookableDocuments(department.id)).filter((d) => d.kind === "invoice");
    const failed = (await pairsOf(id))
      .filter((p) => p.status === "failed" && p.tlType === "invoice")
      .map((p) => p.documentDate!.slice(0, 7));
    expect(failed.length).toBe(docs.filter((d) => months.slice(0, 6).includes(d.date.slice(0, 7))).length);
    expect(new Set(failed)).toEqual(new Set(months.slice(0, 6)));
    // The document whose POST the budget stopped stays `posting` (the request never left); the next run looks it up first.
    const waiting = (await pairsOf(id)).filter((p) => months.slice(6).includes(p.documentDate!.slice(0, 7)));
    expect(waiting.every((p) => p.status === "pending" || p.status === "posting")).toBe(true);
    expect(waiting.every((p) => p.exactEntryId === null)).toBe(true);
  });
});

describe("ErrorBudget", () => {
  it("counts errors per endpoint in a rolling hour", async () => {
    const { ErrorBudget } = await import("../../src/exact/error-budget");
    let now = 0;
    const budget = new ErrorBudget(2, 1_000, () => now);
    budget.record("POST a");
    budget.record("POST a");
    budget.record("POST b");
    expect(() => budget.check("POST b")).not.toThrow();
    expect(() => budget.check("POST a")).toThrowError(
      expect.objectContaining({ code: "RATE_LIMITED", retryAt: 1_000 }),
    );
    now = 1_001;
    expect(() => budget.check("POST a")).not.toThrow();
  });
});
