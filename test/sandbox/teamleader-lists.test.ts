import { beforeAll, describe, expect, it } from "vitest";
import { teamleaderTokens } from "../helpers/clients";
import { SANDBOX, sandbox } from "../helpers/sandbox";

/** invoices.list / creditNotes.list as the spec documents them: filters, default order, GET with a query string. */
describe("sandbox Teamleader lists", () => {
  let token = "";
  let invoices: any[] = [];
  const post = async (endpoint: string, body: unknown) => {
    const response = await fetch(`${SANDBOX}/teamleader/api/${endpoint}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { data: any[] }).data;
  };
  const numbers = (items: any[]) => items.map((i) => i.invoice_number);

  beforeAll(async () => {
    await sandbox.reset("demo", false);
    token = (await teamleaderTokens()).accessToken;
    invoices = (await sandbox.state("tl.documents")).filter((d) => d.kind === "invoice" && d.status !== "draft");
  });

  it("sorts by invoice number, descending, when no sort or no order is given (SPEC defaults)", async () => {
    const key = (n: string) =>
      n
        .split(" / ")
        .map((part) => part.padStart(8, "0"))
        .join("/");
    const byNumber = (order: 1 | -1) => (a: string, b: string) => (key(a) < key(b) ? -order : order);
    const unsorted = numbers(
      await post("invoices.list", { filter: { status: ["outstanding", "matched"] }, page: { size: 100 } }),
    );
    expect(unsorted).toEqual([...unsorted].sort(byNumber(-1)));
    const byDate = await post("invoices.list", {
      filter: { status: ["outstanding", "matched"] },
      sort: [{ field: "invoice_date" }],
      page: { size: 100 },
    });
    const dates = byDate.map((i) => i.invoice_date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("honours the documented filters instead of ignoring them", async () => {
    const withPo = invoices.find((d) => d.purchase_order_number)!;
    // Numbers run per department: the full number is unique within one.
    const byNumber = await post("invoices.list", {
      filter: { invoice_number: withPo.number, department_id: withPo.department_id },
    });
    expect(byNumber.map((i) => i.id)).toEqual([withPo.id]);
    const byPo = await post("invoices.list", { filter: { purchase_order_number: withPo.purchase_order_number } });
    expect(byPo.every((i) => i.purchase_order_number === withPo.purchase_order_number)).toBe(true);
    expect(numbers(byPo)).toContain(withPo.number);

    const withRef = invoices.find((d) => d.payment_reference)!;
    const byRef = await post("invoices.list", { filter: { payment_reference: withRef.payment_reference } });
    expect(byRef.map((i) => i.id)).toEqual([withRef.id]);

    // `term` also searches the invoicee, case-insensitively.
    const company = (await sandbox.state("tl.companies")).find((c) => invoices.some((d) => d.customer.id === c.id))!;
    const byTerm = await post("invoices.list", {
      filter: { term: company.name.slice(0, 8).toUpperCase() },
      page: { size: 100 },
    });
    expect(numbers(byTerm)).toEqual(
      expect.arrayContaining(invoices.filter((d) => d.customer.id === company.id).map((d) => d.number)),
    );

    // The demo's documents belong to no deal, project or subscription.
    for (const filter of [{ deal_id: "d" }, { project_id: "p" }, { subscription_id: "s" }])
      expect(await post("invoices.list", { filter })).toEqual([]);
    expect(await post("creditNotes.list", { filter: { project_id: "p" } })).toEqual([]);
  });

  it("answers GET with a bracketed query string like POST with the same JSON body", async () => {
    const departmentId = invoices[0]!.department_id;
    const body = {
      filter: { department_id: departmentId, status: ["outstanding", "matched"] },
      sort: [{ field: "invoice_date", order: "asc" }],
      page: { size: 7, number: 2 },
    };
    const query =
      `filter[department_id]=${departmentId}&filter[status][]=outstanding&filter[status][]=matched` +
      "&sort[0][field]=invoice_date&sort[0][order]=asc&page[size]=7&page[number]=2";
    const response = await fetch(`${SANDBOX}/teamleader/api/invoices.list?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const viaGet = ((await response.json()) as { data: any[] }).data;
    expect(viaGet).toHaveLength(7);
    expect(viaGet).toEqual(await post("invoices.list", body));
  });
});
