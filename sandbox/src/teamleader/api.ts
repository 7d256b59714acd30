import { type Context, Hono } from "hono";
import type { SandboxEnv } from "../app-env";
import { faultsAndCounting } from "../faults";
import { authenticate } from "../oauth/grants";
import { renderPdf } from "../pdf";
import { creditNoteInfo, invoiceInfo } from "./documents";
import { ENDPOINTS } from "./endpoints";
import { fromQueryString } from "./query-string";
import { teamleaderRateLimit } from "./rate-limit";

/** The Teamleader Focus RPC API: POST /<resource>.<action> with a JSON body; `{data}` or `{errors:[{title}]}`. */
export const teamleaderApi = new Hono<SandboxEnv>();

const errors = (title: string) => ({ errors: [{ title }] });

teamleaderApi.use("/:endpoint", async (c, next) => {
  const data = c.get("data");
  const grant = authenticate(data, "teamleader", c.req.header("Authorization"));
  if (!grant) return c.json(errors("Unauthorized: the access token is missing, invalid or expired"), 401);
  c.set("grant", grant);
  // Counted per integration (client id) and Teamleader account.
  const clientId = data.oauth.chains.get(grant.chain)?.client_id ?? "";
  const accountId = data.tl.users.get(grant.user_id)?.account_id ?? data.tl.users.all()[0]?.account_id ?? "";
  const limit = teamleaderRateLimit(data, `teamleader:${clientId}:${accountId}`);
  for (const [name, value] of Object.entries(limit.headers)) c.header(name, value);
  if (!limit.allowed) return c.json(errors("Too Many Requests"), 429);
  await next();
});

teamleaderApi.use(
  "/:endpoint",
  faultsAndCounting(
    "teamleader",
    (c) => c.req.param("endpoint") ?? "",
    (c) => {
      c.header("X-RateLimit-Remaining", "0");
      c.header("X-RateLimit-Reset", new Date(c.get("data").now() + 2_000).toISOString().replace(/\.\d{3}Z$/, "+00:00"));
      return c.json(errors("Too Many Requests"), 429);
    },
  ),
);

teamleaderApi.post("/:endpoint", async (c) => {
  if (!ENDPOINTS[c.req.param("endpoint")])
    return c.json(errors(`Endpoint ${c.req.param("endpoint")} does not exist`), 404);
  let body: unknown = {};
  const text = await c.req.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return c.json(errors("The request body is not valid JSON"), 400);
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return c.json(errors("The request body must be a JSON object"), 400);
  return answer(c, body as Record<string, unknown>);
});

// The same endpoints answer GET with the body as a bracketed query string (`filter[status][]=matched`),
// as clients such as viaacode/teamleader2db call them.
teamleaderApi.get("/:endpoint", async (c) => {
  if (!ENDPOINTS[c.req.param("endpoint")])
    return c.json(errors(`Endpoint ${c.req.param("endpoint")} does not exist`), 404);
  return answer(c, fromQueryString(new URL(c.req.url).searchParams));
});

async function answer(c: Context<SandboxEnv>, body: Record<string, unknown>) {
  const handler = ENDPOINTS[c.req.param("endpoint") ?? ""]!;
  const result = await handler(c.get("data"), body, new URL(c.req.url).origin);
  if ("title" in result) return c.json(errors(result.title), result.status);
  if (result.status === 204) return c.body(null, 204);
  return c.json({ data: result.data }, result.status);
}

/** The temporary download location handed out by invoices.download / creditNotes.download. */
export const teamleaderFiles = new Hono<SandboxEnv>();

teamleaderFiles.get("/:kind{invoice|creditNote}/:file", (c) => {
  const data = c.get("data");
  const expires = Date.parse(c.req.query("expires") ?? "");
  if (!Number.isFinite(expires) || expires < data.now()) return c.text("This download link has expired.", 403);
  const id = c.req.param("file").replace(/\.pdf$/, "");
  const doc = data.tl.documents.get(id);
  if (!doc || doc.kind !== c.req.param("kind") || doc.deleted) return c.text("Not found", 404);
  data.countCall("teamleader file download");
  const info = doc.kind === "invoice" ? invoiceInfo(data, doc) : creditNoteInfo(data, doc);
  const number = "invoice_number" in info ? info.invoice_number : info.credit_note_number;
  const dept = data.tl.departments.get(doc.department_id);
  const pdf = renderPdf(`${doc.kind === "invoice" ? "Factuur" : "Creditnota"} ${number}`, [
    dept?.name ?? "",
    `Klant: ${info.invoicee.name}`,
    `Datum: ${doc.date}`,
    ...info.grouped_lines[0]!.line_items.map(
      (l) => `${l.quantity} x ${l.description}: ${l.total.tax_exclusive.amount.toFixed(2)} ${doc.currency}`,
    ),
    `Totaal excl. btw: ${info.total.tax_exclusive.amount.toFixed(2)} ${doc.currency}`,
    `Totaal incl. btw: ${info.total.tax_inclusive.amount.toFixed(2)} ${doc.currency}`,
  ]);
  return c.body(pdf, 200, {
    "Content-Type": "application/pdf",
    "Content-Disposition": `inline; filename="${(number ?? id).replace(/[^\w-]+/g, "-")}.pdf"`,
  });
});
