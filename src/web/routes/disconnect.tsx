import { Hono } from "hono";
import { createDb } from "../../db/client";
import { AppError } from "../../errors";
import { connectionAction } from "../actions";
import type { AppEnv } from "../app-env";
import { t } from "../i18n";
import { CsrfField, Page } from "../layout";
import { ownConnection } from "../own-connection";

/** Disconnecting asks first, on its own page, and says what stays; the connection then stays visible read-only. */
export const disconnectRoutes = new Hono<AppEnv>();

disconnectRoutes.get("/connections/:id/disconnect", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const lang = c.get("lang");
  return c.html(
    <Page lang={lang} session={c.get("session")} title={t(lang, "disconnectTitle")} path={c.req.path}>
      <div class="card" id="disconnect-consequences">
        <p>
          <strong>{connection.departmentName ?? "…"}</strong>
          {connection.exactDivisionName ? ` → ${connection.exactDivisionName}` : ""}
        </p>
        <ul>
          <li>{t(lang, "disconnectKeepsEntries")}</li>
          <li>{t(lang, "disconnectStopsBooking")}</li>
          <li>{t(lang, "disconnectForgetsAccess")}</li>
          <li>{t(lang, "disconnectKeepsHistory")}</li>
        </ul>
        <form method="post" action={`/connections/${connection.id}/disconnect`}>
          <CsrfField token={c.get("session").csrf} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" class="danger">
            {t(lang, "disconnectConfirm")}
          </button>{" "}
          <a href={`/connections/${connection.id}`}>{t(lang, "disconnectCancel")}</a>
        </form>
      </div>
    </Page>,
  );
});

disconnectRoutes.post("/connections/:id/disconnect", async (c) => {
  const connection = await ownConnection(c, c.req.param("id"));
  const body = await c.req.parseBody();
  // Only the confirmation page's button disconnects; anything else changes nothing.
  if (body.confirm !== "yes") throw new AppError("BAD_REQUEST", t(c.get("lang"), "disconnectUnconfirmed"));
  await connectionAction("disconnect")(
    { env: c.get("env"), db: createDb(c.get("env").DB), executionCtx: c.executionCtx as ExecutionContext },
    connection,
  );
  return c.redirect(`/connections/${connection.id}?notice=disconnected`, 303);
});
