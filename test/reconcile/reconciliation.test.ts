import { beforeEach, describe, expect, it } from "vitest";
import { connectionClient } from "../../src/connection/client";
import { parsePeriod } from "../../src/reconcile/period";
import { bookableDocuments, createConnection, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox, testEnv } from "../helpers/sandbox";

const cents = (n: number) => Math.round(n * 100);

/** The month with the most booked documents of the department, so each test has something to compare. */
async function busiestMonth(departmentId: string) {
  const docs = await bookableDocuments(departmentId);
  const byMonth = new Map<string, number>();
  for (const d of docs) byMonth.set(d.date.slice(0, 7), (byMonth.get(d.date.slice(0, 7)) ?? 0) + 1);
  return [...byMonth].sort((a, b) => b[1] - a[1])[0]![0];
}

describe("reconciliation of a period", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("closes for a clean month, to the cent of Teamleader's totals, in one Exact call", async () => {
    const { id, stub, department, division } = await createConnection();
    await stub.sync(id, "manual");
    const month = await busiestMonth(department.id);
    const docs = (await bookableDocuments(department.id)).filter((d) => d.date.startsWith(month));
    await sandbox.clearCalls();

    const report = await connectionClient(testEnv(), id).reconciliation(parsePeriod(month));

    expect(report.differences).toEqual([]);
    expect(report.verdict.closes).toBe(true);
    expect(report.teamleader.count).toBe(docs.length);
    expect(report.exact.count).toBe(docs.length);
    expect(report.exact.byConnector.count).toBe(docs.length);
    expect(report.exact.byOthers.count).toBe(0);
    const entries = (await exactEntries(division)).filter((e) => e.Journal === "70");
    const inMonth = entries.filter((e) =>
      new Date(Number(/\d+/.exec(e.EntryDate)![0])).toISOString().startsWith(month),
    );
    const exactIncl = inMonth.reduce((s, e) => s + cents(e.AmountFC), 0);
    expect(report.exact.incl).toBe(exactIncl);
    expect(report.teamleader.incl).toBe(exactIncl);
    expect(report.teamleader.excl).toBe(report.exact.excl);
    expect(report.teamleader.vat).toBe(report.exact.vat);
    expect(report.exact.byVatCode.reduce((s, c) => s + c.vat, 0)).toBe(report.exact.vat);
    const calls = await sandbox.calls();
    expect(calls["exact GET salesentry/SalesEntries"]).toBe(1);
  });

  it("names every difference with its cause, and they add up to the gap", async () => {
    const { id, stub, department, division } = await createConnection({ mappings: "without-8300" });
    await stub.sync(id, "manual");
    // The year of a booked credit note: demo data spreads 60 invoices and 6 credit notes over 14 months.
    const noteDates = (await bookableDocuments(department.id))
      .filter((d) => d.kind === "creditNote")
      .map((d) => d.date);
    const quarter = parsePeriod(noteDates.sort().at(-1)!.slice(0, 4));
    const docs = (await bookableDocuments(department.id)).filter((d) => d.date >= quarter.from && d.date <= quarter.to);
    const pairs = (await pairsOf(id)).filter((p) => docs.some((d) => d.id === p.tlId));
    const booked = pairs.filter((p) => p.status === "booked" && p.tlType === "invoice");
    const failed = pairs.filter((p) => p.status === "failed");
    const note = pairs.find((p) => p.status === "booked" && p.tlType === "creditNote");
    expect(booked.length).toBeGreaterThanOrEqual(3);
    expect(failed.length).toBeGreaterThan(0);
    expect(note).toBeDefined();
    const [changed, deleted, twice] = booked;
    // The bookkeeper changes the entry's first line; the others stay.
    const others = (await sandbox.state("ex.salesEntryLines"))
      .filter((l) => l.EntryID === changed!.exactEntryId)
      .slice(1)
      .reduce((s, l) => s + cents(l.AmountFC) + cents(l.VATAmountFC), 0);
    await sandbox.editEntry(changed!.exactEntryId!, { amountFC: 1000, vatAmountFC: 210 });
    await sandbox.deleteEntry(deleted!.exactEntryId!);
    await sandbox.bookEntryByHand({
      division,
      journal: "70",
      yourRef: twice!.tlNumber,
      entryDate: twice!.documentDate!,
      amountFC: 100,
      vatCode: "2",
    });
    await sandbox.bookEntryByHand({
      division,
      journal: "70",
      yourRef: null,
      entryDate: quarter.from,
      amountFC: 50,
      vatCode: "2",
    }); // 9 %

    const report = await connectionClient(testEnv(), id).reconciliation(quarter);

    const causeOf = (n: string | null, kind?: string) =>
      report.differences.filter((d) => d.documentNumber === n && (!kind || d.kind === kind)).map((d) => d.cause);
    expect(causeOf(changed!.tlNumber)).toEqual(["changed_in_exact"]);
    expect(causeOf(deleted!.tlNumber)).toEqual(["deleted_in_exact"]);
    expect(causeOf(twice!.tlNumber)).toEqual(["duplicate_in_exact"]);
    expect(causeOf(null)).toEqual(["booked_by_hand"]);
    for (const f of failed) expect(causeOf(f.tlNumber, f.tlType)).toEqual(["not_booked_failed"]);
    expect(causeOf(note!.tlNumber, "creditNote")).toEqual([]);
    expect(report.differences).toHaveLength(4 + failed.length);

    const changedDiff = report.differences.find((d) => d.documentNumber === changed!.tlNumber)!;
    expect(changedDiff.exactAmount).toBe(121_000 + others);
    expect(changedDiff.exactEntryNumber).toBe(changed!.exactEntryNumber);
    expect(report.differences.find((d) => d.documentNumber === twice!.tlNumber)!.exactAmount).toBe(10_900);
    expect(report.exact.byOthers).toEqual({ count: 2, excl: 15_000, vat: 1_350, incl: 16_350 });
    expect(report.verdict.closes).toBe(false);
    expect(report.verdict.differenceSum).toBe(report.teamleader.incl - report.exact.incl);
    // The booked credit note matched: negative on both sides.
    const noteDoc = docs.find((d) => d.id === note!.tlId)!;
    expect(noteDoc.kind).toBe("creditNote");
  });

  it("tells an entry whose document was deleted in Teamleader, edited there after a closed period, or moved in Exact", async () => {
    const { id, stub, division } = await createConnection();
    await stub.sync(id, "manual");
    const booked = (await pairsOf(id)).filter((p) => p.status === "booked" && p.tlType === "invoice");
    const month = booked[0]!.documentDate!.slice(0, 7);
    const [deleted, edited, moved] = booked.filter((p) => p.documentDate!.startsWith(month));
    expect(moved).toBeDefined();
    await sandbox.deleteDocument(deleted!.tlId);
    // Exact refuses the update (closed period), so the entry keeps the old amount: `drifted`.
    await sandbox.closePeriod(division, month);
    await sandbox.updateDocument(edited!.tlId, { discount_pct: 50 });
    // As the webhooks would (the sandbox cannot reach the test worker): each document re-read at once.
    const client = connectionClient(testEnv(), id);
    await client.document({ kind: "invoice", id: deleted!.tlId });
    await client.document({ kind: "invoice", id: edited!.tlId });
    await sandbox.closePeriod(division, month, false);
    const otherMonth = month.endsWith("-01") ? `${month.slice(0, 5)}02-10` : `${month.slice(0, 5)}01-10`;
    await sandbox.editEntry(moved!.exactEntryId!, { entryDate: otherMonth });
    expect((await pairsOf(id)).find((p) => p.id === deleted!.id)!.status).toBe("deleted");
    expect((await pairsOf(id)).find((p) => p.id === edited!.id)!.status).toBe("drifted");

    const report = await client.reconciliation(parsePeriod(month));

    const of = (n: string | null) =>
      report.differences.filter((d) => d.documentNumber === n && d.kind !== "creditNote");
    expect(of(deleted!.tlNumber).map((d) => d.cause)).toEqual(["deleted_in_teamleader"]);
    expect(of(deleted!.tlNumber)[0]).toMatchObject({
      teamleaderAmount: null,
      exactEntryNumber: deleted!.exactEntryNumber,
    });
    expect(of(edited!.tlNumber).map((d) => d.cause)).toEqual(["booked_other_amount"]);
    expect(of(moved!.tlNumber).map((d) => d.cause)).toEqual(["changed_in_exact"]);
    expect(of(moved!.tlNumber)[0]!.detail).toContain(`now dated ${otherMonth}`);
    expect(report.verdict.differenceSum).toBe(report.teamleader.incl - report.exact.incl);
  });

  it("refuses a malformed period with the accepted forms", () => {
    expect(() => parsePeriod("2026-13")).toThrow(/a month \(2026-09\), a quarter \(2026-Q3\) or a year \(2026\)/);
    expect(parsePeriod("2026-Q3")).toMatchObject({ from: "2026-07-01", to: "2026-09-30", until: "2026-10-01" });
    expect(parsePeriod("2026")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(parsePeriod("2026-02")).toMatchObject({ to: "2026-02-28", until: "2026-03-01" });
  });
});
