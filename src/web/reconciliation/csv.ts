import type { Figures } from "../../reconcile/compare";
import type { Reconciliation } from "../../reconcile/report";
import { toCsv } from "../queries";
import { decimal } from "./words";

const HEADER = [
  "section",
  "label",
  "count",
  "excl",
  "vat",
  "incl",
  "document",
  "kind",
  "cause",
  "teamleader_incl",
  "exact_incl",
  "exact_entry",
  "detail",
];

const figures = (section: string, label: string, f: Figures) => [
  section,
  label,
  f.count,
  decimal(f.excl),
  decimal(f.vat),
  decimal(f.incl),
  null,
  null,
  null,
  null,
  null,
  null,
  null,
];

/** One file with everything the page shows: a `section` column tells the figures, differences and verdict apart. */
export function reconciliationCsv(report: Reconciliation): string {
  const { administration: a, period } = report;
  return toCsv([
    HEADER,
    ["report", `period ${period.label} (${period.from}..${period.to})`, ...Array(11).fill(null)],
    ["report", `division ${a.division} ${a.name ?? ""} journal ${a.journal}`.trim(), ...Array(11).fill(null)],
    ["report", `exact read at ${report.readAt}`, ...Array(11).fill(null)],
    figures("teamleader", "total", report.teamleader),
    ...report.teamleader.byRate.map((r) => figures("teamleader", `rate ${Math.round(r.rate * 10000) / 100}%`, r)),
    figures("exact", "total", report.exact),
    ...report.exact.byVatCode.map((c) => figures("exact", `code ${c.vatCode ?? ""}`, c)),
    figures("exact", "by connector", report.exact.byConnector),
    figures("exact", "by others", report.exact.byOthers),
    ...report.differences.map((d) => [
      "difference",
      null,
      null,
      null,
      null,
      null,
      d.documentNumber,
      d.kind,
      d.cause,
      decimal(d.teamleaderAmount),
      decimal(d.exactAmount),
      d.exactEntryNumber,
      d.detail,
    ]),
    [
      "verdict",
      report.verdict.closes ? "closes" : "does not close",
      report.verdict.differenceCount,
      decimal(report.verdict.excl),
      decimal(report.verdict.vat),
      decimal(report.verdict.differenceSum),
      ...Array(7).fill(null),
    ],
  ]);
}
