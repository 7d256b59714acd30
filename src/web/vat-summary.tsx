import type { PreviewLine } from "../sync/preview";
import { formatAmount } from "./format";
import { type Lang, t } from "./i18n";

/** Base and VAT per Exact VAT code, summed in cents so that the totals match the lines to the cent. */
export function vatPerCode(lines: PreviewLine[]): { vatCode: string; base: number; vat: number }[] {
  const sums = new Map<string, { base: number; vat: number }>();
  for (const line of lines) {
    const sum = sums.get(line.vatCode) ?? { base: 0, vat: 0 };
    sum.base += Math.round(line.amount * 100);
    sum.vat += Math.round(line.vat * 100);
    sums.set(line.vatCode, sum);
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([vatCode, sum]) => ({ vatCode, base: sum.base / 100, vat: sum.vat / 100 }));
}

/** What an accountant checks against the VAT return: per code, the base and the VAT. */
export function VatSummary(props: { lang: Lang; lines: PreviewLine[]; currency: string }) {
  const { lang, currency } = props;
  return (
    <table class="vat-summary" id="vat-summary">
      <tr>
        <th>{t(lang, "vatSummary")}</th>
        <th class="amount">{`${t(lang, "vatBase")} (${currency})`}</th>
        <th class="amount">{`${t(lang, "vat")} (${currency})`}</th>
      </tr>
      {vatPerCode(props.lines).map((row) => (
        <tr>
          <td>{row.vatCode}</td>
          <td class="amount">{formatAmount(lang, row.base)}</td>
          <td class="amount">{formatAmount(lang, row.vat)}</td>
        </tr>
      ))}
    </table>
  );
}
