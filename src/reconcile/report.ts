import { eq } from "drizzle-orm";
import { documentPairs } from "../db/schema";
import type { ConnectionContext } from "../sync/context";
import { type Comparison, compare, type PairFacts } from "./compare";
import type { Period } from "./period";
import { entriesById, journalEntriesInPeriod } from "./read-exact";
import { teamleaderDocumentsInPeriod } from "./read-teamleader";

export interface Reconciliation extends Comparison {
  period: Period;
  administration: { division: number; name: string | null; journal: string; department: string | null };
  /** When Exact's (and Teamleader's) figures were read: the report is a snapshot of that moment. */
  readAt: string;
  /** Every amount in this report is in cents of the documents' currency. */
  amountsIn: "cents";
}

/**
 * Reads both sides for one period and compares them. Exact's figures come from Exact itself (the journal's
 * entries in the period); the connector's own records only explain differences and tell our entries apart.
 */
export async function reconcile(ctx: ConnectionContext, period: Period): Promise<Reconciliation> {
  const journal = ctx.connection.salesJournal!;
  const readAt = new Date().toISOString();
  const [documents, entries, pairRows] = await Promise.all([
    teamleaderDocumentsInPeriod(ctx.tl, ctx.departmentId, period, ctx.options.syncCreditNotes),
    journalEntriesInPeriod(ctx.exact, journal, period),
    ctx.db
      .select({
        tlType: documentPairs.tlType,
        tlId: documentPairs.tlId,
        tlNumber: documentPairs.tlNumber,
        status: documentPairs.status,
        exactEntryId: documentPairs.exactEntryId,
        exactEntryNumber: documentPairs.exactEntryNumber,
        totalIncl: documentPairs.totalIncl,
        documentDate: documentPairs.documentDate,
        errorMessage: documentPairs.errorMessage,
      })
      .from(documentPairs)
      .where(eq(documentPairs.connectionId, ctx.connection.id))
      .all(),
  ]);
  const pairs: PairFacts[] = pairRows;
  // Our entries for documents in the period that Exact did not list for it: moved to another date, or deleted.
  const listed = new Set(entries.map((e) => e.EntryID.toLowerCase()));
  const inPeriod = new Set(documents.map((d) => `${d.kind}:${d.id}`));
  const missing = pairs
    .filter((p) => p.exactEntryId && inPeriod.has(`${p.tlType}:${p.tlId}`) && !listed.has(p.exactEntryId.toLowerCase()))
    .map((p) => p.exactEntryId!);
  const movedEntries = missing.length ? await entriesById(ctx.exact, missing) : [];
  return {
    ...compare({ period, documents, entries, movedEntries, pairs, startDate: ctx.options.startDate }),
    period,
    administration: {
      division: ctx.division,
      name: ctx.connection.exactDivisionName,
      journal,
      department: ctx.connection.departmentName,
    },
    readAt,
    amountsIn: "cents",
  };
}
