import type { Period } from "./period";
import type { PeriodEntry } from "./read-exact";
import { cents, type TeamleaderDocument } from "./read-teamleader";

/** Amounts are in cents throughout: a report that must close to the cent never adds floats. */
export interface Figures {
  count: number;
  excl: number;
  vat: number;
  incl: number;
}

export const CAUSES = [
  "not_booked_pending",
  "not_booked_failed",
  "not_booked_skipped",
  "booked_other_amount",
  "changed_in_exact",
  "deleted_in_exact",
  "duplicate_in_exact",
  "deleted_in_teamleader",
  "booked_by_hand",
] as const;
export type Cause = (typeof CAUSES)[number];

export interface Difference {
  documentNumber: string | null;
  kind: "invoice" | "creditNote" | "entry";
  cause: Cause;
  /** Plain words: what happened and, where we know it, why. */
  detail: string;
  /** Incl. VAT, cents; null when that side has nothing. */
  teamleaderAmount: number | null;
  exactAmount: number | null;
  exactEntryNumber: number | null;
}

/** What the connector knows of a document (its pair row); used to explain, never to count. */
export interface PairFacts {
  tlType: "invoice" | "creditNote";
  tlId: string;
  tlNumber: string | null;
  status: string;
  exactEntryId: string | null;
  exactEntryNumber: number | null;
  /** Teamleader's total incl. VAT when last processed (document currency, as Teamleader shows it). */
  totalIncl: number | null;
  documentDate: string | null;
  errorMessage: string | null;
}

export interface ExactSide extends Figures {
  byVatCode: (Figures & { vatCode: string | null })[];
  byConnector: Figures;
  byOthers: Figures;
}

export interface Comparison {
  teamleader: Figures & { byRate: (Figures & { rate: number })[] };
  exact: ExactSide;
  differences: Difference[];
  verdict: { closes: boolean; differenceCount: number; differenceSum: number; excl: number; vat: number };
}

const zero = (): Figures => ({ count: 0, excl: 0, vat: 0, incl: 0 });
const add = (to: Figures, excl: number, vat: number, count = 1) => {
  to.count += count;
  to.excl += excl;
  to.vat += vat;
  to.incl += excl + vat;
};

export function entryFigures(entry: PeriodEntry): { excl: number; vat: number; incl: number } {
  let excl = 0;
  let vat = 0;
  for (const line of entry.SalesEntryLines.results) {
    excl += cents(line.AmountFC);
    vat += cents(line.VATAmountFC ?? 0);
  }
  return { excl, vat, incl: excl + vat };
}

const sameAmounts = (a: { excl: number; vat: number }, b: { excl: number; vat: number }) =>
  a.excl === b.excl && a.vat === b.vat;

const euros = (c: number) => (c / 100).toFixed(2);

/**
 * Side by side: Teamleader's documents in the period against the entries Exact holds in the journal for the
 * period. Every document and every entry ends up either matched to the cent or in exactly one difference,
 * so the differences add up to the gap between the two totals.
 */
export function compare(input: {
  period: Period;
  documents: TeamleaderDocument[];
  entries: PeriodEntry[];
  /** Our entries the period read did not return, looked up by EntryID (gone when absent). */
  movedEntries: PeriodEntry[];
  pairs: PairFacts[];
  /** Documents dated before it are never booked (the connection's historical export choice). */
  startDate?: string | null;
}): Comparison {
  const { documents, entries, pairs } = input;
  const teamleader = { ...zero(), byRate: [] as (Figures & { rate: number })[] };
  const rates = new Map<number, Figures>();
  for (const doc of documents) {
    add(teamleader, doc.excl, doc.vat);
    for (const tax of doc.taxes) {
      const figures = rates.get(tax.rate) ?? zero();
      add(figures, tax.excl, tax.vat);
      rates.set(tax.rate, figures);
    }
  }
  teamleader.byRate = [...rates].sort(([a], [b]) => b - a).map(([rate, f]) => ({ rate, ...f }));

  const pairByDocument = new Map(pairs.map((p) => [`${p.tlType}:${p.tlId}`, p]));
  const pairByEntry = new Map(pairs.filter((p) => p.exactEntryId).map((p) => [p.exactEntryId!.toLowerCase(), p]));
  const isOurs = (entry: PeriodEntry) => pairByEntry.has(entry.EntryID.toLowerCase());

  const exact: ExactSide = { ...zero(), byVatCode: [], byConnector: zero(), byOthers: zero() };
  const codes = new Map<string | null, Figures>();
  for (const entry of entries) {
    const f = entryFigures(entry);
    add(exact, f.excl, f.vat);
    add(isOurs(entry) ? exact.byConnector : exact.byOthers, f.excl, f.vat);
    for (const line of entry.SalesEntryLines.results) {
      const figures = codes.get(line.VATCode) ?? zero();
      add(figures, cents(line.AmountFC), cents(line.VATAmountFC ?? 0), 0);
      codes.set(line.VATCode, figures);
    }
    // A code counts the entries that use it, once each.
    for (const code of new Set(entry.SalesEntryLines.results.map((l) => l.VATCode))) codes.get(code)!.count++;
  }
  exact.byVatCode = [...codes]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([vatCode, f]) => ({ vatCode, ...f }));

  const differences: Difference[] = [];
  const used = new Set<string>();
  const byYourRef = new Map<string, PeriodEntry[]>();
  for (const entry of entries) {
    const ref = entry.YourRef?.trim();
    if (ref) byYourRef.set(ref, [...(byYourRef.get(ref) ?? []), entry]);
  }
  const entryById = new Map(entries.map((e) => [e.EntryID.toLowerCase(), e]));
  const movedById = new Map(input.movedEntries.map((e) => [e.EntryID.toLowerCase(), e]));

  for (const doc of documents) {
    const pair = pairByDocument.get(`${doc.kind}:${doc.id}`);
    const base = { documentNumber: doc.number, kind: doc.kind, teamleaderAmount: doc.incl };
    const entryId = pair?.exactEntryId?.toLowerCase();
    if (!pair && input.startDate && doc.date < input.startDate) {
      differences.push({
        ...base,
        cause: "not_booked_skipped",
        detail: `Not booked: dated before the connection's start date ${input.startDate}.`,
        exactAmount: null,
        exactEntryNumber: null,
      });
      continue;
    }
    if (!pair || !entryId) {
      const status = pair?.status ?? "pending";
      const cause: Cause =
        status === "failed" ? "not_booked_failed" : status === "skipped" ? "not_booked_skipped" : "not_booked_pending";
      const why =
        status === "failed"
          ? `failed: ${pair?.errorMessage ?? "see the document's history"}`
          : status === "skipped"
            ? `skipped${pair?.errorMessage ? `: ${pair.errorMessage}` : ""}`
            : status === "posting"
              ? "being posted; the next run confirms it"
              : "waiting for the next run";
      differences.push({
        ...base,
        cause,
        detail: `Not yet booked in Exact (${why}).`,
        exactAmount: null,
        exactEntryNumber: null,
      });
      continue;
    }
    const entry = entryById.get(entryId);
    if (!entry) {
      const moved = movedById.get(entryId);
      differences.push(
        moved
          ? {
              ...base,
              cause: "changed_in_exact",
              detail: `Changed in Exact after booking: entry ${moved.EntryNumber ?? "?"} is now dated ${moved.EntryDate}, outside ${input.period.label}.`,
              exactAmount: null,
              exactEntryNumber: moved.EntryNumber ?? null,
            }
          : {
              ...base,
              cause: "deleted_in_exact",
              detail: `Deleted in Exact: entry ${pair.exactEntryNumber ?? "?"} that the connector booked no longer exists. It is not booked again by itself.`,
              exactAmount: null,
              exactEntryNumber: pair.exactEntryNumber,
            },
      );
      continue;
    }
    used.add(entryId);
    const f = entryFigures(entry);
    if (!sameAmounts(f, doc)) {
      const teamleaderChanged =
        pair.status === "drifted" ||
        (pair.totalIncl !== null && Math.abs(cents(pair.totalIncl)) !== Math.abs(doc.incl));
      differences.push({
        ...base,
        cause: teamleaderChanged ? "booked_other_amount" : "changed_in_exact",
        detail: teamleaderChanged
          ? `Booked with another amount: Teamleader now says ${euros(doc.incl)}, Exact holds ${euros(f.incl)} (the document changed in Teamleader after booking).`
          : `Changed in Exact after booking: booked as ${euros(doc.excl)} excl. + ${euros(doc.vat)} VAT, Exact now holds ${euros(f.excl)} + ${euros(f.vat)}.`,
        exactAmount: f.incl,
        exactEntryNumber: entry.EntryNumber ?? null,
      });
    }
  }

  const documentNumbers = new Set(documents.map((d) => d.number));
  for (const entry of entries) {
    const id = entry.EntryID.toLowerCase();
    if (used.has(id)) continue;
    const f = entryFigures(entry);
    const pair = pairByEntry.get(id);
    const ref = entry.YourRef?.trim() ?? null;
    const row = {
      documentNumber: ref,
      teamleaderAmount: null,
      exactAmount: f.incl,
      exactEntryNumber: entry.EntryNumber ?? null,
    };
    if (pair?.status === "deleted") {
      differences.push({
        ...row,
        kind: pair.tlType,
        cause: "deleted_in_teamleader",
        detail: `In Exact but deleted in Teamleader: reverse entry ${entry.EntryNumber ?? "?"} by hand.`,
      });
    } else if (pair) {
      differences.push({
        ...row,
        kind: pair.tlType,
        cause: "changed_in_exact",
        detail: `Changed in Exact after booking: entry ${entry.EntryNumber ?? "?"} is dated ${entry.EntryDate} in Exact, the document ${pair.documentDate ?? "?"} in Teamleader.`,
      });
    } else if (ref && documentNumbers.has(ref) && (byYourRef.get(ref)?.length ?? 0) > 1) {
      differences.push({
        ...row,
        kind: "entry",
        cause: "duplicate_in_exact",
        detail: `Present twice in Exact: entry ${entry.EntryNumber ?? "?"} has the same YourRef ${ref} as the connector's entry.`,
      });
    } else {
      differences.push({
        ...row,
        kind: "entry",
        cause: "booked_by_hand",
        detail: `Booked by hand in Exact: entry ${entry.EntryNumber ?? "?"}${ref ? ` (YourRef ${ref})` : ""} was not made by the connector.`,
      });
    }
  }

  const differenceSum = differences.reduce((sum, d) => sum + (d.teamleaderAmount ?? 0) - (d.exactAmount ?? 0), 0);
  const closes = differences.length === 0 && teamleader.excl === exact.excl && teamleader.vat === exact.vat;
  return {
    teamleader,
    exact,
    differences,
    verdict: { closes, differenceCount: differences.length, differenceSum, excl: exact.excl, vat: exact.vat },
  };
}
