import { AppError } from "../errors";

/**
 * OData v2 literals and helpers as Exact Online expects them.
 * Strings: single quotes, a quote doubled. GUID: guid'…'. Date: datetime'YYYY-MM-DDTHH:mm:ss'. Int64: 123L.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function str(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function guid(value: string): string {
  if (!GUID.test(value)) throw new AppError("INTERNAL", `Not a GUID, so not sent to Exact: ${value}`);
  return `guid'${value}'`;
}

export function datetime(value: Date | string): string {
  const iso = typeof value === "string" ? (value.length === 10 ? `${value}T00:00:00` : value) : value.toISOString();
  return `datetime'${iso.replace(/(\.\d+)?Z$/, "")}'`;
}

export function int64(value: bigint | number | string): string {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new AppError("INTERNAL", `Not an integer, so not sent to Exact: ${text}`);
  return `${text}L`;
}

/** Exact answers dates as "/Date(1755123456000)/" (ms since the epoch, UTC). */
export function parseODataDate(value: string): Date {
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (!match)
    throw new AppError("UPSTREAM_BAD_RESPONSE", `Exact Online answered a date we cannot read: ${value}`, {
      source: "exact",
    });
  return new Date(Number(match[1]));
}

export interface ODataQuery {
  filter?: string;
  select?: string[];
  top?: number;
  orderby?: string;
  expand?: string;
}

/** Builds `?$filter=…&$select=…`; values are percent-encoded, the `$` names are kept literal. */
export function queryString(query: ODataQuery): string {
  const parts: string[] = [];
  if (query.filter) parts.push(`$filter=${encodeURIComponent(query.filter)}`);
  if (query.select?.length) parts.push(`$select=${encodeURIComponent(query.select.join(","))}`);
  if (query.expand) parts.push(`$expand=${encodeURIComponent(query.expand)}`);
  if (query.orderby) parts.push(`$orderby=${encodeURIComponent(query.orderby)}`);
  if (query.top !== undefined) parts.push(`$top=${query.top}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
