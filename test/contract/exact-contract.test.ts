import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { RESOURCES } from "../../sandbox/src/exact/resources";
import * as exact from "../../src/exact/api";
import * as S from "../../src/exact/schemas";
import { DeletedRow, LineRow } from "../../src/reconcile/exact-changes";
import { PeriodEntry, PeriodEntryLine } from "../../src/reconcile/read-exact";
import { DIVISION, exactClient, exactTokens, findAccounts } from "../helpers/clients";
import { SANDBOX, sandbox } from "../helpers/sandbox";
import metadata from "./exact-metadata.json";

/**
 * Exact's contract, from a checked-in extract of its field reference (source and commit in the JSON):
 * every field the client selects or sends exists there with a compatible type, and the sandbox serves
 * those entities with those types. When the extract is refreshed and Exact changed, this fails.
 */
type Entity = { methods: string[]; properties: Record<string, string[]> };
const ENTITIES = metadata.entities as Record<string, Entity>;

/** One value of each Edm type as Exact's verbose JSON carries it (Int64 as a string). */
const SAMPLES: Record<string, unknown> = {
  "Edm.String": "Noordlicht  ",
  "Edm.Guid": "6f1c2a4e-8b3d-4c5e-9f60-1a2b3c4d5e6f",
  "Edm.Byte": 7,
  "Edm.Int16": 7,
  "Edm.Int32": 7,
  "Edm.Int64": "123456789012",
  "Edm.Double": 12.5,
  "Edm.Boolean": true,
  "Edm.DateTime": "/Date(1767225600000)/",
};

/** What the client reads: each endpoint with the schema whose keys it `$select`s. */
const READS: [string, z.ZodObject][] = [
  ["current/Me", S.Me],
  ["system/Divisions", S.Division],
  ["financial/FinancialPeriods", S.FinancialPeriod],
  ["financial/Journals", S.Journal],
  ["sync/Financial/GLAccounts", S.GLAccount],
  ["vat/VATCodes", S.VATCode],
  ["crm/Accounts", S.Account],
  ["salesentry/SalesEntries", S.SalesEntry],
  ["salesentry/SalesEntryLines", S.SalesEntryLine],
  ["documents/Documents", S.Document],
  ["documents/DocumentAttachments", S.DocumentAttachment],
  ["sync/Cashflow/PaymentTerms", S.PaymentTerm],
  // The reconciliation and the look at changes made in Exact (src/reconcile/).
  ["salesentry/SalesEntries", PeriodEntry.omit({ SalesEntryLines: true })],
  ["salesentry/SalesEntryLines", PeriodEntryLine],
  ["sync/Financial/TransactionLines", LineRow],
  ["sync/Deleted", DeletedRow],
];

const typeOf = (path: string, field: string) => ENTITIES[path]?.properties[field]?.[0];

/** Does a JSON value fit the Edm type (null fits every type but a key)? */
function fits(type: string, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case "Edm.String":
    case "Edm.Binary":
      return typeof value === "string";
    case "Edm.Guid":
      return typeof value === "string" && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value);
    case "Edm.DateTime":
      return typeof value === "string" && /^(\/Date\(-?\d+\)\/|\d{4}-\d{2}-\d{2}(T[\d:.]+)?Z?)$/.test(value);
    case "Edm.Byte":
    case "Edm.Int16":
    case "Edm.Int32":
      return Number.isInteger(value);
    case "Edm.Int64":
      return typeof value === "string" ? /^-?\d+$/.test(value) : Number.isInteger(value);
    case "Edm.Double":
      return typeof value === "number";
    case "Edm.Boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

describe("Exact contract: the client against Exact's field reference", () => {
  it.each(READS)("every field selected from %s exists, and its schema accepts the Edm type", (path, schema) => {
    for (const [field, fieldSchema] of Object.entries(schema.shape)) {
      const type = typeOf(path, field);
      expect(type, `${path}.${field}`).toBeDefined();
      const parsed = (fieldSchema as z.ZodType).safeParse(SAMPLES[type!]);
      expect(parsed.success, `${path}.${field} (${type})`).toBe(true);
    }
  });

  describe("every field the client sends", () => {
    const sent: { method: string; path: string; body: Record<string, unknown> }[] = [];
    beforeEach(async () => {
      await sandbox.reset();
      sent.length = 0;
      const realFetch = globalThis.fetch;
      vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const path = url.pathname.replace(/^.*\/api\/v1\/\d+\//, "").replace(/\(.*\)$/, "");
        if (url.pathname.includes("/api/v1/") && init?.body && init.method !== "GET")
          sent.push({ method: init.method!.toLowerCase(), path, body: JSON.parse(String(init.body)) });
        return realFetch(input, init);
      });
    });
    afterEach(() => vi.restoreAllMocks());

    it("exists on its entity, is writable with that method, and carries the Edm type", async () => {
      const { client } = await exactClient();
      const account: Required<exact.NewAccount> = {
        Name: "Contract BV",
        Status: "C",
        VATNumber: "NL005678912B01",
        ChamberOfCommerce: "12345678",
        Email: "info@contract.example",
        Phone: "+31 20 123 4567",
        AddressLine1: "Kade 1",
        Postcode: "1011 AA",
        City: "Amsterdam",
        Country: "NL",
        Language: "NL",
      };
      const customer = await exact.createAccount(client, account);
      await exact.updateAccount(client, customer.ID, { Email: "boekhouding@contract.example" });
      const document: Required<exact.NewDocument> = {
        Subject: "Factuur 2026 / 1",
        Type: 10,
        Account: customer.ID,
        DocumentDate: "2026-02-03",
      };
      const doc = await exact.createDocument(client, document);
      await exact.createDocumentAttachment(client, doc.ID, "factuur.pdf", btoa("%PDF-1.4"));
      const [gl] = (await exact.glAccounts(client)).filter((g) => g.Code === "8000");
      const line: Required<exact.SalesEntryLineInput> = {
        GLAccount: gl!.ID,
        AmountFC: 100,
        VATCode: "1",
        VATAmountFC: 21,
        Description: "Ontwerp",
        Quantity: 1,
      };
      const entry: Required<exact.SalesEntryInput> = {
        Journal: "70",
        Customer: customer.ID,
        EntryDate: "2026-02-03",
        DueDate: "2026-03-05",
        YourRef: "2026 / 1",
        Description: "Factuur 2026 / 1",
        Currency: "EUR",
        Rate: 1,
        PaymentReference: "+++123/4567/89012+++",
        Document: doc.ID,
        SalesEntryLines: [line],
      };
      const created = await exact.createSalesEntry(client, entry);
      await exact.addSalesEntryLine(client, created.EntryID, { ...line, Description: "Drukwerk" });
      const { SalesEntryLines: _lines, ...header } = entry;
      await exact.updateSalesEntry(client, created.EntryID, header);

      expect(new Set(sent.map((s) => `${s.method} ${s.path}`))).toEqual(
        new Set([
          "post crm/Accounts",
          "put crm/Accounts",
          "post documents/Documents",
          "post documents/DocumentAttachments",
          "post salesentry/SalesEntries",
          "post salesentry/SalesEntryLines",
          "put salesentry/SalesEntries",
        ]),
      );
      const check = (method: string, path: string, body: Record<string, unknown>) => {
        expect(ENTITIES[path]?.methods, path).toContain(method);
        for (const [field, value] of Object.entries(body)) {
          const [type, ...writable] = ENTITIES[path]?.properties[field] ?? [];
          expect(type, `${path}.${field}`).toBeDefined();
          expect(writable, `${method} ${path}.${field}`).toContain(method);
          if (type === "SalesEntryLines") {
            for (const nested of value as Record<string, unknown>[])
              check(method, "salesentry/SalesEntryLines", nested);
          } else expect(fits(type!, value), `${path}.${field} = ${JSON.stringify(value)} (${type})`).toBe(true);
        }
      };
      for (const { method, path, body } of sent) check(method, path, body);
    });
  });
});

describe("Exact contract: the sandbox against Exact's field reference", () => {
  const EDM: Record<string, string[]> = {
    guid: ["Edm.Guid"],
    string: ["Edm.String"],
    int: ["Edm.Byte", "Edm.Int16", "Edm.Int32"],
    int64: ["Edm.Int64"],
    double: ["Edm.Double"],
    bool: ["Edm.Boolean"],
    date: ["Edm.DateTime"],
  };

  it.each(RESOURCES.map((r) => [r.path, r] as const))(
    "%s declares only Exact's fields, with Exact's types",
    (path, resource) => {
      const entity = ENTITIES[path];
      expect(entity, path).toBeDefined();
      for (const [field, type] of Object.entries(resource.fields))
        expect(EDM[type], `${path}.${field}: ${typeOf(path, field)}`).toContain(typeOf(path, field));
    },
  );

  it("answers what the client selects with values of Exact's types", async () => {
    await sandbox.reset();
    const { client } = await exactClient();
    const [customer] = await findAccounts(client, { name: "Bakkerij Vermeulen" }).then(async (found) =>
      found.length ? found : [await exact.createAccount(client, { Name: "Bakkerij Vermeulen", Status: "C" })],
    );
    const [gl] = (await exact.glAccounts(client)).filter((g) => g.Code === "8000");
    const created = await exact.createSalesEntry(client, {
      Journal: "70",
      Customer: customer!.ID,
      EntryDate: "2026-02-03",
      YourRef: "contract",
      Description: "contract",
      SalesEntryLines: [{ GLAccount: gl!.ID, AmountFC: 10, VATCode: "1" }],
    });
    const filters: Record<string, string> = {
      "system/Divisions": "",
      "financial/Journals": "Type eq 20",
      "sync/Financial/GLAccounts": "Timestamp gt 1L",
      "crm/Accounts": `ID eq guid'${customer!.ID}'`,
      "salesentry/SalesEntries": `EntryID eq guid'${created.EntryID}'`,
      "salesentry/SalesEntryLines": `EntryID eq guid'${created.EntryID}'`,
      "sync/Cashflow/PaymentTerms": "Timestamp gt 1L",
      "sync/Financial/TransactionLines": "Timestamp gt 1L",
    };
    const { accessToken } = await exactTokens();
    for (const [path, schema] of READS) {
      if (!(path in filters) && path !== "current/Me" && path !== "vat/VATCodes") continue;
      const select = Object.keys(schema.shape).join(",");
      const filter = filters[path] ? `&$filter=${encodeURIComponent(filters[path])}` : "";
      const scoped = path === "current/Me" ? path : `${DIVISION}/${path}`;
      const response = await fetch(`${SANDBOX}/exact/api/v1/${scoped}?$select=${select}${filter}`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
      });
      expect(response.status, path).toBe(200);
      const rows = ((await response.json()) as any).d.results as Record<string, unknown>[];
      expect(rows.length, path).toBeGreaterThan(0);
      for (const row of rows)
        for (const field of Object.keys(schema.shape))
          expect(fits(typeOf(path, field)!, row[field]), `${path}.${field} = ${JSON.stringify(row[field])}`).toBe(true);
    }
  });
});
