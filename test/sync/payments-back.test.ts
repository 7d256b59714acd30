import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { documentPairs } from "../../src/db/schema";
import * as tl from "../../src/teamleader/api";
import { teamleaderClient } from "../helpers/clients";
import { createConnection, pairsOf } from "../helpers/connection";
import { SANDBOX, sandbox } from "../helpers/sandbox";

describe("payments back", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("registers the remaining amount on the Teamleader invoice, once, when Exact shows the entry fully paid", async () => {
    const { id, stub } = await createConnection({ historicalExport: "everything" });
    await stub.sync(id, "manual");
    const pairs = await pairsOf(id);
    const { client } = await teamleaderClient();
    const open = [];
    for (const pair of pairs.filter((p) => p.tlType === "invoice")) {
      const info = await tl.invoicesInfo(client, pair.tlId);
      if (info.status === "outstanding") open.push({ pair, info });
    }
    const { pair, info } = open[0]!;
    await sandbox.markPaid(pair.exactEntryId!);

    await sandbox.clearCalls();
    const run = await stub.sync(id, "cron");
    expect(run.counts?.paidBack).toBe(1);
    const after = await tl.invoicesInfo(client, pair.tlId);
    expect(after.status).toBe("matched");
    // The payment as Teamleader stores it (the client does not read payments).
    const stored = (await sandbox.state("tl.documents")).find((d) => d.id === pair.tlId)!;
    expect(stored.payments.at(-1)).toMatchObject({
      payment: { amount: info.total.due.amount, currency: info.currency },
    });
    expect(stored.payments.at(-1)!.paid_at.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect((await sandbox.calls())["teamleader invoices.registerPayment"]).toBe(1);

    await sandbox.clearCalls();
    await stub.sync(id, "cron");
    expect((await sandbox.calls())["teamleader invoices.registerPayment"]).toBeUndefined();
  });

  it("goes on past an invoice deleted in Teamleader whose entry Exact shows paid (a reversal), and passes back the rest", async () => {
    const { id, stub, db } = await createConnection({ historicalExport: "everything" });
    await stub.sync(id, "manual");
    const { client } = await teamleaderClient();
    const open = [];
    for (const pair of (await pairsOf(id)).filter((p) => p.tlType === "invoice"))
      if ((await tl.invoicesInfo(client, pair.tlId)).status === "outstanding") open.push(pair);
    const [gone, paid] = open;
    // Deleted in Teamleader: the pair is marked deleted and keeps its entry, which a reversal then settles.
    await fetch(`${SANDBOX}/__control/teamleader/documents/${gone!.tlId}/deleted`, { method: "POST" });
    await db.update(documentPairs).set({ status: "deleted" }).where(eq(documentPairs.id, gone!.id));
    await sandbox.markPaid(gone!.exactEntryId!);
    await sandbox.markPaid(paid!.exactEntryId!);
    const run = await stub.sync(id, "cron");
    expect(run.error).toBeUndefined();
    expect(run.counts?.paidBack).toBe(1);
    expect((await tl.invoicesInfo(client, paid!.tlId)).status).toBe("matched");
  });

  it("registers what Exact says was paid, but never more than Teamleader still shows due", async () => {
    const { id, stub } = await createConnection({ historicalExport: "everything" });
    await stub.sync(id, "manual");
    const { client } = await teamleaderClient();
    let open = null;
    for (const pair of (await pairsOf(id)).filter((p) => p.tlType === "invoice"))
      if ((await tl.invoicesInfo(client, pair.tlId)).status === "outstanding") open = pair;
    const before = await tl.invoicesInfo(client, open!.tlId);
    // Part of it was already registered in Teamleader by hand.
    await tl.invoicesRegisterPayment(client, open!.tlId, {
      amount: 10,
      currency: before.currency,
      paidAt: "2026-11-01T12:00:00+00:00",
    });
    const receivable = (await sandbox.state("ex.paymentTerms")).find(
      (t) => t.TransactionEntryID === open!.exactEntryId,
    );
    expect(receivable.AmountFC).toBe(before.total.tax_inclusive.amount);
    await sandbox.markPaid(open!.exactEntryId!);

    expect((await stub.sync(id, "cron")).counts?.paidBack).toBe(1);
    expect((await tl.invoicesInfo(client, open!.tlId)).status).toBe("matched");
    // The payment as Teamleader stores it (the client does not read payments).
    const stored = (await sandbox.state("tl.documents")).find((d) => d.id === open!.tlId)!;
    expect(stored.payments.at(-1).payment.amount).toBeCloseTo(before.total.due.amount - 10, 2);
  });

  it("skips invoices Teamleader already shows as paid, and never registers payments for credit notes", async () => {
    const { id, stub } = await createConnection({ historicalExport: "everything" });
    await stub.sync(id, "manual");
    const pairs = await pairsOf(id);
    const { client } = await teamleaderClient();
    let alreadyPaid = null;
    for (const pair of pairs.filter((p) => p.tlType === "invoice")) {
      if ((await tl.invoicesInfo(client, pair.tlId)).status === "matched") {
        alreadyPaid = pair;
        break;
      }
    }
    const creditNote = pairs.find((p) => p.tlType === "creditNote")!;
    await sandbox.markPaid(alreadyPaid!.exactEntryId!);
    await sandbox.markPaid(creditNote.exactEntryId!);
    await sandbox.clearCalls();
    const run = await stub.sync(id, "cron");
    expect(run.counts?.paidBack).toBe(0);
    expect((await sandbox.calls())["teamleader invoices.registerPayment"]).toBeUndefined();
    const marked = await pairsOf(id);
    expect(marked.find((p) => p.id === creditNote.id)?.exactPaid).toBe(true);
    expect(marked.find((p) => p.id === alreadyPaid!.id)?.paidBackAt).not.toBeNull();
  });

  it("costs one Exact call per poll when nothing changed (and an idle run two more, for changes made in Exact)", async () => {
    const { id, stub } = await createConnection({ historicalExport: "none" });
    await stub.sync(id, "cron");
    await sandbox.clearCalls();
    await stub.sync(id, "cron");
    const calls = await sandbox.calls();
    const exactCalls = Object.entries(calls).filter(([k]) => k.startsWith("exact "));
    expect(Object.fromEntries(exactCalls)).toEqual({
      "exact GET sync/Cashflow/PaymentTerms": 1,
      "exact GET sync/Financial/TransactionLines": 1,
      "exact GET sync/Deleted": 1,
    });
  });
});
