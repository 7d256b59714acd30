import { buildSalesEntry, type DivisionAmounts } from "../mapping/sales-entry";
import { fromInvoice, type SourceDocument } from "../mapping/source";
import * as tl from "../teamleader/api";
import type { ConnectionContext } from "./context";
import { creditedInvoiceNumber, type DocumentRef, fetchSource } from "./document-source";
import { loadRunMappings, type RunMappings } from "./mapping-context";
import { startDateFor } from "./options";
import { referenceData } from "./reference-data";

export interface PreviewLine {
  description: string;
  glAccount: string;
  vatCode: string;
  amount: number;
  vat: number;
}

export interface PreviewDocument {
  number: string;
  date: string;
  customer: string;
  currency: string;
  teamleader: { excl: number; incl: number };
  exact: { excl: number; vat: number; incl: number } | null;
  /** Teamleader's exchange rate as given, for a document in another currency than the division's. */
  exchangeRate: { from: string; to: string; rate: number } | null;
  /** What Exact books in the division's currency (its `Rate` and the total), when the entry can be built. */
  division: DivisionAmounts | null;
  lines: PreviewLine[];
  problems: string[];
}

export interface Preview {
  startDate: string | null;
  /** True when nothing dated from the start date exists yet, so recent invoices are shown as examples. */
  examples: boolean;
  documents: PreviewDocument[];
}

/**
 * The first invoices that would be booked, as the very sales entries the engine would post: built by the
 * same `buildSalesEntry`, with every problem that would block them. Reads only; writes nothing anywhere.
 */
export async function previewDocuments(ctx: ConnectionContext, limit = 5): Promise<Preview> {
  const startDate = startDateFor(ctx.options.historicalExport, new Date(), ctx.options.quarter);
  const mappings = await loadRunMappings(ctx);
  const glCodes = new Map(
    (await referenceData(ctx.db, ctx.exact, "glAccounts")).map((g) => [g.ID, `${g.Code} ${g.Description}`]),
  );
  const filter = {
    department_id: ctx.departmentId,
    status: ["outstanding", "matched"] as ("outstanding" | "matched")[],
  };
  let items =
    (await tl.invoicePages(ctx.tl, { ...filter, ...(startDate ? { invoice_date_after: startDate } : {}) }).next())
      .value ?? [];
  const examples = items.length === 0;
  if (examples) items = ((await tl.invoicePages(ctx.tl, filter).next()).value ?? []).slice(-limit).reverse();
  const documents: PreviewDocument[] = [];
  for (const item of items.slice(0, limit))
    documents.push(describe(fromInvoice(await tl.invoicesInfo(ctx.tl, item.id)), mappings, glCodes));
  return { startDate, examples, documents };
}

/** One document as the sales entry the engine builds from Teamleader's current data (null when it is gone). */
export async function previewDocument(ctx: ConnectionContext, ref: DocumentRef): Promise<PreviewDocument | null> {
  const fetched = await fetchSource(ctx, ref);
  if (fetched.state !== "found") return null;
  const mappings = {
    ...(await loadRunMappings(ctx)),
    creditedInvoiceNumber: ref.kind === "creditNote" ? await creditedInvoiceNumber(ctx, fetched.doc) : null,
  };
  const glCodes = new Map(
    (await referenceData(ctx.db, ctx.exact, "glAccounts")).map((g) => [g.ID, `${g.Code} ${g.Description}`]),
  );
  return describe(fetched.doc, mappings, glCodes);
}

function describe(
  doc: SourceDocument,
  mappings: RunMappings & { creditedInvoiceNumber?: string | null },
  glCodes: Map<string, string>,
): PreviewDocument {
  const built = buildSalesEntry(doc, { ...mappings, customerAccountId: "00000000-0000-0000-0000-000000000000" });
  // Teamleader's totals as they are booked, so both sides read alike: a credit note is negative.
  const sign = doc.kind === "creditNote" ? -1 : 1;
  return {
    number: doc.number,
    date: doc.date,
    customer: doc.customer.name,
    currency: doc.currency,
    teamleader: { excl: sign * doc.totalExcl, incl: sign * doc.totalIncl },
    exact: built.ok ? built.totals : null,
    exchangeRate: doc.currency === mappings.divisionCurrency ? null : doc.exchangeRate,
    division: built.ok ? built.division : null,
    lines: built.ok
      ? built.entry.SalesEntryLines.map((l) => ({
          description: l.Description ?? "",
          glAccount: glCodes.get(l.GLAccount) ?? l.GLAccount,
          vatCode: l.VATCode ?? "",
          amount: l.AmountFC,
          vat: l.VATAmountFC ?? 0,
        }))
      : [],
    problems: built.ok ? [] : built.problems.map((p) => p.message),
  };
}
