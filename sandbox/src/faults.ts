import type { Context, MiddlewareHandler } from "hono";
import type { SandboxEnv } from "./app-env";
import type { Fault } from "./state";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts every API call per endpoint and fires injected faults (test control surface only):
 * `500` answers without doing the work; `500-after-commit` and `timeout` do the work, then answer 500
 * or hold the answer for `delayMs`; `429` refuses like a spent rate limit.
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
    } else if (fault?.kind === "timeout") {
      await sleep(fault.delayMs);
    }
  };
}

function takeFault(c: Context<SandboxEnv>, target: string): Fault | undefined {
  const data = c.get("data");
  const fault = data.control.faults.find((f) => f.times > 0 && f.method === c.req.method && target.includes(f.path));
  if (!fault) return undefined;
  if (fault.times <= 1) data.control.faults.delete(fault.id);
  else data.control.faults.put(fault.id, { ...fault, times: fault.times - 1 });
  return fault;
}
