import { z } from "zod";
import type { TeamleaderClient } from "../teamleader/client";
import { inPeriod, type Period } from "./period";

const Money = z.object({ amount: z.number() });
/** The totals a list item carries (SPEC: `total.tax_exclusive`, `tax_inclusive`, `taxes[]` on both lists). */
const Totals = z.object({
  tax_exclusive: Money,
  tax_inclusive: Money,
  taxes: z.array(z.object({ rate: z.number(), taxable: Money, tax: Money })),
});
const InvoiceItem = z.object({
  id: z.string(),
  invoice_number: z.string().nullish(),
  invoice_date: z.string().nullish(),
  currency: z.string().nullish(),
  total: Totals,
});
const CreditNoteItem = z.object({
  id: z.string(),
  credit_note_number: z.string().nullish(),
  credit_note_date: z.string().nullish(),
  currency: z.string().nullish(),
  total: Totals,
});

export interface TeamleaderDocument {
  kind: "invoice" | "creditNote";
  id: string;
  number: string;
  date: string;
  /** Cents; credit notes negative, as they are booked. */
  excl: number;
  vat: number;
  incl: number;
  /** Per rate (0.21 …): cents. */
  taxes: { rate: number; excl: number; vat: number }[];
}

export const cents = (amount: number) => Math.round(amount * 100);

function toDocument(
  kind: TeamleaderDocument["kind"],
  id: string,
  number: string | null | undefined,
  date: string,
  total: z.infer<typeof Totals>,
): TeamleaderDocument {
  const sign = kind === "creditNote" ? -1 : 1;
  const excl = sign * cents(total.tax_exclusive.amount);
  const incl = sign * cents(total.tax_inclusive.amount);
  return {
    kind,
    id,
    number: number ?? id,
    date,
    excl,
    vat: incl - excl,
    incl,
    taxes: total.taxes.map((t) => ({
      rate: t.rate,
      excl: sign * cents(t.taxable.amount),
      vat: sign * cents(t.tax.amount),
    })),
  };
}

/**
 * The department's booked invoices (outstanding or matched) and credit notes dated in the period, from
 * Teamleader's lists (100 a page, totals included, so no `.info` per document). The date bounds are sent
 * and checked again here: `invoice_date_before` is inclusive and `credit_note_date_before` exclusive.
 */
export async function teamleaderDocumentsInPeriod(
  tl: TeamleaderClient,
  departmentId: string,
  period: Period,
  withCreditNotes: boolean,
): Promise<TeamleaderDocument[]> {
  const documents: TeamleaderDocument[] = [];
  const invoices = tl.pages(
    "invoices.list",
    {
      filter: {
        department_id: departmentId,
        status: ["outstanding", "matched"],
        invoice_date_after: period.from,
        invoice_date_before: period.to,
      },
      sort: [{ field: "invoice_date", order: "asc" }],
    },
    InvoiceItem,
  );
  for await (const page of invoices)
    for (const item of page)
      if (inPeriod(period, item.invoice_date))
        documents.push(toDocument("invoice", item.id, item.invoice_number, item.invoice_date!, item.total));
  if (!withCreditNotes) return documents;
  const notes = tl.pages(
    "creditNotes.list",
    {
      filter: {
        department_id: departmentId,
        credit_note_date_after: period.from,
        credit_note_date_before: period.until,
      },
    },
    CreditNoteItem,
  );
  for await (const page of notes)
    for (const item of page)
      if (inPeriod(period, item.credit_note_date))
        documents.push(toDocument("creditNote", item.id, item.credit_note_number, item.credit_note_date!, item.total));
  return documents;
}
