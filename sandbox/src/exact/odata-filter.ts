/**
 * A small OData v2 `$filter` parser and evaluator: comparisons (eq ne gt ge lt le), and/or/not,
 * parentheses, string/guid/datetime/number/Int64 literals and the functions clients use with Exact
 * (trim, substringof, startswith, endswith, tolower, toupper). Type mismatches (a GUID compared to a
 * string literal) fail like WCF Data Services does, with a 400.
 */
export type FieldType = "guid" | "string" | "int" | "int64" | "double" | "bool" | "date";
type Value = { type: FieldType | "null"; value: unknown };
type Node =
  | { kind: "lit"; v: Value }
  | { kind: "field"; name: string }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "not"; arg: Node }
  | { kind: "bin"; op: string; left: Node; right: Node };

export class ODataError extends Error {}

const TOKEN =
  /\s*(?:(guid|datetime)'([^']*)'|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)([LMDdmf]?)|([A-Za-z_][A-Za-z0-9_]*)|(\(|\)|,))/y;

function tokenize(input: string): string[] | Array<{ t: string; v?: Value }> {
  const tokens: Array<{ t: string; v?: Value }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) throw new ODataError(`Syntax error at position ${at} in '${input}'.`);
    if (m[1] === "guid") {
      if (!GUID.test(m[2]!)) throw new ODataError(`Unrecognized 'Edm.Guid' literal 'guid'${m[2]}'' at position ${at}.`);
      tokens.push({ t: "lit", v: { type: "guid", value: m[2]!.toLowerCase() } });
    } else if (m[1] === "datetime") {
      // OData v2 wants yyyy-mm-ddThh:mm[:ss[.fffffff]]; a date alone is not a DateTime literal.
      const ms = DATETIME.test(m[2]!) ? Date.parse(m[2]!.endsWith("Z") ? m[2]! : `${m[2]}Z`) : Number.NaN;
      if (!Number.isFinite(ms))
        throw new ODataError(`Unrecognized 'Edm.DateTime' literal 'datetime'${m[2]}'' at position ${at}.`);
      tokens.push({ t: "lit", v: { type: "date", value: ms } });
    } else if (m[3] !== undefined) tokens.push({ t: "lit", v: { type: "string", value: m[3].replace(/''/g, "'") } });
    else if (m[4] !== undefined)
      tokens.push({
        t: "lit",
        v: { type: m[5] === "L" ? "int64" : m[4].includes(".") ? "double" : "int", value: Number(m[4]) },
      });
    else if (m[6] !== undefined) {
      const word = m[6];
      if (word === "true" || word === "false") tokens.push({ t: "lit", v: { type: "bool", value: word === "true" } });
      else if (word === "null") tokens.push({ t: "lit", v: { type: "null", value: null } });
      else tokens.push({ t: word });
    } else tokens.push({ t: m[7]! });
  }
  return tokens;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z?$/;

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

export function parseFilter(input: string): Node {
  const tokens = tokenize(input) as Array<{ t: string; v?: Value }>;
  let i = 0;
  const peek = () => tokens[i]?.t;
  const expect = (t: string) => {
    if (tokens[i]?.t !== t) throw new ODataError(`Syntax error: '${t}' expected in '${input}'.`);
    i++;
  };
  const primary = (): Node => {
    const token = tokens[i++];
    if (!token) throw new ODataError(`Syntax error: expression expected at the end of '${input}'.`);
    if (token.t === "lit") return { kind: "lit", v: token.v! };
    if (token.t === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (token.t === "not") return { kind: "not", arg: comparison() };
    if (peek() === "(") {
      i++;
      const args: Node[] = [];
      if (peek() !== ")") for (args.push(or()); peek() === ","; i++, args.push(or()));
      expect(")");
      return { kind: "call", name: token.t, args };
    }
    return { kind: "field", name: token.t };
  };
  const comparison = (): Node => {
    const left = primary();
    const op = peek();
    if (op && COMPARISONS.has(op)) {
      i++;
      return { kind: "bin", op, left, right: primary() };
    }
    return left;
  };
  const and = (): Node => {
    let left = comparison();
    while (peek() === "and") {
      i++;
      left = { kind: "bin", op: "and", left, right: comparison() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === "or") {
      i++;
      left = { kind: "bin", op: "or", left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i < tokens.length) throw new ODataError(`Syntax error at '${tokens[i]?.t}' in '${input}'.`);
  return tree;
}

const NUMERIC = new Set(["int", "int64", "double"]);

export function evaluate(
  node: Node,
  row: Record<string, unknown>,
  fields: Record<string, FieldType>,
  entity: string,
): unknown {
  return valueOfNode(node).value;

  function valueOfNode(n: Node): Value {
    switch (n.kind) {
      case "lit":
        return n.v;
      case "field": {
        const type = fields[n.name];
        if (!type) throw new ODataError(`No property '${n.name}' exists in type 'Exact.Web.Api.Models.${entity}'.`);
        const raw = row[n.name];
        if (raw === null || raw === undefined) return { type: "null", value: null };
        if (type === "date") return { type, value: Number(/\((-?\d+)/.exec(String(raw))?.[1]) };
        return { type, value: type === "guid" ? String(raw).toLowerCase() : raw };
      }
      case "not":
        return { type: "bool", value: !valueOfNode(n.arg).value };
      case "call":
        return call(n.name, n.args.map(valueOfNode));
      case "bin": {
        if (n.op === "and")
          return { type: "bool", value: Boolean(valueOfNode(n.left).value) && Boolean(valueOfNode(n.right).value) };
        if (n.op === "or")
          return { type: "bool", value: Boolean(valueOfNode(n.left).value) || Boolean(valueOfNode(n.right).value) };
        return { type: "bool", value: compare(n.op, valueOfNode(n.left), valueOfNode(n.right)) };
      }
    }
  }

  function call(name: string, args: Value[]): Value {
    const s = (v: Value | undefined) => (v?.value === null || v?.value === undefined ? "" : String(v.value));
    switch (name) {
      case "trim":
        return { type: "string", value: s(args[0]).trim() };
      case "tolower":
        return { type: "string", value: s(args[0]).toLowerCase() };
      case "toupper":
        return { type: "string", value: s(args[0]).toUpperCase() };
      case "substringof":
        return { type: "bool", value: s(args[1]).toLowerCase().includes(s(args[0]).toLowerCase()) };
      case "startswith":
        return { type: "bool", value: s(args[0]).toLowerCase().startsWith(s(args[1]).toLowerCase()) };
      case "endswith":
        return { type: "bool", value: s(args[0]).toLowerCase().endsWith(s(args[1]).toLowerCase()) };
      default:
        throw new ODataError(`Unknown function '${name}'.`);
    }
  }

  function compare(op: string, a: Value, b: Value): boolean {
    if (a.type !== "null" && b.type !== "null" && a.type !== b.type && !(NUMERIC.has(a.type) && NUMERIC.has(b.type))) {
      throw new ODataError(`Operator '${op}' incompatible with operand types '${edm(a.type)}' and '${edm(b.type)}'.`);
    }
    if (a.type === "null" || b.type === "null") {
      const same = a.value === b.value;
      if (op === "eq") return same;
      if (op === "ne") return !same;
      return false;
    }
    // SQL Server's default collation: case-insensitive, and trailing spaces do not count (ANSI padding).
    const x = typeof a.value === "string" ? sqlString(a.value) : (a.value as number);
    const y = typeof b.value === "string" ? sqlString(b.value) : (b.value as number);
    switch (op) {
      case "eq":
        return x === y;
      case "ne":
        return x !== y;
      case "gt":
        return x > y;
      case "ge":
        return x >= y;
      case "lt":
        return x < y;
      default:
        return x <= y;
    }
  }
}

function edm(type: string): string {
  return (
    (
      {
        guid: "System.Guid",
        string: "System.String",
        int: "System.Int32",
        int64: "System.Int64",
        double: "System.Double",
        bool: "System.Boolean",
        date: "System.DateTime",
      } as Record<string, string>
    )[type] ?? type
  );
}

const sqlString = (value: string) => value.toLowerCase().replace(/ +$/, "");
