import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import type { SandboxEnv } from "./app-env";
import { control } from "./control";
import { emailApi } from "./email/api";
import { exactApi } from "./exact/api";
import { exactOAuth } from "./exact/oauth";
import { pages } from "./pages/browse";
import { seed } from "./seed";
import { SandboxData } from "./state";
import { teamleaderApi, teamleaderFiles } from "./teamleader/api";
import { teamleaderOAuth } from "./teamleader/oauth";

interface Env {
  STATE: DurableObjectNamespace<SandboxState>;
}

/**
 * All sandbox state lives in one Durable Object, so every request sees one consistent world
 * (requests are handled one at a time, like a small SaaS with a single database).
 */
export class SandboxState extends DurableObject<Env> {
  private readonly data: SandboxData;
  private readonly app = new Hono<SandboxEnv>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.data = new SandboxData(ctx.storage);
    ctx.blockConcurrencyWhile(async () => {
      if (!(await this.data.load())) seed(this.data, "demo");
    });
    this.app.use("*", async (c, next) => {
      c.set("data", this.data);
      await next();
    });
    this.app.route("/teamleader/api", teamleaderApi);
    this.app.route("/teamleader/files", teamleaderFiles);
    this.app.route("/teamleader", teamleaderOAuth);
    this.app.route("/exact/api/v1", exactApi);
    this.app.route("/exact", exactOAuth);
    this.app.route("/email", emailApi);
    this.app.route("/__control", control);
    this.app.route("/", pages);
  }

  override fetch(request: Request) {
    return this.app.fetch(request);
  }
}

export default {
  fetch(request, env) {
    return env.STATE.get(env.STATE.idFromName("sandbox")).fetch(request);
  },
} satisfies ExportedHandler<Env>;
