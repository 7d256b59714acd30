import { DurableObject } from "cloudflare:workers";
import { type Env, parseEnv } from "../env";

/**
 * One instance per connection (named by the connection id). Everything that writes to Exact or
 * refreshes a token for that connection runs inside it, one at a time. The sync engine fills `sync`.
 */
export class ConnectionObject extends DurableObject<Record<string, unknown>> {
  protected readonly config: Env;

  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    this.config = parseEnv(env);
  }

  /** Whether this object is reachable; the sync engine adds the real entry points. */
  async ping(): Promise<{ connectionId: string | undefined }> {
    return { connectionId: this.ctx.id.name };
  }
}
