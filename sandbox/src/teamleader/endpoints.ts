import { z } from "zod";
import type { TlAddress, TlDocument } from "../model";
import type { SandboxData } from "../state";
import {
  computeTotals,
  creditNoteInfo,
  creditNoteListItem,
  invoiceInfo,
  invoiceListItem,
  taxRateLookup,
} from "./documents";
import { acceptableWebhookUrl, fireWebhooks, WEBHOOK_TYPES } from "./webhooks";

export type RpcResult = { status: 200 | 201 | 204; data?: unknown } | { status: 400 | 404; title: string };
export type Rpc = (data: SandboxData, body: Record<string, unknown>, origin: string) => RpcResult | Promise<RpcResult>;

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Numbers are coerced because a GET query string (`page[size]=10`) carries them as text.
const Page = z
  .object({
    size: z.coerce.number().int().min(1).max(100).default(20),
    number: z.coerce.number().int().min(1).default(1),
  })
  .default({ size: 20, number: 1 });
const Id = z.object({ id: z.string() });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> | RpcResult {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  return { status: 400, title: `${issue.path.join(".") || "body"}: ${issue.message}` };
}
const failed = (v: unknown): v is RpcResult =>
  typeof v === "object" &&
  v !== null &&
  "status" in v &&
  typeof (v as RpcResult).status === "number" &&
  ("title" in v || "data" in v);
const page = <T>(items: T[], p: { size: number; number: number }) =>
  items.slice((p.number - 1) * p.size, p.number * p.size);
const notFound = (what: string): RpcResult => ({ status: 404, title: `${what} not found` });

const docs = (data: SandboxData, kind: TlDocument["kind"]) =>
  data.tl.documents.filter((d) => d.kind === kind && !d.deleted);

const InvoiceList = z.object({
  filter: z
    .object({
      ids: z.array(z.string()).optional(),
      department_id: z.string().optional(),
      status: z.array(z.enum(["draft", "outstanding", "matched"])).optional(),
      updated_since: z.string().regex(ISO_DATETIME, "must be an ISO-8601 datetime with offset").optional(),
      invoice_date_after: z.string().regex(DATE).optional(),
      invoice_date_before: z.string().regex(DATE).optional(),
      term: z.string().optional(),
      invoice_number: z.string().optional(),
      deal_id: z.string().optional(),
      project_id: z.string().optional(),
      subscription_id: z.string().optional(),
      purchase_order_number: z.string().optional(),
      payment_reference: z.string().optional(),
      customer: z.object({ type: z.enum(["company", "contact"]), id: z.string() }).optional(),
    })
    .default({}),
  // SPEC: field defaults to invoice_number, order to desc.
  sort: z
    .array(
      z.object({
        field: z.enum(["invoice_number", "invoice_date"]).default("invoice_number"),
        order: z.enum(["asc", "desc"]).default("desc"),
      }),
    )
    .optional(),
  page: Page,
});

const CreditNoteList = z.object({
  filter: z
    .object({
      ids: z.array(z.string()).optional(),
      department_id: z.string().optional(),
      invoice_id: z.string().optional(),
      project_id: z.string().optional(),
      updated_since: z.string().regex(ISO_DATETIME, "must be an ISO-8601 datetime with offset").optional(),
      credit_note_date_after: z.string().regex(DATE).optional(),
      credit_note_date_before: z.string().regex(DATE).optional(),
      customer: z.object({ type: z.enum(["company", "contact"]), id: z.string() }).optional(),
    })
    .default({}),
  page: Page,
});

const Payment = z.object({
  id: z.string(),
  payment: z.object({ amount: z.number().positive(), currency: z.string().length(3) }),
  paid_at: z.string().regex(ISO_DATETIME, "must be an ISO-8601 datetime"),
  payment_method_id: z.string().optional(),
});

const WebhookBody = z.object({ url: z.string(), types: z.array(z.string()).min(1) });

const sortKey = (d: TlDocument) =>
  `${(d.number ?? "").split(" / ")[0]}${(d.number ?? "").split(" / ")[1]?.padStart(8, "0") ?? ""}`;

export const ENDPOINTS: Record<string, Rpc> = {
  "users.me": (data) => {
    const user = data.tl.users.all()[0]!;
    const { account_id, ...rest } = user;
    return {
      status: 200,
      data: {
        ...rest,
        account: { type: "account", id: account_id },
        email_verification_status: "confirmed",
        telephones: [],
        function: null,
        time_zone: "Europe/Amsterdam",
        preferences: { invoiceable: true, historic_time_tracking_limit: null, whitelabeling: false },
      },
    };
  },
  "departments.list": (data) => ({
    status: 200,
    data: data.tl.departments.all().map(({ id, name, vat_number, currency, emails, status }) => ({
      id,
      name,
      vat_number,
      currency,
      emails,
      status,
    })),
  }),
  "departments.info": (data, body) => {
    const input = parse(Id, body);
    if (failed(input)) return input;
    const dept = data.tl.departments.get(input.id);
    return dept ? { status: 200, data: dept } : notFound("Department");
  },
  "invoices.list": (data, body) => {
    const input = parse(InvoiceList, body);
    if (failed(input)) return input;
    const f = input.filter;
    let items = docs(data, "invoice").filter(
      (d) =>
        (!f.ids || f.ids.includes(d.id)) &&
        (!f.department_id || d.department_id === f.department_id) &&
        (!f.status || f.status.includes(d.status as "draft")) &&
        (!f.updated_since || Date.parse(d.updated_at) > Date.parse(f.updated_since)) &&
        (!f.invoice_date_after || (d.date ?? "") >= f.invoice_date_after) &&
        (!f.invoice_date_before || (d.date !== null && d.date <= f.invoice_date_before)) &&
        (!f.customer || (d.customer.type === f.customer.type && d.customer.id === f.customer.id)) &&
        (!f.invoice_number || d.number === f.invoice_number) &&
        (!f.purchase_order_number || d.purchase_order_number === f.purchase_order_number) &&
        (!f.payment_reference || d.payment_reference === f.payment_reference) &&
        // Demo documents belong to no deal, project or subscription.
        !f.deal_id &&
        !f.project_id &&
        !f.subscription_id &&
        (!f.term || matchesTerm(data, d, f.term)),
    );
    const sort = input.sort?.[0] ?? { field: "invoice_number", order: "desc" };
    const key = (d: TlDocument) => (sort.field === "invoice_date" ? `${d.date ?? ""}${sortKey(d)}` : sortKey(d));
    items = items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (sort.order === "desc" ? -1 : 1));
    return { status: 200, data: page(items, input.page).map((d) => invoiceListItem(data, d)) };
  },
  "invoices.info": (data, body) => {
    const input = parse(Id, body);
    if (failed(input)) return input;
    const doc = data.tl.documents.get(input.id);
    return doc && doc.kind === "invoice" && !doc.deleted
      ? { status: 200, data: invoiceInfo(data, doc) }
      : notFound("Invoice");
  },
  "invoices.download": (data, body, origin) => download(data, body, origin, "invoice"),
  "invoices.registerPayment": async (data, body) => {
    const input = parse(Payment, body);
    if (failed(input)) return input;
    const doc = data.tl.documents.get(input.id);
    if (doc?.kind !== "invoice" || doc.deleted) return notFound("Invoice");
    if (doc.status === "draft") return { status: 400, title: "Payments can only be registered on booked invoices" };
    if (input.payment.currency !== doc.currency)
      return { status: 400, title: `payment.currency must be ${doc.currency}` };
    doc.payments.push({ paid_at: input.paid_at, payment: input.payment });
    const payable = computeTotals(doc, taxRateLookup(data)).total.payable.amount;
    const paid = doc.payments.reduce((sum, p) => sum + p.payment.amount, 0);
    if (paid + 0.005 >= payable) doc.status = "matched";
    doc.updated_at = new Date(data.now()).toISOString().replace(/\.\d{3}Z$/, "+00:00");
    data.tl.documents.put(doc.id, doc);
    await fireWebhooks(data, "invoice.paymentRegistered", { type: "invoice", id: doc.id });
    return { status: 204 };
  },
  "creditNotes.list": (data, body) => {
    const input = parse(CreditNoteList, body);
    if (failed(input)) return input;
    const f = input.filter;
    const items = docs(data, "creditNote").filter(
      (d) =>
        (!f.ids || f.ids.includes(d.id)) &&
        (!f.department_id || d.department_id === f.department_id) &&
        (!f.invoice_id || d.invoice_id === f.invoice_id) &&
        !f.project_id &&
        (!f.updated_since || Date.parse(d.updated_at) > Date.parse(f.updated_since)) &&
        (!f.credit_note_date_after || (d.date ?? "") >= f.credit_note_date_after) &&
        // credit_note_date_before is exclusive, unlike invoice_date_before.
        (!f.credit_note_date_before || (d.date ?? "") < f.credit_note_date_before) &&
        (!f.customer || (d.customer.type === f.customer.type && d.customer.id === f.customer.id)),
    );
    // No order is documented for creditNotes.list; the sandbox lists by number, oldest first (docs/sandbox.md).
    return {
      status: 200,
      data: page(
        items.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
        input.page,
      ).map((d) => creditNoteListItem(data, d)),
    };
  },
  // Documented with `data` as an array; the sandbox answers that way so clients must accept it.
  "creditNotes.info": (data, body) => {
    const input = parse(Id, body);
    if (failed(input)) return input;
    const doc = data.tl.documents.get(input.id);
    return doc && doc.kind === "creditNote" && !doc.deleted
      ? { status: 200, data: [creditNoteInfo(data, doc)] }
      : notFound("Credit note");
  },
  "creditNotes.download": (data, body, origin) => download(data, body, origin, "creditNote"),
  "companies.info": (data, body) => {
    const input = parse(Id, body);
    if (failed(input)) return input;
    const company = data.tl.companies.get(input.id);
    return company
      ? {
          status: 200,
          data: {
            ...company,
            addresses: withAddressee(company.addresses),
            business_type: null,
            iban: null,
            bic: null,
            payment_term: null,
            invoicing_preferences: { electronic_invoicing_address: null },
            responsible_user: { type: "user", id: data.tl.users.all()[0]!.id },
            remarks: "",
            web_url: `https://focus.teamleader.eu/company_detail.php?id=${company.id}`,
            tags: [],
            custom_fields: [],
            marketing_mails_consent: false,
          },
        }
      : notFound("Company");
  },
  "contacts.info": (data, body) => {
    const input = parse(Id, body);
    if (failed(input)) return input;
    const contact = data.tl.contacts.get(input.id);
    return contact
      ? {
          status: 200,
          data: {
            ...contact,
            addresses: withAddressee(contact.addresses),
            status: "active",
            website: null,
            gender: "unknown",
            birthdate: null,
            companies: [],
            iban: null,
            bic: null,
            payment_term: null,
            invoicing_preferences: { electronic_invoicing_address: null },
            remarks: "",
            tags: [],
            custom_fields: [],
            marketing_mails_consent: false,
            web_url: `https://focus.teamleader.eu/contact_detail.php?id=${contact.id}`,
          },
        }
      : notFound("Contact");
  },
  "taxRates.list": (data, body) => {
    const input = parse(
      z.object({ filter: z.object({ department_id: z.string().optional() }).default({}), page: Page }),
      body,
    );
    if (failed(input)) return input;
    const rates = data.tl.taxRates.filter(
      (r) => !input.filter.department_id || r.department.id === input.filter.department_id,
    );
    return { status: 200, data: page(rates, input.page) };
  },
  "productCategories.list": (data, body) => {
    const input = parse(z.object({ filter: z.object({ department_id: z.string().optional() }).default({}) }), body);
    if (failed(input)) return input;
    const dept = input.filter.department_id;
    const categories = data.tl.productCategories
      .all()
      .map((c) => ({ ...c, ledgers: c.ledgers.filter((l) => !dept || l.department.id === dept) }));
    return { status: 200, data: categories };
  },
  "paymentMethods.list": (data, body) => {
    const input = parse(z.object({ page: Page }).passthrough(), body);
    if (failed(input)) return input;
    return { status: 200, data: page(data.tl.paymentMethods.all(), input.page) };
  },
  "webhooks.register": (data, body) => {
    const input = parse(WebhookBody, body);
    if (failed(input)) return input;
    if (!acceptableWebhookUrl(input.url)) return { status: 400, title: "url must be a valid https URL" };
    const unknown = input.types.find((t) => !WEBHOOK_TYPES.has(t));
    if (unknown) return { status: 400, title: `types: unknown webhook type ${unknown}` };
    const existing = data.tl.webhooks.get(input.url);
    data.tl.webhooks.put(input.url, {
      url: input.url,
      types: [...new Set([...(existing?.types ?? []), ...input.types])],
    });
    return { status: 204 };
  },
  "webhooks.list": (data) => ({ status: 200, data: data.tl.webhooks.all().sort((a, b) => a.url.localeCompare(b.url)) }),
  "webhooks.unregister": (data, body) => {
    const input = parse(WebhookBody, body);
    if (failed(input)) return input;
    const existing = data.tl.webhooks.get(input.url);
    if (existing) {
      const types = existing.types.filter((t) => !input.types.includes(t));
      if (types.length) data.tl.webhooks.put(input.url, { url: input.url, types });
      else data.tl.webhooks.delete(input.url);
    }
    return { status: 204 };
  },
};

function download(
  data: SandboxData,
  body: Record<string, unknown>,
  origin: string,
  kind: TlDocument["kind"],
): RpcResult {
  const input = parse(
    z.object({
      id: z.string(),
      format: z.enum(kind === "invoice" ? ["pdf", "ubl/e-fff", "ubl/peppol_bis_3"] : ["pdf", "ubl/e-fff"]),
    }),
    body,
  );
  if (failed(input)) return input;
  if (input.format !== "pdf") return { status: 400, title: "The sandbox only renders the pdf format" };
  const doc = data.tl.documents.get(input.id);
  if (!doc || doc.kind !== kind || doc.deleted) return notFound(kind === "invoice" ? "Invoice" : "Credit note");
  if (doc.status === "draft") return { status: 400, title: "A draft invoice cannot be downloaded" };
  const expires = new Date(data.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
  return {
    status: 200,
    data: {
      location: `${origin}/teamleader/files/${kind}/${doc.id}.pdf?expires=${encodeURIComponent(expires)}`,
      expires,
    },
  };
}

/** SPEC: `term` "filters on invoice number, purchase order number, payment reference and invoicee". */
function matchesTerm(data: SandboxData, doc: TlDocument, term: string): boolean {
  const customer =
    doc.customer.type === "company" ? data.tl.companies.get(doc.customer.id) : data.tl.contacts.get(doc.customer.id);
  const name =
    customer && "name" in customer ? customer.name : customer ? `${customer.first_name} ${customer.last_name}` : "";
  const needle = term.toLowerCase();
  return [doc.number, doc.purchase_order_number, doc.payment_reference, name].some((value) =>
    (value ?? "").toLowerCase().includes(needle),
  );
}

/** SPEC companies.info / contacts.info: the addressee sits inside `address`. */
const withAddressee = (addresses: TlAddress[]) =>
  addresses.map(({ type, address, addressee }) => ({ type, address: { ...address, addressee } }));
