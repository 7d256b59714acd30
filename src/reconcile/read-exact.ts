import { z } from "zod";
import type { ExactClient } from "../exact/client";
import { datetime, guid, parseODataDate, str } from "../exact/odata";
import type { Period } from "./period";

/**
 * What the reconciliation reads of Exact's sales entries: the header and its lines (VAT code, amount, VAT).
 * Only the fields the comparison uses are required.
 */
const ODataDate = z.string().transform((v) => parseODataDate(v).toISOString().slice(0, 10));
export const PeriodEntryLine = z.object({
  AmountFC: z.number(),
  VATAmountFC: z.number().nullish(),
  VATCode: z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null),
});
export const PeriodEntry = z.object({
  EntryID: z.string(),
  EntryNumber: z.number().int().nullish(),
  YourRef: z.string().nullish(),
  EntryDate: ODataDate,
  Currency: z.string().nullish(),
  Customer: z.string().nullish(),
  AmountFC: z.number().nullish(),
  VATAmountFC: z.number().nullish(),
  SalesEntryLines: z.object({ results: z.array(PeriodEntryLine) }),
});
export type PeriodEntry = z.infer<typeof PeriodEntry>;

const SELECT = [
  "EntryID",
  "EntryNumber",
  "YourRef",
  "EntryDate",
  "Currency",
  "AmountFC",
  "VATAmountFC",
  "SalesEntryLines",
];

/**
 * Every sales entry of one journal dated in the period, with its lines expanded: one call per 60 entries
 * (`salesentry/SalesEntries` pages by 60, Exact's reference), so a quarter of ~150 invoices is 3 calls.
 * Filtering on Journal and EntryDate is what a non-sync endpoint allows; sync endpoints take Timestamp only.
 */
export const journalEntriesInPeriod = (exact: ExactClient, journal: string, period: Period) =>
  exact.list(
    "salesentry/SalesEntries",
    {
      filter: `Journal eq ${str(journal)} and EntryDate ge ${datetime(period.from)} and EntryDate lt ${datetime(period.until)}`,
      select: SELECT,
      expand: "SalesEntryLines",
    },
    PeriodEntry,
  );

/** Entries we booked that the period read did not return: still there (dated elsewhere now) or gone. */
export async function entriesById(exact: ExactClient, ids: string[]): Promise<PeriodEntry[]> {
  const found: PeriodEntry[] = [];
  // About 40 `or` clauses keep the URL short (OSSO's batching).
  for (let i = 0; i < ids.length; i += 40) {
    const filter = ids
      .slice(i, i + 40)
      .map((id) => `EntryID eq ${guid(id)}`)
      .join(" or ");
    found.push(
      ...(await exact.list(
        "salesentry/SalesEntries",
        { filter, select: SELECT, expand: "SalesEntryLines" },
        PeriodEntry,
      )),
    );
  }
  return found;
}
