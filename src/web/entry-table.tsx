import type { PreviewDocument } from "../sync/preview";
import { type Lang, t } from "./i18n";
import { messageIn } from "./messages-nl";

// `+ 0` turns a negative zero (a credit note's 0% VAT line) into 0, which prints without a minus sign.
const money = (n: number) => (n + 0).toLocaleString("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

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
            <th>excl.</th>
            <th>btw/VAT</th>
          </tr>
          {doc.lines.map((l) => (
            <tr>
              <td>{l.description}</td>
              <td>{l.glAccount}</td>
              <td>{l.vatCode}</td>
              <td>{money(l.amount)}</td>
              <td>{money(l.vat)}</td>
            </tr>
          ))}
        </table>
      )}
      <p>
        {t(lang, "totalsTeamleader")}: {doc.currency} {money(doc.teamleader.incl)}
        {doc.exact ? ` · ${t(lang, "totalsExact")}: ${doc.currency} ${money(doc.exact.incl)}` : ""}
      </p>
      {doc.exchangeRate ? (
        <p class="exchange-rate">
          {t(lang, "exchangeRate")}: 1 {doc.exchangeRate.from} = {doc.exchangeRate.rate} {doc.exchangeRate.to}
          {doc.division
            ? ` · ${t(lang, "exactRate")}: ${doc.division.rate} · ${t(lang, "totalsDivision")}: ${doc.division.currency} ${money(doc.division.incl)}`
            : ""}
        </p>
      ) : null}
    </div>
  );
}
