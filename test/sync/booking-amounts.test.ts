import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { connectionClient } from "../../src/connection/client";
import { connections } from "../../src/db/schema";
import { bookableDocuments, createConnection, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox, testEnv } from "../helpers/sandbox";

/** What reaches Exact for VAT-inclusive prices and foreign currencies, through the real clients. */
describe("amounts booked in Exact", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("books a credit note with VAT-inclusive prices to the cent of Teamleader's totals", async () => {
    const { id, stub, department, division } = await createConnection();
    const rates = (await sandbox.state("tl.taxRates")).filter((r) => r.department.id === department.id);
    const [high, low] = [rates.find((r) => r.rate === 0.21)!, rates.find((r) => r.rate === 0.09)!];
    const note = (await bookableDocuments(department.id)).find((d) => d.kind === "creditNote")!;
    // 10 × €10.00 and 4 × €12.50 including VAT: Teamleader's VAT is 17.36 and 4.13 (VAT on the exclusive
    // amounts, 82.64 × 21%, would round to 17.35).
    const line = { discount_pct: null, product_category_id: null, unit_price_tax: "including" };
    await sandbox.updateDocument(note.id, {
      discount_pct: null,
      lines: [
        { ...line, description: "Workshoptickets", quantity: 10, unit_price: 10, tax_rate_id: high.id },
        { ...line, description: "Lunch", quantity: 4, unit_price: 12.5, tax_rate_id: low.id },
      ],
    });

    await stub.sync(id, "manual");
    const pair = (await pairsOf(id)).find((p) => p.tlId === note.id)!;
    expect(pair.status).toBe("booked");
    const entry = (await exactEntries(division)).find((e) => e.EntryID === pair.exactEntryId)!;
    expect(entry).toMatchObject({ AmountFC: -150, VATAmountFC: -21.49 });
    const lines = (await sandbox.state("ex.salesEntryLines")).filter((l) => l.EntryID === entry.EntryID);
    expect(lines.map((l) => [l.AmountFC, l.VATAmountFC]).sort()).toEqual([
      [-45.87, -4.13],
      [-82.64, -17.36],
    ]);
  });

  it("books a USD invoice at Teamleader's USD → EUR rate, so Exact's EUR amount is the USD amount × rate", async () => {
    const { id, stub, department, division } = await createConnection();
    const usd = (await bookableDocuments(department.id)).filter((d) => d.currency === "USD");
    expect(usd.length).toBeGreaterThan(0);

    await stub.sync(id, "manual");
    for (const doc of usd) {
      const pair = (await pairsOf(id)).find((p) => p.tlId === doc.id)!;
      const entry = (await exactEntries(division)).find((e) => e.EntryID === pair.exactEntryId)!;
      expect(entry).toMatchObject({ Currency: "USD", Rate: 0.9223 });
      expect(entry.AmountDC).toBeCloseTo(entry.AmountFC * 0.9223, 1);
    }

    const preview = await connectionClient(testEnv(), id).previewOne({ kind: "invoice", id: usd[0]!.id });
    expect(preview).toMatchObject({
      exchangeRate: { from: "USD", to: "EUR", rate: 0.9223 },
      division: { currency: "EUR", rate: 0.9223 },
      problems: [],
    });
    expect(preview!.division!.incl).toBe(Math.round(preview!.exact!.incl * 0.9223 * 100) / 100);
  });

  it("does not post a document into a journal that takes only another currency, and says what to change in Exact", async () => {
    const { id, stub, db, department, division } = await createConnection();
    // Journal 71 takes only USD (AllowVariableCurrency false).
    await db.update(connections).set({ salesJournal: "71" }).where(eq(connections.id, id));
    const docs = await bookableDocuments(department.id);
    const eur = docs.filter((d) => d.currency === "EUR");

    await stub.sync(id, "manual");
    const pairs = await pairsOf(id);
    const failed = pairs.filter((p) => p.status === "failed");
    expect(new Set(failed.map((p) => p.tlId))).toEqual(new Set(eur.map((d) => d.id)));
    expect(failed[0]!.errorMessage).toBe(
      "Exact journal 71 takes only USD, so this EUR document cannot be booked in it. In Exact, allow variable currency on journal 71 (its journal settings), or choose a sales journal that does.",
    );
    // Only the USD documents reached Exact.
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(docs.length - eur.length);
    expect((await exactEntries(division)).every((e) => e.Currency === "USD" && e.Journal === "71")).toBe(true);

    const preview = await connectionClient(testEnv(), id).previewOne({ kind: eur[0]!.kind, id: eur[0]!.id });
    expect(preview!.problems).toEqual([failed[0]!.errorMessage]);
  });
});
