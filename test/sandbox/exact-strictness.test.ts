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
