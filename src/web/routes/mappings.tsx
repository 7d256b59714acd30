import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { connectionClient } from "../../connection/client";
import { createDb } from "../../db/client";
import { glMappings, vatMappings } from "../../db/schema";
import { AppError, firstIssue } from "../../errors";
import { salesVatCodes, suggestGlAccount, suggestVatCode } from "../../mapping/suggest";
import { ConnectionOptions, HISTORICAL_EXPORTS, QUARTER } from "../../sync/options";
import { connectionAction } from "../actions";
import type { AppEnv } from "../app-env";
import { EntryTable } from "../entry-table";
import { formatDate } from "../format";
import { t } from "../i18n";
import { CsrfField, Page } from "../layout";
import { saveGlMappings, saveOptions, saveVatMappings, syncSoon } from "../operations";
import { ownConnection } from "../own-connection";
import { SetupFrame } from "../setup-steps";

export const mappingRoutes = new Hono<AppEnv>();

/** A live connection's settings are saved back onto the connection's page, which names the run they started. */
const savedOnConnection = (connection: { id: string; status: string }) =>
  `/connections/${connection.id}?notice=${connection.status === "active" ? "savedSyncing" : "saved"}`;

const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

mappingRoutes.get("/connections/:id/setup/vat", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  const [rates, codes, saved] = await Promise.all([
    connectionClient(c.get("env"), connection.id).taxRates(),
    connectionClient(c.get("env"), connection.id).vatCodes(),
    createDb(c.get("env").DB).select().from(vatMappings).where(eq(vatMappings.connectionId, connection.id)).all(),
  ]);
  const options = salesVatCodes(codes);
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "vatMapping")} path={c.req.path}>
      <SetupFrame lang={lang} connection={connection} step="vat" />
      <p class="muted">{t(lang, "vatHelp")}</p>
      <form method="post" class="card">
        <CsrfField token={c.get("session").csrf} />
        <table>
          <tr>
            <th>{t(lang, "taxRate")}</th>
            <th>{t(lang, "vatCode")}</th>
          </tr>
          {rates.map((rate) => {
            const current = saved.find((m) => m.taxRateId === rate.id);
            const value = current?.exactVatCode ?? suggestVatCode(rate, codes);
            const suggested = !current?.confirmed && value !== null;
            return (
              <tr>
                <td>
                  {rate.description} ({pct(rate.rate)})
                </td>
                <td>
                  <select name={`vat.${rate.id}`} aria-label={rate.description}>
                    <option value="">{t(lang, "chooseOne")}</option>
                    {options.map((o) => (
                      <option
                        value={o.Code.trim()}
                        selected={o.Code.trim() === value}
                      >{`${o.Code.trim()} — ${o.Description} (${pct(o.Percentage)})`}</option>
                    ))}
                  </select>
                  {suggested ? <span class="muted suggestion"> {t(lang, "suggestion")}</span> : null}
                </td>
              </tr>
            );
          })}
        </table>
        <p>
          <button type="submit">{t(lang, "save")}</button>
        </p>
      </form>
    </Page>,
  );
});

mappingRoutes.post("/connections/:id/setup/vat", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const body = (await c.req.parseBody()) as Record<string, string>;
  const mappings = Object.entries(body)
    .filter(([key, value]) => key.startsWith("vat.") && value.trim())
    .map(([key, value]) => ({ taxRateId: key.slice(4), exactVatCode: value }));
  await saveVatMappings(c.get("env"), createDb(c.get("env").DB), connection, mappings);
  syncSoon(c.get("env"), c.executionCtx as ExecutionContext, connection);
  // During setup, or while a changed administration or journal is reviewed, the ledger mapping comes next.
  if (connection.status === "setup" || connection.mappingsReview)
    return c.redirect(`/connections/${connection.id}/setup/ledger`, 303);
  return c.redirect(savedOnConnection(connection), 303);
});

mappingRoutes.get("/connections/:id/setup/ledger", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  const [categories, accounts, saved] = await Promise.all([
    connectionClient(c.get("env"), connection.id).categories(),
    connectionClient(c.get("env"), connection.id).glAccounts(),
    createDb(c.get("env").DB).select().from(glMappings).where(eq(glMappings.connectionId, connection.id)).all(),
  ]);
  const ledgers = [
    ...new Set(
      categories.flatMap((cat) =>
        cat.ledgers.filter((l) => l.department.id === connection.departmentId).map((l) => l.ledger_account_number),
      ),
    ),
  ].sort();
  const revenue = accounts.filter((a) => !a.IsBlocked && (a.BalanceType === "W" || a.Type === 110));
  const select = (name: string, value: string | null, label: string) => (
    <select name={name} aria-label={label}>
      <option value="">{t(lang, "chooseOne")}</option>
      {revenue.map((a) => (
        <option value={a.ID} selected={a.ID === value}>{`${a.Code} — ${a.Description}`}</option>
      ))}
    </select>
  );
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "ledgerMapping")} path={c.req.path}>
      <SetupFrame lang={lang} connection={connection} step="ledger" />
      <p class="muted">{t(lang, "ledgerHelp")}</p>
      <form method="post" class="card">
        <CsrfField token={c.get("session").csrf} />
        <table>
          <tr>
            <th>{t(lang, "ledger")}</th>
            <th>{t(lang, "glAccount")}</th>
          </tr>
          {ledgers.map((ledger) => {
            const names = categories
              .filter((cat) => cat.ledgers.some((l) => l.ledger_account_number === ledger))
              .map((cat) => cat.name)
              .join(", ");
            return (
              <tr>
                <td>
                  {ledger} ({names})
                </td>
                <td>
                  {select(
                    `gl.${ledger}`,
                    saved.find((m) => m.ledgerAccountNumber === ledger)?.exactGlAccountId ??
                      suggestGlAccount(ledger, revenue),
                    ledger,
                  )}
                </td>
              </tr>
            );
          })}
          <tr>
            <td>{t(lang, "defaultRevenue")}</td>
            <td>{select("defaultGl", connection.defaultGlAccountId, t(lang, "defaultRevenue"))}</td>
          </tr>
        </table>
        <p>
          <button type="submit">{t(lang, "save")}</button>
        </p>
      </form>
    </Page>,
  );
});

mappingRoutes.post("/connections/:id/setup/ledger", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const body = (await c.req.parseBody()) as Record<string, string>;
  const mappings = Object.entries(body)
    .filter(([key, value]) => key.startsWith("gl.") && value)
    .map(([key, value]) => ({ ledgerAccountNumber: key.slice(3), exactGlAccountId: value }));
  await saveGlMappings(c.get("env"), createDb(c.get("env").DB), connection, mappings, body.defaultGl || null);
  syncSoon(c.get("env"), c.executionCtx as ExecutionContext, connection);
  if (connection.mappingsReview) return c.redirect(`/connections/${connection.id}?notice=reviewed`, 303);
  if (connection.status === "setup") return c.redirect(`/connections/${connection.id}/setup/options`, 303);
  return c.redirect(savedOnConnection(connection), 303);
});

function quarters(now = new Date()): string[] {
  const q = Math.floor(now.getUTCMonth() / 3);
  return Array.from({ length: 5 }, (_, i) => {
    const index = now.getUTCFullYear() * 4 + q - i;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  });
}

mappingRoutes.get("/connections/:id/setup/options", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  const options = ConnectionOptions.parse(connection.options ?? {});
  const choice = (value: (typeof HISTORICAL_EXPORTS)[number], key: Parameters<typeof t>[1]) => (
    <label>
      <input type="radio" name="historicalExport" value={value} checked={options.historicalExport === value} />{" "}
      {t(lang, key)}
    </label>
  );
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "options")} path={c.req.path}>
      <SetupFrame lang={lang} connection={connection} step="options" />
      <form method="post" class="card">
        <CsrfField token={c.get("session").csrf} />
        <label>
          <input type="checkbox" name="syncCreditNotes" value="on" checked={options.syncCreditNotes} />{" "}
          {t(lang, "syncCreditNotes")}
        </label>
        <label>
          {t(lang, "descriptionTemplate")}
          <br />
          <input type="text" name="descriptionTemplate" value={options.descriptionTemplate} maxlength={120} required />
        </label>
        {connection.status === "setup" ? (
          <fieldset>
            <legend>{t(lang, "historicalExport")}</legend>
            {choice("none", "hNone")}
            {choice("fiscal_year", "hFiscalYear")}
            {choice("quarter", "hQuarter")}
            <select name="quarter" aria-label="quarter">
              {quarters().map((q) => (
                <option value={q} selected={q === options.quarter}>
                  {q}
                </option>
              ))}
            </select>
            {choice("month", "hMonth")}
            {choice("everything", "hEverything")}
          </fieldset>
        ) : null}
        <p>
          <button type="submit">{t(lang, "save")}</button>
        </p>
      </form>
    </Page>,
  );
});

const OptionsForm = z.object({
  syncCreditNotes: z.literal("on").optional(),
  descriptionTemplate: z.string().trim().min(1).max(120),
  // Chosen once, before activation; a live connection's page does not offer it.
  historicalExport: z.enum(HISTORICAL_EXPORTS).optional(),
  quarter: z.string().regex(QUARTER).optional(),
});

mappingRoutes.post("/connections/:id/setup/options", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const parsed = OptionsForm.safeParse(await c.req.parseBody());
  const setup = connection.status === "setup";
  if (!parsed.success) throw new AppError("BAD_REQUEST", firstIssue(parsed.error));
  if (setup && !parsed.data.historicalExport)
    throw new AppError("BAD_REQUEST", "historicalExport: choose which earlier documents to book.");
  await saveOptions(createDb(c.get("env").DB), connection, {
    syncCreditNotes: parsed.data.syncCreditNotes === "on",
    descriptionTemplate: parsed.data.descriptionTemplate,
    historicalExport: setup ? parsed.data.historicalExport : undefined,
    quarter: setup ? parsed.data.quarter : undefined,
  });
  syncSoon(c.get("env"), c.executionCtx as ExecutionContext, connection);
  return c.redirect(setup ? `/connections/${connection.id}/setup/preview` : savedOnConnection(connection), 303);
});

mappingRoutes.get("/connections/:id/setup/preview", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  const preview = await connectionClient(c.get("env"), connection.id).preview(5);
  const blocked = preview.documents.some((d) => d.problems.length);
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "preview")} path={c.req.path}>
      <SetupFrame lang={lang} connection={connection} step="preview" />
      <p class="muted">{t(lang, connection.status === "setup" ? "previewHelp" : "previewHelpLive")}</p>
      {preview.examples ? <p class="notice">{t(lang, "previewExamples")}</p> : null}
      {preview.documents.map((doc) => (
        <section class="card preview-document">
          <h2>
            {doc.number} · {doc.customer} · {formatDate(lang, doc.date)}
          </h2>
          <EntryTable lang={lang} doc={doc} />
        </section>
      ))}
      {connection.status !== "setup" ? (
        <p>
          <a href={`/connections/${connection.id}`}>← {connection.departmentName}</a>
        </p>
      ) : (
        <form method="post" action={`/connections/${connection.id}/activate`} class="card">
          <CsrfField token={c.get("session").csrf} />
          {blocked ? (
            <p class="error">
              {t(lang, "blocking")}: <a href={`/connections/${connection.id}/setup/vat`}>{t(lang, "vatMapping")}</a> ·{" "}
              <a href={`/connections/${connection.id}/setup/ledger`}>{t(lang, "ledgerMapping")}</a> ·{" "}
              <a href={`/connections/${connection.id}/setup/journal`}>{t(lang, "salesJournal")}</a>
            </p>
          ) : null}
          <button type="submit">{t(lang, "activate")}</button>
        </form>
      )}
    </Page>,
  );
});

mappingRoutes.post("/connections/:id/activate", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const { notice } = await connectionAction("activate")(
    { env: c.get("env"), db: createDb(c.get("env").DB), executionCtx: c.executionCtx as ExecutionContext },
    connection,
  );
  return c.redirect(`/connections/${connection.id}?notice=${notice}`, 303);
});
