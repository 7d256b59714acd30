import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { activateConnection, disconnectConnection } from "../../src/connection/activation";
import { connectionClient } from "../../src/connection/client";
import { connections, syncRuns } from "../../src/db/schema";
import { WEBHOOK_TYPES } from "../../src/sync/webhooks";
import { DIVISION } from "../helpers/clients";
import {
  createConnection,
  eventually,
  exactEntries,
  pairsOf,
  postWebhook,
  relayWebhooks,
  webhookSecretOf,
} from "../helpers/connection";
import { SANDBOX, sandbox, testEnv } from "../helpers/sandbox";

async function control(path: string, body: unknown = {}) {
  const response = await fetch(`${SANDBOX}/__control${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

describe("Teamleader webhooks", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("are registered on activation at a per-connection secret URL, and unregistered on disconnect", async () => {
    const { id, secret } = await createConnection({ historicalExport: "none" });
    const url = `http://connector.test/webhooks/teamleader/${id}/${secret}`;
    expect(await sandbox.state("tl.webhooks")).toEqual([{ url, types: WEBHOOK_TYPES }]);
    expect(secret).toMatch(/^[0-9a-f]{32}$/);

    await disconnectConnection(testEnv(), id);
    expect(await sandbox.state("tl.webhooks")).toEqual([]);
    expect((await postWebhook(url, { subject: { type: "invoice", id: "x" } })).status).toBe(404);
  });

  it("keep only a hash of the secret in D1; activating again registers a new secret and drops the old URL", async () => {
    const { id, secret, db } = await createConnection({ historicalExport: "none" });
    const row = (await db.select().from(connections).where(eq(connections.id, id)).get())!;
    expect(JSON.stringify(row)).not.toContain(secret!);
    expect(row.webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
    await activateConnection(testEnv(), id);
    const renewed = await webhookSecretOf(id);
    expect(renewed).not.toBe(secret);
    expect((await sandbox.state("tl.webhooks")).map((h) => h.url)).toEqual([
      `http://connector.test/webhooks/teamleader/${id}/${renewed}`,
    ]);
    const old = await postWebhook(`http://connector.test/webhooks/teamleader/${id}/${secret}`, {
      subject: { type: "invoice", id: "x" },
    });
    expect(old.status).toBe(404);
  });

  it("check the secret before reading the body, and refuse a body over 8 KB with a 413", async () => {
    const { id, secret } = await createConnection({ historicalExport: "none" });
    const big = JSON.stringify({ subject: { type: "invoice", id: "x" }, padding: "x".repeat(9_000) });
    const wrong = await postRaw(`http://connector.test/webhooks/teamleader/${id}/wrong`, big);
    expect(wrong.status).toBe(404);
    const tooLarge = await postRaw(`http://connector.test/webhooks/teamleader/${id}/${secret}`, big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");
    // Without a Content-Length (a stream), the cap holds all the same.
    const streamed = await exports.default.fetch(
      new Request(`http://connector.test/webhooks/teamleader/${id}/${secret}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(await pairsOf(id)).toEqual([]);
  });

  it("a storm of identical webhooks costs a handful of fetches of the document, and no failed runs", async () => {
    const { id, db, division } = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    await sandbox.clearCalls();
    const client = connectionClient(testEnv(), id);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => client.document({ kind: "invoice", id: booked.id })),
    );
    // The first turn books it; the one that waited behind it finds it unchanged.
    expect(outcomes).toContain("booked");
    expect(outcomes.every((o) => o === "booked" || o === "unchanged")).toBe(true);
    // Each turn takes in every webhook that arrived while the previous one ran: a handful, not 200.
    const fetches = (await sandbox.calls())["teamleader invoices.info"]!;
    expect(fetches).toBeLessThan(20);
    const runs = await db.select().from(syncRuns).where(eq(syncRuns.connectionId, id)).all();
    const webhookRuns = runs.filter((r) => r.trigger === "webhook");
    expect(webhookRuns.length).toBe(fetches);
    expect(webhookRuns.filter((r) => r.error)).toEqual([]);
    expect((await exactEntries(division)).filter((e) => e.YourRef === booked.number)).toHaveLength(1);
  });

  it("a newly booked invoice is in Exact within seconds of its webhook", async () => {
    const { id, division } = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    const [response] = await relayWebhooks();
    expect(response?.status).toBe(202);
    await eventually(async () => expect((await exactEntries(division)).map((e) => e.YourRef)).toEqual([booked.number]));
    expect((await pairsOf(id))[0]).toMatchObject({ status: "booked", tlNumber: booked.number });
  });

  it("refuses malformed, unknown and misaddressed webhooks with a 4xx and changes nothing", async () => {
    const { id, secret } = await createConnection({ historicalExport: "none" });
    const url = `http://connector.test/webhooks/teamleader/${id}/${secret}`;
    const notJson = await postWebhook(url, "{");
    expect(notJson.status).toBe(400);
    const raw = await postRaw(url, "{not json");
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ code: "BAD_REQUEST", message: "The webhook body is not JSON." });
    const company = await postWebhook(url, { type: "company.added", subject: { type: "company", id: "c" } });
    expect(company.status).toBe(400);
    expect(((await company.json()) as { message: string }).message).toMatch(
      /^Not a webhook this connection handles: subject.type/,
    );
    expect(
      (
        await postWebhook(`http://connector.test/webhooks/teamleader/${id}/wrong`, {
          subject: { type: "invoice", id: "x" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await postWebhook(`http://connector.test/webhooks/teamleader/nope/${secret}`, {
          subject: { type: "invoice", id: "x" },
        })
      ).status,
    ).toBe(404);
    // An unknown invoice id is accepted (Teamleader's word is re-checked) and leads to nothing.
    expect((await postWebhook(url, { subject: { type: "invoice", id: "does-not-exist" } })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(await pairsOf(id)).toEqual([]);
  });
});

describe("changes after booking", () => {
  beforeEach(() => sandbox.reset("demo", false));

  async function bookedInvoice() {
    const conn = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    await conn.stub.sync(conn.id, "manual");
    const [pair] = await pairsOf(conn.id);
    expect(pair?.status).toBe("booked");
    return { ...conn, booked, pair: pair! };
  }

  it("an edited invoice updates its Exact entry so Exact matches again", async () => {
    const { id, booked, pair } = await bookedInvoice();
    const doc = (await sandbox.state("tl.documents")).find((d) => d.id === booked.id)!;
    await control(`/teamleader/documents/${booked.id}/updated`, {
      lines: [
        { ...doc.lines[0], quantity: 5 },
        { ...doc.lines[0], description: "Extra", quantity: 1 },
      ],
    });
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(id))[0]?.totalIncl).toBe(689.7));
    const entry = (await exactEntries(DIVISION)).find((e) => e.EntryID === pair.exactEntryId)!;
    expect(entry.AmountFC).toBe(689.7);
    const lines = (await sandbox.state("ex.salesEntryLines")).filter((l) => l.EntryID === pair.exactEntryId);
    expect(lines.map((l) => [l.AmountFC, l.VATAmountFC])).toEqual([
      [475, 99.75],
      [95, 19.95],
    ]);
    expect(await exactEntries(DIVISION)).toHaveLength(1);
  });

  it("an edited invoice that is already paid in Exact is marked drifted, with the reason", async () => {
    const { id, stub, booked, pair } = await bookedInvoice();
    await sandbox.markPaid(pair.exactEntryId!);
    await stub.sync(id, "manual");
    const doc = (await sandbox.state("tl.documents")).find((d) => d.id === booked.id)!;
    await control(`/teamleader/documents/${booked.id}/updated`, { lines: [{ ...doc.lines[0], quantity: 7 }] });
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(id))[0]?.status).toBe("drifted"));
    expect((await pairsOf(id))[0]?.errorMessage).toBe(
      `Changed in Teamleader after booking, but Exact entry ${pair.exactEntryNumber} was not updated: it is already paid in Exact. Correct the entry in Exact by hand if needed.`,
    );
    expect((await exactEntries(DIVISION))[0]?.AmountFC).toBe(344.85);
  });

  it("an edited invoice in a closed period is marked drifted with Exact's words", async () => {
    const { id, booked } = await bookedInvoice();
    await sandbox.closePeriod(DIVISION, new Date().toISOString().slice(0, 7));
    const doc = (await sandbox.state("tl.documents")).find((d) => d.id === booked.id)!;
    await control(`/teamleader/documents/${booked.id}/updated`, { lines: [{ ...doc.lines[0], quantity: 9 }] });
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(id))[0]?.status).toBe("drifted"));
    expect((await pairsOf(id))[0]?.errorMessage).toContain(
      "Exact refused the change (Exact Online: Periode is afgesloten:",
    );
  });

  it("a deleted invoice is marked deleted and its Exact entry is left alone", async () => {
    const { id, booked, pair } = await bookedInvoice();
    await control(`/teamleader/documents/${booked.id}/deleted`);
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(id))[0]?.status).toBe("deleted"));
    expect((await pairsOf(id))[0]?.errorMessage).toBe(
      `Deleted in Teamleader. Exact entry ${pair.exactEntryNumber} was left as it is: reverse it in Exact if it should not count.`,
    );
    expect(await exactEntries(DIVISION)).toHaveLength(1);
  });
});

function postRaw(url: string, body: string) {
  return exports.default.fetch(
    new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body }),
  );
}

describe("a booked document whose mapping disappears", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("is marked drifted, never failed, and is never posted a second time", async () => {
    const conn = await createConnection({ historicalExport: "none" });
    const booked = await sandbox.bookInvoice();
    await conn.stub.sync(conn.id, "manual");
    const doc = (await sandbox.state("tl.documents")).find((d) => d.id === booked.id)!;
    const { vatMappings } = await import("../../src/db/schema");
    const { eq } = await import("drizzle-orm");
    const removed = await conn.db
      .delete(vatMappings)
      .where(eq(vatMappings.taxRateId, doc.lines[0].tax_rate_id))
      .returning();

    await control(`/teamleader/documents/${booked.id}/updated`, { lines: [{ ...doc.lines[0], quantity: 4 }] });
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(conn.id))[0]?.status).toBe("drifted"));
    const [pair] = await pairsOf(conn.id);
    expect(pair?.errorMessage).toContain(
      'its new version cannot be mapped (Tax rate "21%" (21%) has no Exact VAT code.',
    );

    await conn.db.insert(vatMappings).values(removed);
    await control(`/teamleader/documents/${booked.id}/updated`, { lines: [{ ...doc.lines[0], quantity: 5 }] });
    await relayWebhooks();
    await eventually(async () => expect((await pairsOf(conn.id))[0]?.status).toBe("booked"));
    await conn.stub.sync(conn.id, "manual");
    expect((await exactEntries(DIVISION)).filter((e) => e.YourRef === booked.number)).toHaveLength(1);
    expect((await sandbox.calls())["exact POST salesentry/SalesEntries"]).toBe(1);
  });
});
