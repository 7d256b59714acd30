import { beforeEach, describe, expect, it } from "vitest";
import { exactTokens } from "../helpers/clients";
import { SANDBOX, sandbox } from "../helpers/sandbox";

const API = `${SANDBOX}/exact/api/v1/100001`;

async function exactFetch(path: string, init: RequestInit = {}) {
  const { accessToken } = await exactTokens();
  return fetch(`${API}/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json", ...init.headers },
  });
}

const errorText = async (response: Response) => ((await response.json()) as any).error.message.value as string;

/** Behaviours of the real Exact API that catch client mistakes; each has its source in docs/sandbox.md. */
describe("Exact sandbox strictness", () => {
  beforeEach(() => sandbox.reset());

  it.each(["financial/GLAccounts", "crm/Accounts", "documents/Documents", "documents/DocumentAttachments"])(
    "refuses a list of %s without $filter (mandatory filtering)",
    async (path) => {
      const response = await exactFetch(`${path}?$select=ID`);
      expect(response.status).toBe(400);
      expect(await errorText(response)).toContain("$filter");
    },
  );

  it("serves GL accounts through sync/Financial/GLAccounts, which needs $select and filters on Timestamp only", async () => {
    const withoutSelect = await exactFetch("sync/Financial/GLAccounts?$filter=Timestamp gt 1L");
    expect(withoutSelect.status).toBe(400);
    expect(await errorText(withoutSelect)).toContain("$select");
    const byCode = await exactFetch("sync/Financial/GLAccounts?$filter=Code eq '8000'&$select=ID");
    expect(byCode.status).toBe(400);
    const all = await exactFetch("sync/Financial/GLAccounts?$filter=Timestamp gt 1L&$select=ID,Code,Timestamp");
    expect(all.status).toBe(200);
    const rows = ((await all.json()) as any).d.results;
    expect(rows.length).toBeGreaterThan(5);
    expect(Object.keys(rows[0]).sort()).toEqual(["Code", "ID", "Timestamp", "__metadata"]);
  });

  it("refuses sync/Cashflow/PaymentTerms without $select", async () => {
    const response = await exactFetch("sync/Cashflow/PaymentTerms?$filter=Timestamp gt 1L");
    expect(response.status).toBe(400);
  });
});

describe("Exact sandbox business errors", () => {
  beforeEach(() => sandbox.reset());

  async function postEntryInClosedPeriod() {
    await sandbox.closePeriod(100001, "2026-01");
    const accounts = (await (await exactFetch("crm/Accounts?$filter=Status eq 'C'&$select=ID&$top=1")).json()) as any;
    const gls = (await (
      await exactFetch("sync/Financial/GLAccounts?$filter=Timestamp gt 1L&$select=ID,Code")
    ).json()) as any;
    const gl = gls.d.results.find((g: any) => g.Code === "8000").ID;
    return exactFetch("salesentry/SalesEntries", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        Journal: "70",
        Customer: accounts.d.results[0].ID,
        EntryDate: "2026-01-15",
        SalesEntryLines: [{ GLAccount: gl, AmountFC: 10, VATCode: "1" }],
      }),
    });
  }

  it("answers in the user's language and names it in error.message.lang", async () => {
    const dutch = await postEntryInClosedPeriod();
    expect(dutch.status).toBe(500);
    expect(((await dutch.json()) as any).error.message).toEqual({
      lang: "nl-NL",
      value: "Periode is afgesloten: 2026 – 1",
    });

    await sandbox.exactLanguage("en-GB");
    const english = await postEntryInClosedPeriod();
    expect(((await english.json()) as any).error.message).toEqual({
      lang: "en-GB",
      value: "Period is closed: 2026 – 1",
    });
  });
});

describe("Exact sandbox OData and write rules", () => {
  beforeEach(() => sandbox.reset());

  const json = async (response: Response) => (await response.json()) as any;
  const glAccount = async (code: string) =>
    (
      await json(
        await exactFetch("sync/Financial/GLAccounts?$filter=Timestamp gt 1L&$select=ID,Code,IsBlocked,VATCode"),
      )
    ).d.results.find((g: any) => g.Code === code);
  const customer = async () =>
    (await json(await exactFetch("crm/Accounts?$filter=Status eq 'C'&$select=ID&$top=1"))).d.results[0].ID as string;
  const postEntry = (body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    exactFetch("salesentry/SalesEntries", { method: "POST", headers, body: JSON.stringify(body) });

  it("returns VAT codes space-padded to three characters", async () => {
    const codes = (await json(await exactFetch("vat/VATCodes?$select=Code"))).d.results.map((v: any) => v.Code);
    expect(codes).toContain("1  ");
    expect(codes.every((c: string) => c.length === 3)).toBe(true);
  });

  it("compares strings like SQL Server: case-insensitive, trailing spaces ignored", async () => {
    const padded = await json(await exactFetch("vat/VATCodes?$filter=Code eq '1'&$select=Code"));
    expect(padded.d.results.map((v: any) => v.Code)).toEqual(["1  "]);
    const name = await json(
      await exactFetch("financial/GLAccounts?$filter=Description eq 'omzet HOOG tarief   '&$select=Code"),
    );
    expect(name.d.results.map((g: any) => g.Code)).toEqual(["8000"]);
  });

  it("refuses malformed guid'…' and date-only datetime'…' literals with 400", async () => {
    expect((await exactFetch("crm/Accounts?$filter=ID eq guid'xyz'&$select=ID")).status).toBe(400);
    expect((await exactFetch("crm/Accounts?$filter=Modified gt datetime'2026-01-01'&$select=ID")).status).toBe(400);
    expect((await exactFetch("crm/Accounts?$filter=Modified gt datetime'2026-01-01T00:00:00'&$select=ID")).status).toBe(
      200,
    );
  });

  it("answers 406 to Accept: application/xml and counts with /$count", async () => {
    expect((await exactFetch("financial/Journals", { headers: { Accept: "application/xml" } })).status).toBe(406);
    const count = await exactFetch("financial/Journals/$count?$filter=Type eq 20");
    expect(count.status).toBe(200);
    expect(await count.text()).toBe("2");
    expect((await exactFetch("crm/Accounts/$count")).status).toBe(400);
  });

  it("gives a line without VATCode its G/L account's default VAT code; accepts numeric strings and no EntryDate", async () => {
    const gl = await glAccount("8010");
    expect(gl.VATCode).toBe("2  ");
    const created = await postEntry({
      Journal: "70",
      Customer: await customer(),
      SalesEntryLines: [{ GLAccount: gl.ID, AmountFC: "100.00" }],
    });
    expect(created.status).toBe(201);
    const entry = (await json(created)).d;
    expect(created.headers.get("Location")).toBe(entry.__metadata.uri);
    expect(entry).toMatchObject({ AmountFC: 109, VATAmountFC: 9 });
    expect(entry.EntryDate).toMatch(/^\/Date\(\d+\)\/$/);
    const lines = await json(
      await exactFetch(`salesentry/SalesEntryLines?$filter=EntryID eq guid'${entry.EntryID}'&$select=VATCode`),
    );
    expect(lines.d.results[0].VATCode).toBe("2  ");
  });

  it("refuses a blocked G/L account, a text/plain body (415) and an attachment that is not base64 (400)", async () => {
    const blocked = await glAccount("8950");
    expect(blocked.IsBlocked).toBe(true);
    const onBlocked = await postEntry({
      Journal: "70",
      Customer: await customer(),
      SalesEntryLines: [{ GLAccount: blocked.ID, AmountFC: 10, VATCode: "1" }],
    });
    expect(onBlocked.status).toBe(500);
    expect(await errorText(onBlocked)).toContain("Grootboekrekening");

    const plain = await postEntry({ Journal: "70" }, { "Content-Type": "text/plain" });
    expect(plain.status).toBe(415);

    const doc = await json(
      await exactFetch("documents/Documents", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Subject: "Factuur", Type: 10 }),
      }),
    );
    const attachment = await exactFetch("documents/DocumentAttachments", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Document: doc.d.ID, FileName: "f.pdf", Attachment: "not base64!" }),
    });
    expect(attachment.status).toBe(400);
  });
});
