import type { Context, MiddlewareHandler } from "hono";
import type { SandboxEnv } from "./app-env";
import type { Fault } from "./state";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a web server in front of the API answers when the application crashed (not an API error body). */
const GENERIC_500 =
  "<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1></body></html>";

/**
 * Counts every API call per endpoint and fires injected faults (test control surface only):
 * `500` answers without doing the work; `500-after-commit` (empty body), `500-generic-after-commit` (an HTML
 * error page) and `timeout` do the work, then answer 500 or hold the answer for `delayMs`; `429` refuses like
 * a spent rate limit; `malformed` answers normally except that `field` holds a value of the wrong type.
 */
export function faultsAndCounting(
  system: "teamleader" | "exact",
  endpointOf: (c: Context<SandboxEnv>) => string,
  tooMany: (c: Context<SandboxEnv>) => Response,
): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const data = c.get("data");
    const endpoint = endpointOf(c);
    data.countCall(`${system} ${endpoint}`);
    const fault = takeFault(c, `${system}/${endpoint}`);
    if (fault?.kind === "429" || fault?.kind === "500") {
      // Read the body first: answering before reading it upsets the runtime.
      await c.req.raw.arrayBuffer();
      return fault.kind === "429" ? tooMany(c) : c.body(null, 500);
    }
    await next();
    if (fault?.kind === "500-after-commit") {
      c.res = new Response(null, { status: 500 });
    } else if (fault?.kind === "500-generic-after-commit") {
      c.res = new Response(GENERIC_500, { status: 500, headers: { "Content-Type": "text/html; charset=utf-8" } });
    } else if (fault?.kind === "malformed" && fault.field) {
      c.res = malformed(c.res, await c.res.json(), fault.field);
    } else if (fault?.kind === "timeout") {
      await sleep(fault.delayMs);
    }
  };
}

/** The same answer with the value at `field` (dotted path) replaced by a string no schema takes for it. */
function malformed(original: Response, body: unknown, field: string): Response {
  const keys = field.split(".");
  let node = body as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown>;
  if (node && typeof node === "object") node[keys.at(-1)!] = { unexpected: true };
  const headers = new Headers(original.headers);
  headers.delete("Content-Length");
  return new Response(JSON.stringify(body), { status: original.status, headers });
}

function takeFault(c: Context<SandboxEnv>, target: string): Fault | undefined {
  const data = c.get("data");
  const fault = data.control.faults.find((f) => f.times > 0 && f.method === c.req.method && target.includes(f.path));
  if (!fault) return undefined;
  if (fault.times <= 1) data.control.faults.delete(fault.id);
  else data.control.faults.put(fault.id, { ...fault, times: fault.times - 1 });
  return fault;
}
