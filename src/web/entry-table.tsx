import type { PreviewDocument } from "../sync/preview";
import { formatAmount, formatMoney, formatRate } from "./format";
import { type Lang, t } from "./i18n";
import { messageIn } from "./messages-nl";
import { VatSummary } from "./vat-summary";

/** A sales entry as the engine builds it: its lines, or what blocks it; Teamleader's total beside Exact's. */
export function EntryTable(props: { lang: Lang; doc: PreviewDocument }) {
  const { lang, doc } = props;
  return (
    <div>
      {doc.problems.length ? (
        <div class="error">
          <strong>{t(lang, "blocking")}</strong>
          <ul>
            {doc.problems.map((p) => (
              <li>{messageIn(lang, p)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <table>
          <tr>
            <th></th>
            <th>{t(lang, "glAccount")}</th>
            <th>{t(lang, "vatCode")}</th>
            <th class="amount">{`${t(lang, "exclVat")} (${doc.currency})`}</th>
            <th class="amount">{`${t(lang, "vat")} (${doc.currency})`}</th>
          </tr>
          {doc.lines.map((l) => (
            <tr>
              <td>{l.description}</td>
              <td>{l.glAccount}</td>
              <td>{l.vatCode}</td>
              <td class="amount">{formatAmount(lang, l.amount)}</td>
              <td class="amount">{formatAmount(lang, l.vat)}</td>
            </tr>
          ))}
        </table>
      )}
      {doc.problems.length ? null : <VatSummary lang={lang} lines={doc.lines} currency={doc.currency} />}
      <p>
        {t(lang, "totalsTeamleader")}: {formatMoney(lang, doc.teamleader.incl, doc.currency)}
        {doc.exact ? ` · ${t(lang, "totalsExact")}: ${formatMoney(lang, doc.exact.incl, doc.currency)}` : ""}
      </p>
      {doc.exchangeRate ? (
        <p class="exchange-rate">
          {t(lang, "exchangeRate")}: 1 {doc.exchangeRate.from} = {formatRate(lang, doc.exchangeRate.rate)}{" "}
          {doc.exchangeRate.to}
          {doc.division
            ? ` · ${t(lang, "exactRate")}: ${formatRate(lang, doc.division.rate)} · ${t(lang, "totalsDivision")}: ${formatMoney(lang, doc.division.incl, doc.division.currency)}`
            : ""}
        </p>
      ) : null}
    </div>
  );
}
