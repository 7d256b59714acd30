import { Hono } from "hono";
import type { SandboxEnv } from "../app-env";
import { markEntryPaid } from "../exact/payments";
import { msOf } from "../exact/values";
import { bookNewInvoice } from "../teamleader/book";
import { computeTotals, taxRateLookup } from "../teamleader/documents";
import { Layout } from "./layout";

/** Small pages to look inside both emulated systems and act as their users would. */
export const pages = new Hono<SandboxEnv>();

const eur = (n: unknown) =>
  Number(n ?? 0).toLocaleString("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (odata: unknown) => (odata ? new Date(msOf(odata)).toISOString().slice(0, 10) : "");

pages.get("/", (c) => {
  const data = c.get("data");
  return c.html(
    <Layout title="Sandbox">
      <h1>Teamleader Focus + Exact Online sandbox</h1>
      <p>
        A local emulation of both APIs for the connector's development and tests. Profile:{" "}
        <span class="tag">{String(data.meta.get("profile") ?? "none")}</span>
      </p>
      <ul>
        <li>
          <a href="/teamleader">Teamleader</a>: {data.tl.documents.filter((d) => d.kind === "invoice").length} invoices,{" "}
          {data.tl.documents.filter((d) => d.kind === "creditNote").length} credit notes, {data.tl.webhooks.size}{" "}
          webhook URLs
        </li>
        <li>
          <a href="/exact">Exact Online</a>: {data.ex.salesEntries.size} sales entries, {data.ex.accounts.size}{" "}
          accounts, {data.ex.documentAttachments.size} attachments
        </li>
      </ul>
      <p class="muted">
        APIs: /teamleader/oauth2/*, /teamleader/api/&lt;resource&gt;.&lt;action&gt;, /exact/api/oauth2/*,
        /exact/api/v1/&lt;division&gt;/… — test controls under /__control.
      </p>
    </Layout>,
  );
});

pages.get("/teamleader", (c) => {
  const data = c.get("data");
  const rate = taxRateLookup(data);
  const docs = data.tl.documents.all().sort((a, b) => (b.date ?? "9").localeCompare(a.date ?? "9"));
  const name = (id: string, type: string) =>
    type === "company"
      ? data.tl.companies.get(id)?.name
      : [data.tl.contacts.get(id)?.first_name, data.tl.contacts.get(id)?.last_name].join(" ");
  return c.html(
    <Layout title="Teamleader (sandbox)">
      <h1>Teamleader Focus</h1>
      <form method="post" action="/teamleader/book">
        <button type="submit" id="book-invoice">
          Book a new invoice
        </button>{" "}
        <span class="muted">(fires invoice.booked to registered webhooks)</span>
      </form>
      <table>
        <thead>
          <tr>
            <th>Type</th>
            <th>Number</th>
            <th>Date</th>
            <th>Department</th>
            <th>Customer</th>
            <th class="num">Total incl.</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr>
              <td>{d.kind === "invoice" ? "Invoice" : "Credit note"}</td>
              <td>{d.number ?? "(draft)"}</td>
              <td>{d.date ?? ""}</td>
              <td>{data.tl.departments.get(d.department_id)?.name}</td>
              <td>{name(d.customer.id, d.customer.type)}</td>
              <td class="num">
                {d.currency} {eur(computeTotals(d, rate).total.tax_inclusive.amount)}
              </td>
              <td>
                {d.deleted ? "deleted" : d.status}
                {d.payments.length ? ` (${d.payments.length} payment)` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
});

pages.post("/teamleader/book", async (c) => {
  await bookNewInvoice(c.get("data"), {});
  return c.redirect("/teamleader", 303);
});

pages.get("/exact", (c) => {
  const data = c.get("data");
  const entries = data.ex.salesEntries.all().sort((a, b) => Number(b.Timestamp) - Number(a.Timestamp));
  const paid = (id: unknown) => data.ex.paymentTerms.find((t) => t.TransactionEntryID === id)?.IsFullyPaid === true;
  return c.html(
    <Layout title="Exact Online (sandbox)">
      <h1>Exact Online — sales entries</h1>
      <table>
        <thead>
          <tr>
            <th>Division</th>
            <th>Entry</th>
            <th>Your ref.</th>
            <th>Date</th>
            <th>Customer</th>
            <th class="num">Amount</th>
            <th class="num">VAT</th>
            <th>PDF</th>
            <th>Paid</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{String(e.Division)}</td>
              <td>
                <a href={`/exact/entries/${e.EntryID}`}>{String(e.EntryNumber)}</a>
              </td>
              <td>{String(e.YourRef ?? "")}</td>
              <td>{day(e.EntryDate)}</td>
              <td>{String(e.CustomerName ?? "")}</td>
              <td class="num">
                {String(e.Currency)} {eur(e.AmountFC)}
              </td>
              <td class="num">{eur(e.VATAmountFC)}</td>
              <td>{e.Document ? "yes" : ""}</td>
              <td>
                {paid(e.EntryID) ? (
                  "fully paid"
                ) : (
                  <form class="inline" method="post" action={`/exact/entries/${e.EntryID}/paid`}>
                    <button
                      type="submit"
                      class="mark-paid"
                      data-ref={String(e.YourRef ?? "")}
                      data-type={String(e.Type)}
                    >
                      Mark fully paid
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Accounts</h2>
      <table>
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Status</th>
            <th>VAT number</th>
            <th>Country</th>
          </tr>
        </thead>
        <tbody>
          {data.ex.accounts.all().map((a) => (
            <tr>
              <td>{String(a.Code).trim()}</td>
              <td>{String(a.Name)}</td>
              <td>{String(a.Status)}</td>
              <td>{String(a.VATNumber ?? "")}</td>
              <td>{String(a.Country ?? "")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
});

pages.get("/exact/entries/:id", (c) => {
  const data = c.get("data");
  const entry = data.ex.salesEntries.get(c.req.param("id"));
  if (!entry) return c.notFound();
  const gl = (id: unknown) => data.ex.glAccounts.get(String(id));
  const attachments = entry.Document ? data.ex.documentAttachments.filter((a) => a.Document === entry.Document) : [];
  return c.html(
    <Layout title={`Entry ${entry.EntryNumber}`}>
      <h1>
        Entry {String(entry.EntryNumber)} — {String(entry.YourRef ?? "")}
      </h1>
      <p>
        {String(entry.Description ?? "")} · {String(entry.CustomerName)} · {day(entry.EntryDate)} · journal{" "}
        {String(entry.Journal)}
      </p>
      <table>
        <thead>
          <tr>
            <th>GL account</th>
            <th>Description</th>
            <th>VAT code</th>
            <th class="num">Amount</th>
            <th class="num">VAT</th>
          </tr>
        </thead>
        <tbody>
          {data.ex.salesEntryLines
            .filter((l) => l.EntryID === entry.EntryID)
            .map((l) => (
              <tr>
                <td>
                  {String(gl(l.GLAccount)?.Code)} {String(gl(l.GLAccount)?.Description)}
                </td>
                <td>{String(l.Description ?? "")}</td>
                <td>{String(l.VATCode ?? "")}</td>
                <td class="num">{eur(l.AmountFC)}</td>
                <td class="num">{eur(l.VATAmountFC)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p>
        Total {String(entry.Currency)} {eur(entry.AmountFC)} (VAT {eur(entry.VATAmountFC)})
      </p>
      {attachments.map((a) => (
        <p>
          <a href={`/exact/docs/attachment/${a.ID}`}>{String(a.FileName)}</a>
        </p>
      ))}
    </Layout>,
  );
});

pages.post("/exact/entries/:id/paid", (c) => {
  markEntryPaid(c.get("data"), c.req.param("id"));
  return c.redirect("/exact", 303);
});

pages.get("/exact/docs/attachment/:id", (c) => {
  const content = c.get("data").meta.get(`attachment:${c.req.param("id")}`) as string | undefined;
  if (!content) return c.notFound();
  return c.body(
    Uint8Array.from(atob(content), (ch) => ch.charCodeAt(0)),
    200,
    { "Content-Type": "application/pdf" },
  );
});
