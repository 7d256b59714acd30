import { type Context, Hono } from "hono";
import { connectionClient } from "../../connection/client";
import type { Figures } from "../../reconcile/compare";
import { parsePeriod } from "../../reconcile/period";
import type { Reconciliation } from "../../reconcile/report";
import type { AppEnv } from "../app-env";
import type { Lang } from "../i18n";
import { Page } from "../layout";
import { messageIn } from "../messages-nl";
import { ownConnectionToRead } from "../own-connection";
import { reconciliationCsv } from "../reconciliation/csv";
import { causeLabel, money, verdictText, w } from "../reconciliation/words";

/** The accountant's proof: `/connections/:id/reconciliation` (page, CSV) and the same under `/api` (JSON, CSV). */
export const reconciliationApiRoutes = new Hono<AppEnv>();
export const reconciliationRoutes = new Hono<AppEnv>();

async function readReport(c: Context<AppEnv>): Promise<Reconciliation> {
  // A malformed period is a 400 before anything is read.
  const period = parsePeriod(c.req.query("period"));
  const connection = await ownConnectionToRead(c, c.req.param("id")!);
  return connectionClient(c.get("env"), connection.id).reconciliation(period);
}

function csvResponse(c: Context<AppEnv>, report: Reconciliation) {
  return c.body(reconciliationCsv(report), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="reconciliation-${report.period.label}-${report.administration.division}.csv"`,
  });
}

reconciliationApiRoutes.get("/connections/:id/reconciliation", async (c) => c.json(await readReport(c)));
reconciliationApiRoutes.get("/connections/:id/reconciliation.csv", async (c) => csvResponse(c, await readReport(c)));
reconciliationRoutes.get("/connections/:id/reconciliation.csv", async (c) => csvResponse(c, await readReport(c)));

/** Print layout: only the report, no navigation or form; tables do not break inside a row. */
const PRINT_CSS = `
@media print{header,form.period,.no-print{display:none}body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
.card{border:0;padding:0;margin:.6rem 0}tr{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
.verdict.ok{border-left:4px solid var(--ok);padding:.5rem .8rem;background:#effaf2}td.num,th.num{text-align:right;white-space:nowrap}
`;
reconciliationRoutes.get("/static/reconciliation.css", (c) =>
  c.body(PRINT_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" }),
);

reconciliationRoutes.get("/connections/:id/reconciliation", async (c) => {
  const lang = c.get("lang");
  const connection = await ownConnectionToRead(c, c.req.param("id"));
  const periodText = c.req.query("period");
  const report = periodText ? await readReport(c) : null;
  return c.html(
    <Page
      lang={lang}
      title={`${w(lang, "title")} · ${connection.departmentName ?? ""}`}
      path={c.req.path}
      session={c.get("session")}
    >
      <link rel="stylesheet" href="/static/reconciliation.css" />
      <form method="get" class="card period">
        <label>
          {w(lang, "period")}{" "}
          <input type="text" name="period" value={periodText ?? ""} placeholder="2026-Q3" required />
        </label>
        <p class="muted">{w(lang, "periodHelp")}</p>
        <button type="submit">{w(lang, "show")}</button>
      </form>
      {report ? <Report lang={lang} report={report} connectionId={connection.id} /> : null}
    </Page>,
  );
});

function Report(props: { lang: Lang; report: Reconciliation; connectionId: string }) {
  const { lang, report } = props;
  const a = report.administration;
  return (
    <>
      <p class={report.verdict.closes ? "verdict ok" : "verdict error"}>
        <strong>{verdictText(lang, report)}</strong>
      </p>
      <p>
        {w(lang, "period")}: <strong>{report.period.label}</strong> ({report.period.from} – {report.period.to}) ·{" "}
        {w(lang, "administration")}: <strong>{`${a.division} ${a.name ?? ""}`.trim()}</strong>, {w(lang, "journal")}{" "}
        {a.journal} · {w(lang, "readAt")} {report.readAt.replace("T", " ").slice(0, 19)} UTC
      </p>
      <p class="no-print">
        <a href={`/connections/${props.connectionId}/reconciliation.csv?period=${report.period.label}`}>
          {w(lang, "csv")}
        </a>{" "}
        · <span class="muted">{w(lang, "print")}</span>
      </p>
      <h2>{w(lang, "teamleader")}</h2>
      <FiguresTable
        lang={lang}
        first={w(lang, "rate")}
        rows={report.teamleader.byRate.map((r) => [`${Math.round(r.rate * 10000) / 100} %`, r])}
        total={report.teamleader}
      />
      <h2>{w(lang, "exact")}</h2>
      <FiguresTable
        lang={lang}
        first={w(lang, "code")}
        rows={[
          ...report.exact.byVatCode.map((r): [string, Figures] => [r.vatCode ?? w(lang, "noCode"), r]),
          [w(lang, "byConnector"), report.exact.byConnector],
          [w(lang, "byOthers"), report.exact.byOthers],
        ]}
        total={report.exact}
      />
      {report.differences.length ? (
        <>
          <h2>{w(lang, "differences")}</h2>
          <table class="card">
            <thead>
              <tr>
                <th>{w(lang, "document")}</th>
                <th>{w(lang, "cause")}</th>
                <th class="num">Teamleader</th>
                <th class="num">Exact</th>
                <th>{w(lang, "entry")}</th>
              </tr>
            </thead>
            <tbody>
              {report.differences.map((d) => (
                <tr>
                  <td>{d.documentNumber ?? "—"}</td>
                  <td>
                    <strong>{causeLabel(lang, d.cause)}</strong>
                    <br />
                    <span class="muted">{messageIn(lang, d.detail)}</span>
                  </td>
                  <td class="num">{d.teamleaderAmount === null ? "—" : money(lang, d.teamleaderAmount)}</td>
                  <td class="num">{d.exactAmount === null ? "—" : money(lang, d.exactAmount)}</td>
                  <td>{d.exactEntryNumber ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

function FiguresTable(props: { lang: Lang; first: string; rows: [string, Figures][]; total: Figures }) {
  const { lang } = props;
  const row = (label: string, f: Figures, strong = false) => (
    <tr>
      <td>{strong ? <strong>{label}</strong> : label}</td>
      <td class="num">{f.count}</td>
      <td class="num">{money(lang, f.excl)}</td>
      <td class="num">{money(lang, f.vat)}</td>
      <td class="num">{money(lang, f.incl)}</td>
    </tr>
  );
  return (
    <table class="card">
      <thead>
        <tr>
          <th>{props.first}</th>
          <th class="num">{w(lang, "count")}</th>
          <th class="num">{w(lang, "excl")}</th>
          <th class="num">{w(lang, "vat")}</th>
          <th class="num">{w(lang, "incl")}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(([label, f]) => row(label, f))}
        {row(w(lang, "total"), props.total, true)}
      </tbody>
    </table>
  );
}
