import type { Env } from "../env";
import type { Lang } from "./i18n";

/** What every request carries: the raw bindings, the parsed configuration, the session and the page language. */
export type AppEnv = { Bindings: Cloudflare.Env; Variables: { env: Env; session: Session; lang: Lang } };

export interface Session {
  userId: string;
  accountId: string;
  /** The CSRF token every POST form and API write must carry. */
  csrf: string;
  exp: number;
  /** The Teamleader user's name (or e-mail), shown in the header; sessions started before it was kept have none. */
  name?: string;
}
