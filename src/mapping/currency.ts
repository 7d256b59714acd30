import type { SourceDocument } from "./source";

/** The Exact sales journal as far as currencies go (financial/Journals). */
export interface JournalCurrency {
  code: string;
  /** The journal's currency; null means the division's currency. */
  currency: string | null;
  /** False or unknown: the journal takes only its own currency (Exact's field reference on `Currency`). */
  allowVariableCurrency: boolean | null;
}

export type CurrencyCheck =
  | { ok: true; foreign: null }
  | { ok: true; foreign: { currency: string; exactRate: number; divisionCurrency: string } }
  | { ok: false; kind: "exchange_rate" | "journal_currency"; message: string };

/**
 * How a document's currency is booked in Exact. A document in the division's currency needs no rate.
 * Otherwise Exact's `Rate` (AmountDC = AmountFC × Rate) comes from Teamleader's `currency_exchange_rate`,
 * read as 1 `from` = `rate` `to` and taken in whichever direction its currencies name; a rate between other
 * currencies, or a journal that takes only another currency, blocks the document.
 */
export function checkCurrency(doc: SourceDocument, divisionCurrency: string, journal: JournalCurrency): CurrencyCheck {
  const journalCurrency = journal.currency ?? divisionCurrency;
  if (journal.allowVariableCurrency !== true && doc.currency !== journalCurrency) {
    return {
      ok: false,
      kind: "journal_currency",
      message: `Exact journal ${journal.code} takes only ${journalCurrency}, so this ${doc.currency} document cannot be booked in it. In Exact, allow variable currency on journal ${journal.code} (its journal settings), or choose a sales journal that does.`,
    };
  }
  if (doc.currency === divisionCurrency) return { ok: true, foreign: null };

  if (!doc.exchangeRate) {
    return {
      ok: false,
      kind: "exchange_rate",
      message: `Teamleader gives no exchange rate for this ${doc.currency} document, so its amount in ${divisionCurrency} is unknown; not booked. Check the document's currency settings in Teamleader.`,
    };
  }
  const { from, to, rate } = doc.exchangeRate;
  const exactRate =
    from === doc.currency && to === divisionCurrency
      ? rate
      : from === divisionCurrency && to === doc.currency
        ? 1 / rate
        : Number.NaN;
  if (!Number.isFinite(exactRate) || exactRate <= 0) {
    return {
      ok: false,
      kind: "exchange_rate",
      message: `Teamleader's exchange rate (${from} → ${to}, ${rate}) does not convert this ${doc.currency} document into ${divisionCurrency}, the currency of the Exact division; not booked. Book this department in an Exact division kept in ${to}, or correct the exchange rate in Teamleader.`,
    };
  }
  return {
    ok: true,
    foreign: { currency: doc.currency, exactRate: Math.round(exactRate * 1e8) / 1e8, divisionCurrency },
  };
}
