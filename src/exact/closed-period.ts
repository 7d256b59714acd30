/**
 * Exact refuses an entry in a closed period with HTTP 500 and a text in the user's language:
 * Dutch "Periode is afgesloten: [Jaar] – [Maand]" (Informat KB), English "Period is closed" (Spend Cloud KB).
 * The French and German wordings are not published; the patterns below are our best reading and are
 * harmless if Exact words them differently (the error is then an ordinary business rule).
 * Exact offers no API for a period's state: financial/FinancialPeriods has dates and numbers only.
 */
const CLOSED_PERIOD_WORDINGS = [
  /periode is afgesloten/i,
  /period is closed/i,
  /p[ée]riode (est )?cl[ôo]tur[ée]e/i,
  /periode ist (abgeschlossen|geschlossen|gesperrt)/i,
];

export function isClosedPeriodMessage(text: string): boolean {
  return CLOSED_PERIOD_WORDINGS.some((wording) => wording.test(text));
}
