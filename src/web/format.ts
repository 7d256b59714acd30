import type { Lang } from "./i18n";

const LOCALE: Record<Lang, string> = { nl: "nl-NL", en: "en-GB" };
const TIME_ZONE = "Europe/Amsterdam";

/** An amount in its currency, as the page's language writes it: `€ 3.601,35` (nl) or `€3,601.35` (en). */
export function formatMoney(lang: Lang, amount: number | null | undefined, currency: string | null = "EUR"): string {
  if (amount === null || amount === undefined) return "";
  // `+ 0` turns a negative zero (a credit note's 0% VAT line) into 0, which prints without a minus sign.
  return new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency: currency ?? "EUR" }).format(amount + 0);
}

/** A plain amount without currency sign (table cells under a heading that names the currency). */
export const formatAmount = (lang: Lang, amount: number) =>
  new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount + 0);

/** A count with thousands separators: 4.924 (nl) or 4,924 (en). */
export const formatCount = (lang: Lang, n: number) => new Intl.NumberFormat(LOCALE[lang]).format(n);

/** A rate as the language writes it (0,9223 in Dutch), never rounded. */
export const formatRate = (lang: Lang, rate: number) =>
  new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 10 }).format(rate);

/** A moment, in Amsterdam time: `30 nov 2026, 07:15` (nl) or `30 Nov 2026, 07:15` (en). */
export function formatDateTime(lang: Lang, at: Date | null | undefined): string | null {
  if (!at) return null;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);
}

/** A calendar date (`2026-11-30` as Teamleader stores it) as the language writes it; anything else is shown as given. */
export function formatDate(lang: Lang, isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.slice(0, 10));
  if (!match) return isoDate;
  // Noon UTC is the same calendar day in Amsterdam, whatever the season.
  const noon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(noon);
}
