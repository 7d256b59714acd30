/**
 * Reads a PHP-style bracketed query string into the JSON body it stands for:
 * `filter[status][]=draft&filter[status][]=matched&page[size]=10&sort[0][field]=invoice_date` →
 * `{filter: {status: ["draft", "matched"]}, page: {size: "10"}, sort: [{field: "invoice_date"}]}`.
 * Values stay strings, as PHP leaves them; numeric keys make arrays.
 */
export function fromQueryString(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      const nextIsList = !last && (path[i + 1] === "" || /^\d+$/.test(path[i + 1]!));
      const container = node as Record<string, unknown>;
      const slot = key === "" && Array.isArray(node) ? node.length : key;
      if (last) {
        container[slot as string] = value;
        return;
      }
      container[slot as string] ??= nextIsList ? [] : {};
      node = container[slot as string] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}
