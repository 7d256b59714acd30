import type { syncRuns } from "../db/schema";
import { formatCount, formatDateTime } from "./format";
import { type Lang, t } from "./i18n";
import { messageIn } from "./messages-nl";

type Run = typeof syncRuns.$inferSelect;

const TRIGGER: Record<Run["trigger"], Record<Lang, string>> = {
  cron: { en: "Schedule (every 15 minutes)", nl: "Planning (elk kwartier)" },
  webhook: { en: "A change in Teamleader", nl: "Een wijziging in Teamleader" },
  manual: {
    en: "You (sync now, retry or a saved setting)",
    nl: "U (nu synchroniseren, opnieuw of een opgeslagen instelling)",
  },
  alarm: { en: "Continuation of an earlier run", nl: "Vervolg van een eerdere synchronisatie" },
  setup: { en: "Activation", nl: "Activering" },
};

/** What a run did, in the order an accountant cares about; zero counts are left out. */
const DID: [string, Record<Lang, string>][] = [
  ["booked", { en: "{n} booked", nl: "{n} geboekt" }],
  ["adopted", { en: "{n} found already in Exact", nl: "{n} al in Exact gevonden" }],
  ["updated", { en: "{n} updated", nl: "{n} bijgewerkt" }],
  ["paidBack", { en: "{n} reported paid", nl: "{n} betaald teruggemeld" }],
  ["failed", { en: "{n} failed", nl: "{n} mislukt" }],
  ["drifted", { en: "{n} differ from Exact", nl: "{n} wijken af van Exact" }],
  ["deleted", { en: "{n} deleted in Teamleader", nl: "{n} verwijderd in Teamleader" }],
  ["skipped", { en: "{n} skipped", nl: "{n} overgeslagen" }],
];

export function runSummary(lang: Lang, counts: Record<string, number>): string {
  const parts = DID.filter(([key]) => (counts[key] ?? 0) > 0).map(([key, text]) =>
    text[lang].replace("{n}", formatCount(lang, counts[key]!)),
  );
  return parts.join(", ") || t(lang, "runDidNothing");
}

/** A run stopped for a rate limit or an outage is waiting, not failed: it continues by itself. */
export function runOutcome(lang: Lang, run: Run, paused: boolean): string {
  if (run.status === "running") return t(lang, "runRunning");
  if (paused) return t(lang, "runWaiting");
  return t(lang, run.status === "succeeded" ? "runSucceeded" : run.status === "partial" ? "runPartial" : "runFailed");
}

export function RunsTable(props: { lang: Lang; runs: Run[]; paused: Set<number> }) {
  const { lang, runs, paused } = props;
  if (!runs.length) return <p class="muted">{t(lang, "noRunsYet")}</p>;
  return (
    <table class="card stack" id="runs">
      <tr class="head">
        <th>{t(lang, "runStarted")}</th>
        <th>{t(lang, "runTrigger")}</th>
        <th>{t(lang, "runOutcome")}</th>
        <th>{t(lang, "runDid")}</th>
        <th>{t(lang, "runNote")}</th>
      </tr>
      {runs.map((run) => (
        <tr class={`run-${paused.has(run.id) ? "waiting" : run.status}`}>
          <td class="date">{formatDateTime(lang, run.startedAt)}</td>
          <td data-label={t(lang, "runTrigger")}>{TRIGGER[run.trigger][lang]}</td>
          <td data-label={t(lang, "runOutcome")}>{runOutcome(lang, run, paused.has(run.id))}</td>
          <td data-label={t(lang, "runDid")}>{runSummary(lang, run.counts)}</td>
          <td data-label={t(lang, "runNote")}>{messageIn(lang, run.error)}</td>
        </tr>
      ))}
    </table>
  );
}

/** "Last sync" is the last finished run; while one is running, "Next sync" says so instead of a time. */
export function syncTimes(lang: Lang, runs: Run[], active: boolean, nextScheduled: Date) {
  const last = runs.find((run) => run.finishedAt);
  const running = runs[0]?.status === "running" ? runs[0] : undefined;
  return {
    last: formatDateTime(lang, last?.finishedAt) ?? t(lang, "never"),
    next: running
      ? t(lang, "runningSince").replace("{time}", formatDateTime(lang, running.startedAt)!)
      : active
        ? formatDateTime(lang, nextScheduled)!
        : "—",
  };
}
