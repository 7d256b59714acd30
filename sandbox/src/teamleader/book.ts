import type { TlDocument } from "../model";
import type { SandboxData } from "../state";
import { fireWebhooks } from "./webhooks";

/** Books a new invoice in the emulated Teamleader (as a user would) and fires `invoice.booked`. */
export async function bookNewInvoice(
  data: SandboxData,
  input: { departmentId?: string; customerId?: string; lines?: TlDocument["lines"] },
) {
  const department = input.departmentId ? data.tl.departments.get(input.departmentId) : data.tl.departments.all()[0];
  if (!department) throw new Error("unknown department");
  const company = input.customerId ? data.tl.companies.get(input.customerId) : data.tl.companies.all()[0];
  if (!company) throw new Error("unknown customer");
  const rates = data.tl.taxRates.filter((r) => r.department.id === department.id);
  const high = rates.find((r) => r.rate > 0.2) ?? rates[0]!;
  const now = new Date(data.now());
  const date = now.toISOString().slice(0, 10);
  const year = date.slice(0, 4);
  const taken = data.tl.documents
    .filter(
      (d) => d.kind === "invoice" && d.department_id === department.id && (d.number ?? "").startsWith(`${year} / `),
    )
    .map((d) => Number(d.number!.split(" / ")[1]));
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "+00:00");
  const doc: TlDocument = {
    kind: "invoice",
    id: crypto.randomUUID(),
    department_id: department.id,
    number: `${year} / ${Math.max(0, ...taken) + 1}`,
    date,
    due_on: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    status: "outstanding",
    customer: { type: "company", id: company.id },
    for_attention_of: null,
    purchase_order_number: null,
    payment_reference: null,
    currency: "EUR",
    exchange_rate: 1,
    lines: input.lines ?? [
      {
        description: "Advies (uur)",
        quantity: 3,
        unit_price: 95,
        tax_rate_id: high.id,
        discount_pct: null,
        product_category_id: null,
      },
    ],
    discount_pct: null,
    payments: [],
    invoice_id: null,
    created_at: stamp,
    updated_at: stamp,
    deleted: false,
  };
  data.tl.documents.put(doc.id, doc);
  await fireWebhooks(data, "invoice.booked", { type: "invoice", id: doc.id });
  return doc;
}
