import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { connectionClient } from "../../connection/client";
import { createDb } from "../../db/client";
import { connections, DOCUMENT_STATUSES, documentPairs } from "../../db/schema";
import { AppError } from "../../errors";
import { readCursor } from "../../sync/cursors";
import { type Duration, exportShareOf, exportTimeLeft } from "../../sync/export-estimate";
import { connectionAction } from "../actions";
import type { AppEnv } from "../app-env";
import { EntryTable } from "../entry-table";
import { formatCount, formatDate, formatMoney, formatDateTime as when } from "../format";
import { type Lang, statusLabel, t } from "../i18n";
import { CsrfField, Page } from "../layout";
import { messageIn } from "../messages-nl";
import { ownConnection, ownConnectionToRead } from "../own-connection";
import { allEvents, documentHistory, documentList, lastRuns, pausedRunIds, statusCounts, toCsv } from "../queries";
import { searchParam } from "../query-params";
import { RunsTable, syncTimes } from "../runs-table";

export const dashboardRoutes = new Hono<AppEnv>();

/** "about 3 days left …": the export's expected end under Exact's limits and the reserve it leaves. */
const timeLeftText = (lang: Lang, left: Duration) =>
  t(lang, "aboutTimeLeft")
    .replace("{n}", String(left.n))
    .replace("{unit}", t(lang, `unit_${left.unit}`));

/** The cron runs every 15 minutes. */
const nextQuarterHour = (now = Date.now()) => new Date(Math.ceil((now + 1) / 900_000) * 900_000);
/** Teamleader stores a credit note's total as a positive amount; the pages show what it does to revenue. */
const signedTotal = (pair: { tlType: string; totalIncl: number | null }) =>
  pair.totalIncl === null ? null : pair.tlType === "creditNote" ? -Math.abs(pair.totalIncl) : pair.totalIncl;

const budgetOf = (runs: { counts: Record<string, number> }[]) =>
  runs.find((r) => r.counts.exactCallsLeftToday !== undefined)?.counts.exactCallsLeftToday;

dashboardRoutes.get("/connections", async (c) => {
  const lang = c.get("lang");
  const db = createDb(c.get("env").DB);
  const all = await db
    .select()
    .from(connections)
    .where(eq(connections.accountId, c.get("session").accountId))
    .orderBy(desc(connections.createdAt))
    .all();
  const live = all.filter((row) => row.status !== "disconnected");
  const disconnected = all.filter((row) => row.status === "disconnected");
  const rows = live;
  const counts = await Promise.all(rows.map((row) => statusCounts(db, row.id)));
  const runs = await Promise.all(rows.map((row) => lastRuns(db, row.id, 5)));
  const disconnectedCounts = await Promise.all(disconnected.map((row) => statusCounts(db, row.id)));
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "connections")} path={c.req.path}>
      <table class="card stack" id="connections">
        <tr class="head">
          <th>{t(lang, "department")}</th>
          <th>{t(lang, "division")}</th>
          <th>{t(lang, "status")}</th>
          <th>{t(lang, "lastSync")}</th>
          <th>{t(lang, "nextSync")}</th>
          <th>{t(lang, "documents")}</th>
          <th>{t(lang, "exactBudget")}</th>
        </tr>
        {rows.map((row, i) => (
          <tr>
            <td>
              <a href={`/connections/${row.id}`}>{row.departmentName ?? "…"}</a>
            </td>
            <td data-label={t(lang, "division")}>{row.exactDivisionName ?? ""}</td>
            <td data-label={t(lang, "status")}>
              {statusLabel(lang, row.status)}
              {row.statusReason ? ` — ${messageIn(lang, row.statusReason)}` : ""}
            </td>
            <td class="date" data-label={t(lang, "lastSync")}>
              {syncTimes(lang, runs[i]!, row.status === "active", nextQuarterHour()).last}
            </td>
            <td class="date" data-label={t(lang, "nextSync")}>
              {syncTimes(lang, runs[i]!, row.status === "active", nextQuarterHour()).next}
            </td>
            <td data-label={t(lang, "documents")}>
              {Object.entries(counts[i]!)
                .map(([status, n]) => `${statusLabel(lang, status)}: ${formatCount(lang, n)}`)
                .join(", ")}
            </td>
            <td data-label={t(lang, "exactBudget")}>
              {budgetOf(runs[i]!) === undefined ? "—" : formatCount(lang, budgetOf(runs[i]!)!)}
            </td>
          </tr>
        ))}
      </table>
      <p>
        <a href="/install">{t(lang, "addConnection")}</a>
      </p>
      {disconnected.length ? (
        <section id="disconnected">
          <h2>{t(lang, "disconnectedConnections")}</h2>
          <table class="card">
            <tr>
              <th>{t(lang, "department")}</th>
              <th>{t(lang, "division")}</th>
              <th>{t(lang, "documents")}</th>
            </tr>
            {disconnected.map((row, i) => (
              <tr>
                <td>
                  <a href={`/connections/${row.id}`}>{row.departmentName ?? "…"}</a>
                </td>
                <td>{row.exactDivisionName ?? ""}</td>
                <td>
                  {Object.entries(disconnectedCounts[i]!)
                    .map(([status, n]) => `${statusLabel(lang, status)}: ${formatCount(lang, n)}`)
                    .join(", ") || "—"}
                </td>
              </tr>
            ))}
          </table>
        </section>
      ) : null}
    </Page>,
  );
});

dashboardRoutes.get("/connections/:id", async (c) => {
  const connection = await ownConnectionToRead(c, c.req.param("id"));
  const readOnly = connection.status === "disconnected";
  const lang = c.get("lang");
  const db = createDb(c.get("env").DB);
  const status = c.req.query("status");
  const q = searchParam(c.req.query("q"));
  const [counts, documents, runs] = await Promise.all([
    statusCounts(db, connection.id),
    documentList(db, connection.id, { status: DOCUMENT_STATUSES.includes(status as "booked") ? status : undefined, q }),
    lastRuns(db, connection.id, 10),
  ]);
  const backfill = await readCursor<{ total: number }>(db, connection.id, "backfill");
  const processed = Object.entries(counts)
    .filter(([s]) => s !== "pending" && s !== "posting")
    .reduce((sum, [, n]) => sum + n, 0);
  const budget = budgetOf(runs);
  const paused = await pausedRunIds(
    db,
    connection.id,
    runs.map((r) => r.id),
  );
  const times = syncTimes(lang, runs, connection.status === "active", nextQuarterHour());
  const next = readOnly
    ? null
    : !connection.departmentId
      ? "department"
      : !connection.exactRegion
        ? "exact"
        : !connection.exactDivision
          ? "division"
          : !connection.salesJournal
            ? "journal"
            : connection.status === "setup"
              ? "vat"
              : null;
  const action = (path: string, label: string) => (
    <form method="post" action={`/connections/${connection.id}/${path}`} class="inline">
      <CsrfField token={c.get("session").csrf} />
      <button type="submit">{label}</button>
    </form>
  );
  const notice = c.req.query("notice");
  return c.html(
    <Page
      lang={lang}
      session={c.get("session")}
      title={`${t(lang, "connection")}: ${connection.departmentName ?? "…"}`}
      path={c.req.path}
    >
      {notice === "already" ? <p class="notice">{t(lang, "alreadyConnected")}</p> : null}
      {notice === "activated" ? <p class="notice">{t(lang, "activated")}</p> : null}
      {notice === "queued" ? <p class="notice">{t(lang, "queued")}</p> : null}
      {notice === "reconnected" ? <p class="notice">{t(lang, "reconnected")}</p> : null}
      {notice === "reviewed" ? <p class="notice">{t(lang, "reviewed")}</p> : null}
      {notice === "saved" || notice === "savedSyncing" ? (
        <p class="notice" id="saved">
          {t(lang, notice)}
        </p>
      ) : null}
      {readOnly ? (
        <p class="notice" id="read-only">
          {t(lang, notice === "disconnected" ? "disconnectedNotice" : "disconnectedReadOnly")}{" "}
          <a href="/install">{t(lang, "installAgain")}</a>
        </p>
      ) : null}
      {connection.status === "needs_reconsent" ? (
        <p class="error">
          {messageIn(lang, connection.statusReason)}{" "}
          <a href={`/connections/${connection.id}/reconnect/teamleader`}>{t(lang, "reconnectTeamleader")}</a> ·{" "}
          <a href={`/connections/${connection.id}/setup/exact`}>{t(lang, "reconnectExact")}</a>
        </p>
      ) : null}
      <table class="card">
        <tr>
          <th>{t(lang, "division")}</th>
          <td>
            {connection.exactDivision
              ? `${connection.exactDivisionName} (${connection.exactDivision}), ${t(lang, "journal").toLowerCase()} ${connection.salesJournal ?? "?"}`
              : t(lang, "notChosen")}
          </td>
        </tr>
        <tr>
          <th>{t(lang, "status")}</th>
          <td id="status">
            {statusLabel(lang, connection.status)}
            {connection.statusReason ? ` — ${messageIn(lang, connection.statusReason)}` : ""}
          </td>
        </tr>
        <tr>
          <th>{t(lang, "lastSync")}</th>
          <td id="last-sync">{times.last}</td>
        </tr>
        {times.next !== "—" ? (
          <tr>
            <th>{t(lang, "nextSync")}</th>
            <td id="next-sync">{times.next}</td>
          </tr>
        ) : null}
        {budget !== undefined ? (
          <tr>
            <th>{t(lang, "exactBudget")}</th>
            <td id="budget">{formatCount(lang, budget)}</td>
          </tr>
        ) : null}
        <tr>
          <th>{t(lang, "documents")}</th>
          <td id="counts">
            {Object.entries(counts)
              .map(([s, n]) => `${statusLabel(lang, s)}: ${formatCount(lang, n)}`)
              .join(" · ") || "—"}
          </td>
        </tr>
      </table>
      {backfill && connection.status === "active" && processed < backfill.total ? (
        <p class="card" id="progress">
          {t(lang, "historicalProgress")}: <progress value={processed} max={backfill.total} />{" "}
          {t(lang, "countOf")
            .replace("{n}", formatCount(lang, processed))
            .replace("{total}", formatCount(lang, backfill.total))}{" "}
          ·{" "}
          {timeLeftText(
            lang,
            exportTimeLeft(backfill.total - processed, budget === undefined ? undefined : exportShareOf(budget)),
          )}
        </p>
      ) : null}
      {readOnly ? null : next ? (
        <p>
          <a href={`/connections/${connection.id}/setup/${next}`}>{t(lang, "nextStep")} →</a>
        </p>
      ) : (
        <p>
          {action("sync", t(lang, "syncNow"))} {action("retry", t(lang, "retryFailed"))}{" "}
          {connection.status === "paused" ? action("resume", t(lang, "resume")) : action("pause", t(lang, "pause"))}
        </p>
      )}
      <p>
        {readOnly ? null : (
          <>
            {t(lang, "settings")}: <a href={`/connections/${connection.id}/setup/vat`}>{t(lang, "vatMapping")}</a> ·{" "}
            <a href={`/connections/${connection.id}/setup/ledger`}>{t(lang, "ledgerMapping")}</a> ·{" "}
            <a href={`/connections/${connection.id}/setup/options`}>{t(lang, "options")}</a> ·{" "}
          </>
        )}
        <a href={`/connections/${connection.id}/events.csv`}>{t(lang, "exportCsv")}</a> ·{" "}
        <a href={`/connections/${connection.id}/reconciliation`}>{lang === "nl" ? "Aansluiting" : "Reconciliation"}</a>
      </p>
      <h2>{t(lang, "documents")}</h2>
      <form method="get" class="card">
        <input type="text" name="q" value={q ?? ""} placeholder={t(lang, "search")} aria-label={t(lang, "search")} />{" "}
        <select name="status" aria-label={t(lang, "status")}>
          <option value="">{t(lang, "all")}</option>
          {DOCUMENT_STATUSES.map((s) => (
            <option value={s} selected={s === status}>
              {statusLabel(lang, s)}
            </option>
          ))}
        </select>{" "}
        <button type="submit">OK</button>
      </form>
      <table class="card stack" id="documents">
        <tr class="head">
          <th>{t(lang, "number")}</th>
          <th>{t(lang, "customer")}</th>
          <th>{t(lang, "date")}</th>
          <th>{t(lang, "total")}</th>
          <th>{t(lang, "status")}</th>
          <th>{t(lang, "entry")}</th>
        </tr>
        {documents.map((d) => (
          <tr class={`doc-${d.status}`}>
            <td>
              <a href={`/connections/${connection.id}/documents/${d.id}`}>
                {d.tlType === "creditNote" ? `${t(lang, "creditNote")} ` : ""}
                {d.tlNumber}
              </a>
            </td>
            <td data-label={t(lang, "customer")}>{d.customerName}</td>
            <td class="date" data-label={t(lang, "date")}>
              {formatDate(lang, d.documentDate)}
            </td>
            <td class="amount" data-label={t(lang, "total")}>
              {formatMoney(lang, signedTotal(d), d.currency)}
            </td>
            <td data-label={t(lang, "status")}>
              {statusLabel(lang, d.status)}
              {d.paidBackAt ? ` (${t(lang, "paid")})` : ""}
            </td>
            <td data-label={t(lang, "entry")}>{d.exactEntryNumber ?? ""}</td>
          </tr>
        ))}
      </table>
      <h2>{t(lang, "runs")}</h2>
      <RunsTable lang={lang} runs={runs} paused={paused} />
      {readOnly ? null : (
        <p>
          <a href={`/connections/${connection.id}/disconnect`} id="disconnect">
            {t(lang, "disconnect")}
          </a>
        </p>
      )}
    </Page>,
  );
});

dashboardRoutes.get("/connections/:id/documents/:pairId", async (c) => {
  const connection = await ownConnectionToRead(c, c.req.param("id"));
  const readOnly = connection.status === "disconnected";
  const lang = c.get("lang");
  const db = createDb(c.get("env").DB);
  const pair = await db
    .select()
    .from(documentPairs)
    .where(
      and(eq(documentPairs.connectionId, connection.id), eq(documentPairs.id, Number(c.req.param("pairId")) || -1)),
    )
    .get();
  if (!pair) throw new AppError("NOT_FOUND", "There is no such document in this connection.");
  const [history, entry] = await Promise.all([
    documentHistory(db, connection.id, pair.id),
    connection.exactDivision && !readOnly
      ? connectionClient(c.get("env"), connection.id)
          .previewOne({ kind: pair.tlType, id: pair.tlId })
          // Teamleader unreachable or consent lost: the page still shows what was booked and the history.
          .catch(() => null)
      : null,
  ]);
  return c.html(
    <Page
      lang={lang}
      title={`${t(lang, pair.tlType === "creditNote" ? "creditNote" : "invoice")} ${pair.tlNumber}`}
      path={c.req.path}
      session={c.get("session")}
    >
      <table class="card">
        <tr>
          <th>{t(lang, "customer")}</th>
          <td>{pair.customerName}</td>
        </tr>
        <tr>
          <th>{t(lang, "date")}</th>
          <td>{formatDate(lang, pair.documentDate)}</td>
        </tr>
        <tr>
          <th>{t(lang, "total")}</th>
          <td>{formatMoney(lang, signedTotal(pair), pair.currency)}</td>
        </tr>
        <tr>
          <th>{t(lang, "status")}</th>
          <td id="doc-status">{statusLabel(lang, pair.status)}</td>
        </tr>
        <tr>
          <th>{t(lang, "entry")}</th>
          <td>{pair.exactEntryNumber ?? "—"}</td>
        </tr>
        <tr>
          <th>{t(lang, "explanation")}</th>
          <td id="doc-explanation">{messageIn(lang, pair.errorMessage) || "—"}</td>
        </tr>
      </table>
      <h2>{t(lang, "builtEntry")}</h2>
      <div class="card">
        {entry ? <EntryTable lang={lang} doc={entry} /> : <p class="muted">{t(lang, "notAvailable")}</p>}
      </div>
      <h2>{t(lang, "history")}</h2>
      <ul>
        {history.map((e) => (
          <li>
            {when(lang, e.createdAt)}: {messageIn(lang, e.message)}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/connections/${connection.id}`}>← {connection.departmentName}</a>
        {readOnly ? null : (
          <>
            {" · "}
            <a href={`/connections/${connection.id}/setup/vat`}>{t(lang, "vatMapping")}</a> ·{" "}
            <a href={`/connections/${connection.id}/setup/ledger`}>{t(lang, "ledgerMapping")}</a>
          </>
        )}
      </p>
    </Page>,
  );
});

dashboardRoutes.get("/connections/:id/events.csv", async (c) => {
  const connection = await ownConnectionToRead(c, c.req.param("id"));
  const rows = await allEvents(createDb(c.get("env").DB), connection.id);
  const csv = toCsv([
    ["time", "level", "kind", "message", "document"],
    ...rows.map((e) => [e.createdAt.toISOString(), e.level, e.kind, e.message, e.documentPairId]),
  ]);
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="events-${connection.id}.csv"`,
  });
});

// sync, retry, pause, resume: the same actions as the JSON API (disconnect asks first: routes/disconnect.tsx).
dashboardRoutes.post("/connections/:id/:action{sync|retry|pause|resume}", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const action = c.req.param("action");
  const { notice } = await connectionAction(action)(
    { env: c.get("env"), db: createDb(c.get("env").DB), executionCtx: c.executionCtx as ExecutionContext },
    connection,
  );
  return c.redirect(`/connections/${connection.id}${notice ? `?notice=${notice}` : ""}`, 303);
});
