import { beforeEach, describe, expect, it } from "vitest";
import { exactTokens, teamleaderTokens } from "../helpers/clients";
import { SANDBOX, sandbox } from "../helpers/sandbox";

/** Raw HTTP checks of the emulation itself: what a client that gets things wrong would see. */
describe("sandbox fidelity", () => {
  beforeEach(() => sandbox.reset());

  it("Teamleader: 401 without a token, errors as {errors:[{title}]}, ISO rate-limit reset", async () => {
    const anonymous = await fetch(`${SANDBOX}/teamleader/api/users.me`, { method: "POST" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ title: expect.any(String) }] });

    const { accessToken } = await teamleaderTokens();
    const response = await fetch(`${SANDBOX}/teamleader/api/invoices.list`, {
      method: "POST",
      headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ filter: { status: "booked" } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("X-RateLimit-Limit")).toBe("200");
    expect(response.headers.get("X-RateLimit-Reset")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    expect(((await response.json()) as any).errors[0].title).toContain("filter.status");
  });

  it("Teamleader: the 201st call within a minute is refused with 429", async () => {
    const { accessToken } = await teamleaderTokens();
    const call = () =>
      fetch(`${SANDBOX}/teamleader/api/departments.list`, {
        method: "POST",
        headers: { Authorization: `Bearer ${accessToken}` },
      });
    for (let i = 0; i < 200; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-RateLimit-Remaining")).toBe("0");
  });

  it("Exact: Atom XML without Accept: application/json; 403 for a division the user cannot access", async () => {
    const { accessToken } = await exactTokens();
    const auth = { Authorization: `Bearer ${accessToken}` };
    const xml = await fetch(`${SANDBOX}/exact/api/v1/100001/financial/Journals`, { headers: auth });
    expect(xml.headers.get("Content-Type")).toContain("application/atom+xml");
    const wrong = await fetch(`${SANDBOX}/exact/api/v1/999999/financial/Journals`, {
      headers: { ...auth, Accept: "application/json" },
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: { code: "", message: { lang: "", value: "Forbidden - WrongDivision" } },
    });
  });

  it("Exact: verbose OData JSON (__metadata, /Date()/, deferred navigation, Int64 as string), 400 on a bad filter", async () => {
    const { accessToken } = await exactTokens();
    const headers = { Authorization: `Bearer ${accessToken}`, Accept: "application/json" };
    const accounts = (await (
      await fetch(`${SANDBOX}/exact/api/v1/100001/crm/Accounts?$top=1&$filter=Status eq 'C'`, { headers })
    ).json()) as any;
    expect(accounts.d.results[0].__metadata.type).toBe("Exact.Web.Api.Models.Account");
    expect(accounts.d.results[0].Created).toMatch(/^\/Date\(\d+\)\/$/);
    const customer = accounts.d.results[0].ID;
    const gl = (
      (await (
        await fetch(`${SANDBOX}/exact/api/v1/100001/financial/GLAccounts?$filter=Code eq '8000'`, { headers })
      ).json()) as any
    ).d.results[0].ID;
    const body = {
      Journal: "70",
      Customer: customer,
      EntryDate: "2026-02-03",
      YourRef: "R1",
      SalesEntryLines: [{ GLAccount: gl, AmountFC: 10, VATCode: "1" }],
    };
    const created = await fetch(`${SANDBOX}/exact/api/v1/100001/salesentry/SalesEntries`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const entry = ((await created.json()) as any).d;
    expect(entry.SalesEntryLines.__deferred.uri).toMatch(/SalesEntries\(guid'.+'\)\/SalesEntryLines$/);
    expect(entry).toMatchObject({ AmountFC: 12.1, VATAmountFC: 2.1, Type: 20, Status: 20 });
    const expanded = (await (
      await fetch(
        `${SANDBOX}/exact/api/v1/100001/salesentry/SalesEntries?$expand=SalesEntryLines&$filter=YourRef eq 'R1'`,
        { headers },
      )
    ).json()) as any;
    expect(expanded.d.results[0].SalesEntryLines.results).toHaveLength(1);
    const sync = (await (
      await fetch(
        `${SANDBOX}/exact/api/v1/100001/sync/Cashflow/PaymentTerms?$filter=Timestamp gt 1L&$select=Timestamp`,
        {
          headers,
        },
      )
    ).json()) as any;
    expect(typeof sync.d.results[0].Timestamp).toBe("string");

    const terms = await fetch(`${SANDBOX}/exact/api/v1/100001/sync/Cashflow/PaymentTerms?$filter=Name eq 'x'`, {
      headers,
    });
    expect(terms.status).toBe(400);
    const guidAsString = await fetch(
      `${SANDBOX}/exact/api/v1/100001/crm/Accounts?$filter=ID eq '00000000-0000-0000-0000-000000000000'`,
      { headers },
    );
    expect(guidAsString.status).toBe(400);
    expect(((await guidAsString.json()) as any).error.message.value).toContain("incompatible");
  });

  it("Exact: the 61st call in a minute gets 429 with only the minutely headers", async () => {
    const { accessToken } = await exactTokens();
    const call = () =>
      fetch(`${SANDBOX}/exact/api/v1/100001/financial/Journals`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" },
      });
    let last = await call();
    for (let i = 1; i < 60; i++) last = await call();
    expect(last.status).toBe(200);
    expect(last.headers.get("X-RateLimit-Minutely-Remaining")).toBe("0");
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-RateLimit-Remaining")).toBeNull();
    expect(Number(refused.headers.get("X-RateLimit-Minutely-Reset"))).toBeGreaterThan(Date.now());
  });
});

describe("sandbox Exact journals and currencies", () => {
  beforeEach(() => sandbox.reset());

  it("refuses an entry in a currency its journal does not allow, as a business error (HTTP 500)", async () => {
    const { accessToken } = await exactTokens();
    const headers = { Authorization: `Bearer ${accessToken}`, Accept: "application/json" };
    const get = async (path: string) =>
      ((await (await fetch(`${SANDBOX}/exact/api/v1/100001/${path}`, { headers })).json()) as any).d.results;
    const journals = await get("financial/Journals?$filter=Type eq 20&$select=Code,Currency,AllowVariableCurrency");
    expect(journals.map((j: any) => [j.Code, j.Currency, j.AllowVariableCurrency])).toEqual([
      ["70", "EUR", true],
      ["71", "USD", false],
    ]);
    const customer = (await get("crm/Accounts?$filter=Status eq 'C'&$top=1"))[0].ID;
    const gl = (await get("financial/GLAccounts?$filter=Code eq '8000'"))[0].ID;
    const post = (Journal: string, currency?: string) =>
      fetch(`${SANDBOX}/exact/api/v1/100001/salesentry/SalesEntries`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({
          Journal,
          Customer: customer,
          EntryDate: "2026-02-03",
          ...(currency ? { Currency: currency, Rate: 0.9223 } : {}),
          SalesEntryLines: [{ GLAccount: gl, AmountFC: 10, VATCode: "1" }],
        }),
      });

    // No Currency means the division's (EUR): refused by the USD-only journal.
    const refused = await post("71");
    expect(refused.status).toBe(500);
    expect(((await refused.json()) as any).error.message.value).toContain("Valuta");
    expect((await post("71", "USD")).status).toBe(201);
    expect((await post("70", "USD")).status).toBe(201);
  });
});
