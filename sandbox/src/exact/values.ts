import type { FieldType } from "./odata-filter";
import { odataDate } from "./resources";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request the OData layer refuses (HTTP 400) or a business rule Exact refuses (HTTP 500). Business texts
 * come in the user's language (`english` for users whose language is not Dutch).
 */
export class ExactFailure extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 415 | 500,
    message: string,
    readonly english?: string,
  ) {
    super(message);
  }

  /** The text and `lang` Exact answers for a user with this language code (e.g. "nl-NL", "en-GB"). */
  localized(languageCode: string): { lang: string; value: string } {
    if (this.english === undefined) return { lang: "", value: this.message };
    const dutch = languageCode.toLowerCase().startsWith("nl");
    return { lang: languageCode, value: dutch ? this.message : this.english };
  }
}

export const reject = (message: string) => new ExactFailure(400, message);
export const business = (dutch: string, english: string) => new ExactFailure(500, dutch, english);

/**
 * Reads a JSON body like WCF Data Services: an unknown property is a 400, a value of the wrong type is
 * a 400, read-only properties are ignored. Dates may be ISO 8601 or /Date(ms)/.
 */
export function readBody(
  raw: unknown,
  entity: string,
  fields: Record<string, FieldType>,
  writable: Set<string>,
): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw reject("Error processing request stream. The request body must be a JSON object.");
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const type = fields[name];
    if (!type)
      throw reject(
        `Error processing request stream. The property name '${name}' specified for type 'Exact.Web.Api.Models.${entity}' is not valid.`,
      );
    if (!writable.has(name)) continue;
    out[name] = convert(name, type, value);
  }
  return out;
}

function convert(name: string, type: FieldType, value: unknown): unknown {
  if (value === null) return null;
  const bad = () =>
    reject(
      `Error processing request stream. Cannot convert a value to target type 'Edm.${edmName(type)}' for property '${name}'.`,
    );
  switch (type) {
    case "guid":
      if (typeof value !== "string" || !GUID.test(value)) throw bad();
      return value.toLowerCase();
    case "string":
      if (typeof value !== "string") throw bad();
      return value;
    case "int":
    case "int64":
      if (typeof value !== "number" || !Number.isInteger(value)) throw bad();
      return value;
    case "double": {
      // WCF Data Services reads a JSON string as Edm.Double too (OSSO sends amounts as strings).
      const number =
        typeof value === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isFinite(number)) throw bad();
      return number;
    }
    case "bool":
      if (typeof value !== "boolean") throw bad();
      return value;
    case "date": {
      const ms = parseDate(value);
      if (ms === null) throw bad();
      return odataDate(ms);
    }
  }
}

export function parseDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const odata = /^\/Date\((-?\d+)\)\/$/.exec(value);
  if (odata) return Number(odata[1]);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null;
  const ms = Date.parse(
    value.length === 10 ? `${value}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`,
  );
  return Number.isFinite(ms) ? ms : null;
}

export const msOf = (odata: unknown) => Number(/\((-?\d+)/.exec(String(odata))?.[1] ?? NaN);

function edmName(type: FieldType): string {
  return (
    {
      guid: "Guid",
      string: "String",
      int: "Int32",
      int64: "Int64",
      double: "Double",
      bool: "Boolean",
      date: "DateTime",
    } as const
  )[type];
}
