import { Hono } from "hono";
import type { SandboxEnv } from "../app-env";
import { faultsAndCounting } from "../faults";
import { randomUuid } from "../ids";
import type { ExRow } from "../model";
import { authenticate } from "../oauth/grants";
import type { SandboxData } from "../state";
import { ODataError } from "./odata-filter";
import {
  createAccount,
  createAttachment,
  createDocument,
  deleteAccount,
  deleteDocument,
  updateAccount,
} from "./other-writes";
import { countRows, runQuery, shape } from "./query";
import { exactRateLimit } from "./rate-limit";
import { findResource, odataDate, type Resource } from "./resources";
import { addLine, createSalesEntry, deleteEntry, deleteLine, updateEntry } from "./sales-entries";
import { ExactFailure } from "./values";

/** Exact Online REST: /api/v1/{division}/{service}/{resource}, OData v2 verbose JSON. */
export const exactApi = new Hono<SandboxEnv>();

const errorBody = (message: string, lang = "") => ({ error: { code: "", message: { lang, value: message } } });

interface Target {
  division: number | null;
  path: string;
}
const targetOf = (url: string): Target => {
  const rest = decodeURIComponent(new URL(url).pathname.replace(/^.*\/api\/v1\//, ""));
  const m = /^(\d+)\/(.+)$/.exec(rest);
  return m ? { division: Number(m[1]), path: m[2]! } : { division: null, path: rest };
};

exactApi.use("*", async (c, next) => {
  const data = c.get("data");
  const grant = authenticate(data, "exact", c.req.header("Authorization"));
  if (!grant) return c.json(errorBody("Unauthorized"), 401);
  c.set("grant", grant);
  const accept = c.req.header("Accept") ?? "";
  // Plain XML is not a format Exact serves (406); without Accept: application/json it answers Atom XML.
  if (/application\/xml/.test(accept) && !accept.includes("application/json"))
    return c.json(errorBody("The requested media type is not supported."), 406);
  if (!accept.includes("application/json")) {
    return c.body('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', 200, {
      "Content-Type": "application/atom+xml;charset=utf-8",
    });
  }
  const { division } = targetOf(c.req.url);
  if (division !== null) {
    const user = data.ex.users.get(grant.user_id);
    if (!user?.divisions.includes(division)) return c.json(errorBody("Forbidden - WrongDivision"), 403);
    const limit = exactRateLimit(data, division);
    for (const [name, value] of Object.entries(limit.headers)) c.header(name, value);
    if (!limit.allowed) {
      // Counted for tests: a connector that respects the headers is never answered this.
      data.countCall("exact 429 rate limit");
      return c.json(errorBody("API rate limit exceeded."), 429);
    }
  }
  await next();
});

exactApi.use(
  "*",
  faultsAndCounting(
    "exact",
    (c) => `${c.req.method} ${targetOf(c.req.url).path.replace(/\(.*\)$/, "")}`,
    (c) => {
      c.header("X-RateLimit-Minutely-Remaining", "0");
      c.header("X-RateLimit-Minutely-Reset", String(c.get("data").now() + 1_000));
      return c.json(errorBody("API rate limit exceeded."), 429);
    },
  ),
);

exactApi.all("*", async (c) => {
  const data = c.get("data");
  const { division, path: fullPath } = targetOf(c.req.url);
  const count = fullPath.endsWith("/$count");
  const path = count ? fullPath.slice(0, -"/$count".length) : fullPath;
  const found = findResource(path);
  if (!found || (division === null) !== (found.resource.table === "me"))
    return c.json(errorBody(`Resource not found for the segment '${path.split("/").pop()}'.`), 404);
  const { resource, key } = found;
  const url = new URL(c.req.url);
  const base = `${url.origin}${url.pathname.replace(/\(.*\)$/, "")}`;
  try {
    if (c.req.method === "GET") {
      const rows = rowsOf(data, resource, division, c.get("grant").user_id);
      if (count) return c.text(String(countRows(data, resource, rows, url.searchParams)));
      if (key) {
        const row = rows.find((r) => String(r[resource.key]).toLowerCase() === key.toLowerCase());
        if (!row) return c.json(errorBody(`Resource not found for the segment '${resource.entity}'.`), 404);
        return c.json({ d: shape(data, resource, row, url.searchParams.get("$select")?.split(","), [], base) });
      }
      return c.json(runQuery(data, resource, rows, url.searchParams, new URL(base)));
    }
    if (!resource.writable?.includes(c.req.method as "POST"))
      return c.json(errorBody(`The method ${c.req.method} is not allowed on ${resource.path}.`), 405);
    let body: unknown;
    if (c.req.method !== "DELETE") {
      if (!(c.req.header("Content-Type") ?? "").includes("application/json"))
        return c.json(errorBody("Unsupported media type: send Content-Type: application/json."), 415);
      try {
        body = await c.req.json();
      } catch {
        return c.json(errorBody("Error processing request stream. The request body is not valid JSON."), 400);
      }
    }
    const result = write(data, resource, c.req.method, division!, key, body, url.origin);
    if (result) {
      const created = shape(data, resource, result, undefined, [], base);
      // OData: a 201 names the new entity's URI in Location.
      c.header("Location", (created.__metadata as { uri: string }).uri);
      return c.json({ d: created }, 201);
    }
    return c.body(null, 204);
  } catch (error) {
    if (error instanceof ExactFailure) {
      const language = data.ex.users.get(c.get("grant").user_id)?.LanguageCode ?? "nl-NL";
      const { lang, value } = error.localized(language);
      return c.json(errorBody(value, lang), error.status);
    }
    if (error instanceof ODataError) return c.json(errorBody(error.message), 400);
    throw error;
  }
});

function rowsOf(
  data: SandboxData,
  resource: Resource,
  division: number | null,
  userId: string,
): Record<string, unknown>[] {
  if (resource.table === "me") {
    const user = data.ex.users.get(userId)!;
    return [{ ...user, divisions: undefined }];
  }
  if (resource.table === "divisions") {
    const user = data.ex.users.get(userId)!;
    return data.ex.divisions
      .filter((d) => user.divisions.includes(d.Code))
      .map((d) => ({ ...d, DivisionMoveDate: null }));
  }
  if (resource.table === "financialPeriods") return financialPeriods(data, division!);
  return data.ex[resource.table].filter((row) => row.Division === division);
}

/** Monthly periods of the division's financial years (Exact lets an administration choose; months are the default). */
function financialPeriods(data: SandboxData, division: number): Record<string, unknown>[] {
  const years = data.ex.divisions.get(String(division))?.fiscalYears ?? [];
  return years.flatMap((year) =>
    Array.from({ length: 12 }, (_, month) => ({
      ID: `00000000-0000-4000-8000-${String(division).padStart(6, "0")}${year}${String(month + 1).padStart(2, "0")}`,
      FinYear: year,
      FinPeriod: month + 1,
      StartDate: odataDate(Date.UTC(year, month, 1)),
      EndDate: odataDate(Date.UTC(year, month + 1, 0)),
      Division: division,
    })),
  );
}

function write(
  data: SandboxData,
  resource: Resource,
  method: string,
  division: number,
  key: string | undefined,
  body: unknown,
  origin: string,
): ExRow | null {
  const route = `${method} ${resource.path}${key ? "(key)" : ""}`;
  switch (route) {
    case "POST salesentry/SalesEntries":
      return createSalesEntry(data, division, body, randomUuid);
    case "PUT salesentry/SalesEntries(key)":
      updateEntry(data, division, key!, body);
      return null;
    case "DELETE salesentry/SalesEntries(key)":
      deleteEntry(data, division, key!);
      return null;
    case "POST salesentry/SalesEntryLines":
      return addLine(data, division, body, randomUuid);
    case "DELETE salesentry/SalesEntryLines(key)":
      deleteLine(data, division, key!, randomUuid);
      return null;
    case "POST crm/Accounts":
      return createAccount(data, division, body, randomUuid);
    case "PUT crm/Accounts(key)":
      updateAccount(data, division, key!, body);
      return null;
    case "DELETE crm/Accounts(key)":
      deleteAccount(data, division, key!);
      return null;
    case "DELETE documents/Documents(key)":
      deleteDocument(data, division, key!);
      return null;
    case "POST documents/Documents":
      return createDocument(data, division, body, randomUuid);
    case "POST documents/DocumentAttachments":
      return createAttachment(data, division, body, randomUuid, origin);
    default:
      throw new ExactFailure(
        400,
        `The request ${method} on ${resource.path}${key ? " with a key" : ""} is not supported.`,
      );
  }
}
