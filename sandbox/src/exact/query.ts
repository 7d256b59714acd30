import type { ExRow } from "../model";
import type { SandboxData } from "../state";
import { evaluate, ODataError, parseFilter } from "./odata-filter";
import type { Resource } from "./resources";

/** `…/$count`: the number of rows the filter selects, as plain text (same mandatory-filter rules as a list). */
export function countRows(
  _data: SandboxData,
  resource: Resource,
  rows: Record<string, unknown>[],
  params: URLSearchParams,
): number {
  const filterText = params.get("$filter");
  if (resource.mandatoryFilter && !filterText?.trim())
    throw new ODataError(`$filter is mandatory for ${resource.path}; use a filter or the sync endpoint.`);
  const filter = filterText ? parseFilter(filterText) : null;
  return filter
    ? rows.filter((row) => evaluate(filter, row, resource.fields, resource.entity) === true).length
    : rows.length;
}

/** Applies $filter, $orderby, $select, $expand, $top and paging ($skiptoken, `__next`) like Exact does. */
export function runQuery(
  data: SandboxData,
  resource: Resource,
  rows: Record<string, unknown>[],
  params: URLSearchParams,
  selfUrl: URL,
) {
  const filterText = params.get("$filter");
  if (resource.mandatoryFilter && !filterText?.trim())
    throw new ODataError(`$filter is mandatory for ${resource.path}; use a filter or the sync endpoint.`);
  if (resource.sync && !params.get("$select")?.trim() && params.get("$top") !== "1")
    throw new ODataError("Please add a $select or a $top=1 statement to the query string.");
  if (resource.sync && filterText && !/^\s*Timestamp\s+(gt|ge)\s+-?\d+L?\s*$/.test(filterText)) {
    throw new ODataError("Only a filter on Timestamp is allowed on sync endpoints.");
  }
  const filter = filterText ? parseFilter(filterText) : null;
  let result = filter ? rows.filter((row) => evaluate(filter, row, resource.fields, resource.entity) === true) : rows;

  const orderby = params.get("$orderby");
  if (orderby) {
    const [field, direction] = orderby.trim().split(/\s+/);
    if (!field || !resource.fields[field])
      throw new ODataError(`No property '${field}' exists in type 'Exact.Web.Api.Models.${resource.entity}'.`);
    const sign = direction?.toLowerCase() === "desc" ? -1 : 1;
    result = [...result].sort((a, b) =>
      String(a[field]) < String(b[field]) ? -sign : String(a[field]) > String(b[field]) ? sign : 0,
    );
  } else if (resource.sync) {
    result = [...result].sort((a, b) => Number(a.Timestamp) - Number(b.Timestamp));
  }

  const skiptoken = params.get("$skiptoken");
  if (skiptoken) {
    const last = skiptoken.replace(/^guid'|'$|L$/g, "").toLowerCase();
    const at = result.findIndex(
      (row) => String(resource.sync ? row.Timestamp : row[resource.key]).toLowerCase() === last,
    );
    result = at >= 0 ? result.slice(at + 1) : [];
  }

  const select = params
    .get("$select")
    ?.split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  for (const field of select ?? []) {
    if (field !== "*" && !resource.fields[field] && !resource.expand?.[field]) {
      throw new ODataError(`No property '${field}' exists in type 'Exact.Web.Api.Models.${resource.entity}'.`);
    }
  }
  const expand =
    params
      .get("$expand")
      ?.split(",")
      .map((f) => f.trim())
      .filter(Boolean) ?? [];
  for (const name of expand)
    if (!resource.expand?.[name])
      throw new ODataError(`No property '${name}' exists in type 'Exact.Web.Api.Models.${resource.entity}'.`);

  const topParam = params.get("$top");
  const top = topParam === null ? undefined : Number(topParam);
  if (top !== undefined && (!Number.isInteger(top) || top < 0))
    throw new ODataError(`Invalid value '${topParam}' for $top.`);
  const limit = Math.min(resource.pageSize, top ?? Infinity);
  const page = result.slice(0, limit);
  const more = result.length > limit && (top === undefined || top > limit);

  const base = `${selfUrl.origin}${selfUrl.pathname}`;
  const results = page.map((row) => shape(data, resource, row, select, expand, base));
  let next: string | undefined;
  if (more && page.length) {
    const lastRow = page[page.length - 1]!;
    const nextParams = new URLSearchParams(params);
    nextParams.set("$skiptoken", resource.sync ? `${lastRow.Timestamp}L` : `guid'${lastRow[resource.key]}'`);
    if (top !== undefined) nextParams.set("$top", String(top - limit));
    next = `${base}?${nextParams.toString()}`;
  }
  const d: Record<string, unknown> = { results };
  if (params.get("$inlinecount") === "allpages") d.__count = String(result.length);
  if (next) d.__next = next;
  return { d };
}

/** One row as Exact serialises it: `__metadata`, Int64 as a string, navigation properties deferred unless expanded. */
export function shape(
  data: SandboxData,
  resource: Resource,
  row: Record<string, unknown>,
  select: string[] | undefined,
  expand: string[],
  base: string,
) {
  const keyValue = row[resource.key];
  const uri = `${base}(${resource.fields[resource.key] === "guid" ? `guid'${keyValue}'` : keyValue})`;
  const out: Record<string, unknown> = { __metadata: { uri, type: `Exact.Web.Api.Models.${resource.entity}` } };
  const fields =
    !select || select.includes("*") ? Object.keys(resource.fields) : select.filter((f) => resource.fields[f]);
  for (const field of fields) {
    const value = row[field] ?? null;
    out[field] = resource.fields[field] === "int64" && value !== null ? String(value) : value;
  }
  for (const [name, nav] of Object.entries(resource.expand ?? {})) {
    if (select && !select.includes("*") && !select.includes(name) && !expand.includes(name)) continue;
    if (expand.includes(name)) {
      const children = data.ex[nav.table].filter((child: ExRow) => child[nav.foreignKey] === keyValue);
      out[name] = { results: children.map((child) => ({ ...child, Timestamp: undefined })) };
    } else {
      out[name] = { __deferred: { uri: `${uri}/${name}` } };
    }
  }
  return out;
}
