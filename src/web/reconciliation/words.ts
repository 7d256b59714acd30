import type { Cause } from "../../reconcile/compare";
import type { Reconciliation } from "../../reconcile/report";
import type { Lang } from "../i18n";

/** The reconciliation's own words in both languages, and its amounts as a person reads them. */

export function money(lang: Lang, cents: number): string {
  return new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );
}

/** For CSV: a plain decimal with a point, to the cent, computed from integer cents. */
export function decimal(cents: number | null): string {
  if (cents === null) return "";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const CAUSE: Record<Cause, { en: string; nl: string }> = {
  not_booked_pending: { en: "Not yet booked (pending)", nl: "Nog niet geboekt (wacht)" },
  not_booked_failed: { en: "Not yet booked (failed)", nl: "Nog niet geboekt (mislukt)" },
  not_booked_skipped: { en: "Not booked (skipped)", nl: "Niet geboekt (overgeslagen)" },
  booked_other_amount: { en: "Booked with another amount", nl: "Geboekt met een ander bedrag" },
  changed_in_exact: { en: "Changed in Exact after booking", nl: "Na boeking gewijzigd in Exact" },
  deleted_in_exact: { en: "Deleted in Exact", nl: "Verwijderd in Exact" },
  duplicate_in_exact: { en: "Present twice in Exact (same YourRef)", nl: "Dubbel in Exact (zelfde Uw ref.)" },
  deleted_in_teamleader: { en: "In Exact, deleted in Teamleader", nl: "In Exact, verwijderd in Teamleader" },
  booked_by_hand: { en: "Booked by hand in Exact", nl: "Handmatig geboekt in Exact" },
};

export const causeLabel = (lang: Lang, cause: Cause) => CAUSE[cause][lang];

export function verdictText(lang: Lang, report: Reconciliation): string {
  const { verdict } = report;
  if (verdict.closes)
    return lang === "nl"
      ? `Sluit: ${money(lang, verdict.excl)} excl., btw ${money(lang, verdict.vat)} gelijk`
      : `Closes: ${money(lang, verdict.excl)} excl. VAT, VAT ${money(lang, verdict.vat)} equal`;
  const n = verdict.differenceCount;
  const sum = money(lang, verdict.differenceSum);
  if (n === 0) return lang === "nl" ? `Sluit niet: verschil ${sum}` : `Does not close: a difference of ${sum}`;
  return lang === "nl"
    ? `Sluit niet: ${n} ${n === 1 ? "verschil" : "verschillen"}, samen ${sum} (Teamleader − Exact, incl. btw)`
    : `Does not close: ${n} ${n === 1 ? "difference" : "differences"} adding up to ${sum} (Teamleader − Exact, incl. VAT)`;
}

export const WORDS = {
  title: { en: "Reconciliation", nl: "Aansluiting" },
  period: { en: "Period", nl: "Periode" },
  periodHelp: {
    en: "A month (2026-09), a quarter (2026-Q3) or a year (2026).",
    nl: "Een maand (2026-09), een kwartaal (2026-Q3) of een jaar (2026).",
  },
  show: { en: "Show", nl: "Toon" },
  administration: { en: "Administration", nl: "Administratie" },
  journal: { en: "journal", nl: "dagboek" },
  readAt: { en: "Exact data read at", nl: "Exact-gegevens gelezen op" },
  teamleader: {
    en: "Teamleader: booked invoices and credit notes",
    nl: "Teamleader: geboekte facturen en creditnota's",
  },
  exact: { en: "Exact Online: entries in the journal", nl: "Exact Online: boekingen in het dagboek" },
  rate: { en: "VAT rate", nl: "Btw-tarief" },
  code: { en: "VAT code", nl: "Btw-code" },
  count: { en: "Count", nl: "Aantal" },
  excl: { en: "Excl. VAT", nl: "Excl. btw" },
  vat: { en: "VAT", nl: "Btw" },
  incl: { en: "Incl. VAT", nl: "Incl. btw" },
  total: { en: "Total", nl: "Totaal" },
  byConnector: { en: "booked by the connector", nl: "geboekt door de koppeling" },
  byOthers: { en: "booked by others", nl: "geboekt door anderen" },
  differences: { en: "Differences", nl: "Verschillen" },
  document: { en: "Document", nl: "Document" },
  cause: { en: "Cause", nl: "Oorzaak" },
  entry: { en: "Exact entry", nl: "Exact-boeking" },
  csv: { en: "Download as CSV", nl: "Download als CSV" },
  print: {
    en: "Print this page for the file (the print layout leaves out the navigation).",
    nl: "Druk deze pagina af voor het dossier (de afdruk laat de navigatie weg).",
  },
  noCode: { en: "(none)", nl: "(geen)" },
} as const;

export const w = (lang: Lang, key: keyof typeof WORDS) => WORDS[key][lang];
