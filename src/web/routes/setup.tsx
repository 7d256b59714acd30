import { type Context, Hono } from "hono";
import { z } from "zod";
import { connectionClient } from "../../connection/client";
import { createDb } from "../../db/client";
import { EXACT_REGIONS } from "../../db/schema";
import { AppError } from "../../errors";
import { exactAuthorizeUrl } from "../../exact/oauth";
import { EXACT_HOSTS } from "../../exact/regions";
import type { AppEnv } from "../app-env";
import { t } from "../i18n";
import { CsrfField, Page } from "../layout";
import { beginOAuth } from "../oauth-flow";
import { chooseDepartment, chooseDivision, chooseJournal, salesJournals } from "../operations";
import { ownConnection } from "../own-connection";
import { SetupFrame, type SetupStep } from "../setup-steps";
import { exactConfig } from "./install";

export const setupRoutes = new Hono<AppEnv>();

type Connection = Awaited<ReturnType<typeof ownConnection>>;

async function form<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new AppError("BAD_REQUEST", t(c.get("lang"), "invalidChoice"));
  return parsed.data;
}

function choicePage(
  c: Context<AppEnv>,
  connection: Connection,
  step: SetupStep,
  props: {
    title: string;
    help?: string;
    name: string;
    options: { value: string; label: string }[];
    /** A consequential choice (which department, which administration) is never made for the user. */
    preselectFirst?: boolean;
  },
) {
  const lang = c.get("lang");
  return c.html(
    <Page lang={lang} session={c.get("session")} title={props.title} path={c.req.path}>
      <SetupFrame lang={lang} connection={connection} step={step} />
      {props.help ? <p class="muted">{props.help}</p> : null}
      <form method="post" class="card">
        <CsrfField token={c.get("session").csrf} />
        {props.options.map((option, i) => (
          <label>
            <input
              type="radio"
              name={props.name}
              value={option.value}
              required
              checked={props.preselectFirst === true && i === 0}
            />{" "}
            {option.label}
          </label>
        ))}
        <p>
          <button type="submit">{t(lang, "continue")}</button>
        </p>
      </form>
    </Page>,
  );
}

setupRoutes.get("/connections/:id/setup/department", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const departments = await connectionClient(c.get("env"), connection.id).departments();
  return choicePage(c, connection, "department", {
    title: t(c.get("lang"), "chooseDepartment"),
    help: t(c.get("lang"), "departmentHelp"),
    name: "departmentId",
    options: departments.map((d) => ({ value: d.id, label: d.name })),
  });
});

setupRoutes.post("/connections/:id/setup/department", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const { departmentId } = await form(c, z.object({ departmentId: z.string().min(1) }));
  const { existing } = await chooseDepartment(c.get("env"), createDb(c.get("env").DB), connection, departmentId);
  return c.redirect(
    existing ? `/connections/${existing}?notice=already` : `/connections/${connection.id}/setup/exact`,
    303,
  );
});

setupRoutes.get("/connections/:id/setup/exact", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  return choicePage(c, connection, "exact", {
    title: t(lang, "chooseRegion"),
    preselectFirst: true,
    name: "region",
    options: EXACT_REGIONS.map((region) => ({
      value: region,
      label: `${EXACT_HOSTS[region].label[lang]} (${EXACT_HOSTS[region].host.replace("https://", "")})`,
    })),
  });
});

setupRoutes.post("/connections/:id/setup/exact", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const { region } = await form(c, z.object({ region: z.enum(EXACT_REGIONS) }));
  const state = await beginOAuth(c, { provider: "exact", connectionId: connection.id, region });
  return c.redirect(exactAuthorizeUrl(exactConfig(c.get("env"), region), state), 303);
});

setupRoutes.get("/connections/:id/setup/division", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const divisions = await connectionClient(c.get("env"), connection.id).divisions();
  return choicePage(c, connection, "division", {
    title: t(c.get("lang"), "chooseDivision"),
    name: "division",
    options: divisions.map((d) => ({
      value: String(d.Code),
      label: `${d.Description} (${d.Code}${d.Country ? `, ${d.Country}` : ""})`,
    })),
  });
});

setupRoutes.post("/connections/:id/setup/division", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const { division } = await form(c, z.object({ division: z.coerce.number().int().positive() }));
  await chooseDivision(c.get("env"), createDb(c.get("env").DB), connection, division);
  return c.redirect(`/connections/${connection.id}/setup/journal`, 303);
});

setupRoutes.get("/connections/:id/setup/journal", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const journals = await salesJournals(c.get("env"), connection);
  const lang = c.get("lang");
  if (!journals.length) {
    return c.html(
      <Page lang={lang} session={c.get("session")} title={t(lang, "chooseJournal")} path={c.req.path}>
        <SetupFrame lang={lang} connection={connection} step="journal" />
        <p class="error">{t(lang, "noJournals")}</p>
      </Page>,
    );
  }
  return choicePage(c, connection, "journal", {
    title: t(lang, "chooseJournal"),
    help: t(lang, "journalHelp"),
    name: "journal",
    // AllowVariableCurrency false: the journal takes only its own currency (Exact's Journals reference).
    options: journals.map((j) => ({
      value: j.Code,
      label: `${j.Code} — ${j.Description}${j.AllowVariableCurrency === true ? "" : ` (${t(lang, "onlyCurrency")} ${j.Currency ?? ""})`}`,
    })),
  });
});

setupRoutes.post("/connections/:id/setup/journal", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const { journal } = await form(c, z.object({ journal: z.string().min(1).max(10) }));
  const { review } = await chooseJournal(c.get("env"), createDb(c.get("env").DB), connection, journal);
  return c.redirect(
    connection.status === "setup" || review
      ? `/connections/${connection.id}/setup/vat`
      : `/connections/${connection.id}`,
    303,
  );
});
