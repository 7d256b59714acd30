/** A response shape as the checked-in spec extract keeps it (see scripts/extract-teamleader-spec.py). */
export interface Shape {
  type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
  oneOf?: Shape[];
}

export interface Finding {
  path: string;
  problem: "missing" | "unexpected" | "type" | "enum" | "null" | "required";
  detail?: string;
}

/** Where a value differs from its documented shape: keys the spec does not list, wrong types or enum values, and documented keys left out. */
export function conformance(shape: Shape, value: unknown, path = "$"): Finding[] {
  if (shape.oneOf) {
    const tries = shape.oneOf.map((variant) => conformance(variant, value, path));
    return tries.find((t) => t.length === 0) ?? tries.sort((a, b) => a.length - b.length)[0] ?? [];
  }
  if (value === null) return shape.nullable || !shape.type ? [] : [{ path, problem: "null" }];
  if (shape.enum && !shape.enum.includes(value)) return [{ path, problem: "enum", detail: String(value) }];
  switch (shape.type) {
    case "string":
    case "boolean":
      return typeof value === shape.type
        ? []
        : [{ path, problem: "type", detail: `${typeof value}, not ${shape.type}` }];
    case "number":
    case "integer":
      return typeof value === "number" ? [] : [{ path, problem: "type", detail: `${typeof value}, not number` }];
    case "array":
      if (!Array.isArray(value)) return [{ path, problem: "type", detail: "not an array" }];
      return shape.items ? value.flatMap((item) => conformance(shape.items!, item, `${path}[]`)) : [];
    case "object": {
      if (typeof value !== "object" || Array.isArray(value))
        return [{ path, problem: "type", detail: "not an object" }];
      const record = value as Record<string, unknown>;
      const documented = shape.properties;
      // `{type: object}` with no properties documents nothing about its keys.
      if (!documented) return [];
      const findings: Finding[] = [];
      for (const key of shape.required ?? [])
        if (!(key in record)) findings.push({ path: `${path}.${key}`, problem: "required" });
      for (const [key, item] of Object.entries(record)) {
        if (!(key in documented)) findings.push({ path: `${path}.${key}`, problem: "unexpected" });
        else findings.push(...conformance(documented[key]!, item, `${path}.${key}`));
      }
      for (const key of Object.keys(documented))
        if (!(key in record) && !shape.required?.includes(key))
          findings.push({ path: `${path}.${key}`, problem: "missing" });
      return findings;
    }
    default:
      return [];
  }
}

/**
 * Every documented alternative to a value in an example: each enum value and, where the spec allows it, null.
 * Yields the path (keys and array indexes) and the alternative.
 */
export function* alternatives(
  shape: Shape,
  example: unknown,
  path: (string | number)[] = [],
): Generator<[(string | number)[], unknown]> {
  if (example === undefined) return;
  if (shape.nullable && example !== null) yield [path, null];
  for (const value of shape.enum ?? []) if (value !== example) yield [path, value];
  if (shape.type === "array" && Array.isArray(example) && shape.items)
    for (const [i, item] of example.entries()) yield* alternatives(shape.items, item, [...path, i]);
  if (shape.properties && example && typeof example === "object" && !Array.isArray(example))
    for (const [key, item] of Object.entries(example as Record<string, unknown>))
      if (shape.properties[key]) yield* alternatives(shape.properties[key]!, item, [...path, key]);
}

/** A deep copy of `value` with the value at `path` replaced. */
export function replaced(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaced(copy[head!], rest, next);
  return copy;
}
