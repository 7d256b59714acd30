import { beforeEach, describe, expect, it } from "vitest";
import { createConnection, eventsOf, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

/** Changes a bookkeeper makes in Exact to booked entries, found through the sync cursors after each run. */
describe("changes made in Exact", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("marks a changed and a deleted entry's documents once, and never books them again", async () => {
    const { id, stub, division } = await createConnection();
    await stub.sync(id, "manual");
    const booked = (await pairsOf(id)).filter((p) => p.status === "booked" && p.tlType === "invoice");
    const [amount, gone, moved, untouched] = booked;
    const entryOf = async (entryId: string) => (await exactEntries(division)).find((e) => e.EntryID === entryId);
    const before = await entryOf(amount!.exactEntryId!);
    // The bookkeeper changes the entry's first line; the others stay.
    const lines = (await sandbox.state("ex.salesEntryLines")).filter((l) => l.EntryID === amount!.exactEntryId);
    const rest = lines.slice(1).reduce((s, l) => ({ excl: s.excl + l.AmountFC, vat: s.vat + l.VATAmountFC }), {
      excl: 0,
      vat: 0,
    });
    const euros = (n: number) => n.toFixed(2);

    await sandbox.editEntry(amount!.exactEntryId!, { amountFC: 1000, vatAmountFC: 210 });
    await sandbox.deleteEntry(gone!.exactEntryId!);
    const newDate = `${moved!.documentDate!.slice(0, 8)}${moved!.documentDate!.slice(8) === "28" ? "27" : "28"}`;
    await sandbox.editEntry(moved!.exactEntryId!, { entryDate: newDate });
    const sameRef = async (ref: string | null) =>
      (await exactEntries(division)).filter((e) => e.YourRef === ref).length;
    // Another document (a credit note) may carry the same number: count, do not expect none.
    const goneRefs = await sameRef(gone!.tlNumber);
    await sandbox.clearCalls();
    await stub.sync(id, "manual");

    const pairs = new Map((await pairsOf(id)).map((p) => [p.id, p]));
    expect(pairs.get(amount!.id)).toMatchObject({ status: "changed_in_exact" });
    expect(pairs.get(amount!.id)!.errorMessage).toContain(
      `amount excl. VAT ${euros(before!.AmountFC - before!.VATAmountFC)} → ${euros(1000 + rest.excl)}; VAT ${euros(before!.VATAmountFC)} → ${euros(210 + rest.vat)}`,
    );
    expect(pairs.get(gone!.id)).toMatchObject({ status: "deleted_in_exact" });
    expect(pairs.get(gone!.id)!.errorMessage).toMatch(
      /^Deleted in Exact \(noticed \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/,
    );
    expect(pairs.get(moved!.id)).toMatchObject({ status: "changed_in_exact" });
    expect(pairs.get(moved!.id)!.errorMessage).toContain(`date ${moved!.documentDate} → ${newDate}`);
    expect(pairs.get(untouched!.id)).toMatchObject({ status: "booked" });
    const calls = await sandbox.calls();
    expect(calls["exact GET sync/Financial/TransactionLines"]).toBe(1);
    expect(calls["exact GET sync/Deleted"]).toBe(1);

    // Idempotent: the next runs find nothing new and say nothing more.
    await stub.sync(id, "manual");
    await stub.sync(id, "manual");
    expect(await eventsOf(id, "document.changed_in_exact")).toHaveLength(2);
    expect(await eventsOf(id, "document.deleted_in_exact")).toHaveLength(1);

    // Edited in Teamleader afterwards: still not booked again, the bookkeeper's entry stays as it is.
    await sandbox.updateDocument(amount!.tlId, { discount_pct: 10 });
    await sandbox.updateDocument(gone!.tlId, { discount_pct: 10 });
    await stub.sync(id, "manual");
    expect(await entryOf(amount!.exactEntryId!)).toMatchObject({
      AmountFC: Math.round((1210 + rest.excl + rest.vat) * 100) / 100,
      EntryNumber: before!.EntryNumber,
    });
    expect(await sameRef(gone!.tlNumber)).toBe(goneRefs);
    expect((await pairsOf(id)).find((p) => p.id === gone!.id)).toMatchObject({ status: "deleted_in_exact" });
  });

  it("does not take the connector's own update of an entry for a change in Exact", async () => {
    const { id, stub, division } = await createConnection();
    await stub.sync(id, "manual");
    const pair = (await pairsOf(id)).find((p) => p.status === "booked" && p.tlType === "invoice" && !p.exactPaid)!;
    const before = (await exactEntries(division)).find((e) => e.EntryID === pair.exactEntryId)!;

    await sandbox.updateDocument(pair.tlId, { discount_pct: 10 });
    await stub.sync(id, "manual");
    await stub.sync(id, "manual");

    const after = (await exactEntries(division)).find((e) => e.EntryID === pair.exactEntryId)!;
    expect(after.AmountFC).not.toBe(before.AmountFC);
    expect((await pairsOf(id)).find((p) => p.id === pair.id)).toMatchObject({ status: "booked" });
    expect(await eventsOf(id, "document.changed_in_exact")).toEqual([]);
  });
});
