import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import * as tl from "../../src/teamleader/api";
import { teamleaderClient } from "../helpers/clients";
import { bookableDocuments, createConnection, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

const cents = (n: number) => Math.round(n * 100);

describe("full backfill", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("books every booked invoice and credit note of the department once, with totals and VAT to the cent and a PDF", async () => {
    const { id, stub, department, division } = await createConnection({ historicalExport: "everything" });
    const summary = await stub.sync(id, "manual");
    expect(summary.error).toBeUndefined();
    expect(summary.more).toBe(false);

    const expected = await bookableDocuments(department.id);
    const entries = await exactEntries(division);
    const unbooked = (await pairsOf(id)).filter((p) => p.status !== "booked");
    expect(unbooked.map((p) => `${p.tlNumber}: ${p.status} ${p.errorMessage}`)).toEqual([]);
    expect(entries).toHaveLength(expected.length);
    // Invoices and credit notes are numbered separately, so YourRef is unique per entry type.
    expect(new Set(entries.map((e) => `${e.Type}:${e.YourRef}`)).size).toBe(expected.length);

    const pairs = await pairsOf(id);
    expect(pairs.every((p) => p.status === "booked")).toBe(true);
    const tlTotals = new Map(pairs.map((p) => [p.exactEntryId, p]));
    for (const entry of entries) {
      const pair = tlTotals.get(entry.EntryID)!;
      const sign = pair.tlType === "creditNote" ? -1 : 1;
      expect(cents(entry.AmountFC)).toBe(sign * cents(pair.totalIncl!));
      expect(entry.Document).toBeTruthy();
    }
    // VAT per rate equals Teamleader's taxes[], to the cent, for every document.
    const lines = await sandbox.state("ex.salesEntryLines");
    const { client } = await teamleaderClient();
    for (const doc of expected) {
      const pair = pairs.find((p) => p.tlId === doc.id)!;
      const info =
        doc.kind === "invoice" ? await tl.invoicesInfo(client, doc.id) : await tl.creditNotesInfo(client, doc.id);
      const sign = doc.kind === "creditNote" ? -1 : 1;
      const entryLines = lines.filter((l) => l.EntryID === pair.exactEntryId);
      expect(entryLines.length).toBe(doc.lines.length);
      const exactByRate = new Map<number, { base: number; vat: number }>();
      for (const line of entryLines) {
        const bucket = exactByRate.get(line.VATPercentage) ?? { base: 0, vat: 0 };
        exactByRate.set(line.VATPercentage, {
          base: bucket.base + cents(line.AmountFC),
          vat: bucket.vat + cents(line.VATAmountFC),
        });
      }
      for (const tax of info.total.taxes) {
        expect(exactByRate.get(tax.rate), `${doc.number} at ${tax.rate}`).toEqual({
          base: sign * cents(tax.taxable.amount) || 0,
          vat: sign * cents(tax.tax.amount) || 0,
        });
      }
    }
    const attachments = await sandbox.state("ex.documentAttachments");
    expect(attachments.filter((a) => a.Division === division)).toHaveLength(expected.length);
    // Each PDF is cached in R2 under connection / type / id / Teamleader updated_at.
    const cached = await env.PDFS.list({ prefix: `pdf/${id}/` });
    expect(cached.objects).toHaveLength(expected.length);
    const sample = pairs[0]!;
    const object = await env.PDFS.get(
      `pdf/${id}/${sample.tlType}/${sample.tlId}/${sample.tlUpdatedAt!.replace(/[^0-9A-Za-z]/g, "")}.pdf`,
    );
    expect(new TextDecoder().decode((await object!.arrayBuffer()).slice(0, 8))).toBe("%PDF-1.4");
  });

  it("creates each customer once and reuses the Exact account that matches by VAT number", async () => {
    const { id, stub, division } = await createConnection();
    await stub.sync(id, "manual");
    const accounts = (await sandbox.state("ex.accounts")).filter((a) => a.Division === division);
    const names = accounts.map((a) => a.Name);
    expect(names.filter((n) => n === "Brouwerij 't Hoekje BV")).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    const hoekje = accounts.find((a) => a.Name === "Brouwerij 't Hoekje BV")!;
    expect(hoekje.Code.trim()).toBe("1");
    expect(accounts.some((a) => a.Name === "Siobhán O'Neill" && a.Status === "C")).toBe(true);
  });

  it("does nothing the second time: no Exact writes, no Teamleader .info calls", async () => {
    const { id, stub } = await createConnection();
    await stub.sync(id, "manual");
    await sandbox.clearCalls();
    const again = await stub.sync(id, "manual");
    expect(again.counts).toMatchObject({ booked: 0, failed: 0 });
    const calls = await sandbox.calls();
    expect(Object.keys(calls).filter((k) => /^exact (POST|PUT|DELETE)/.test(k))).toEqual([]);
    expect(calls["teamleader invoices.info"]).toBeUndefined();
    expect(calls["exact GET sync/Cashflow/PaymentTerms"]).toBe(1);
  });
});
