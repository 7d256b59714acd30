import type { Db } from "../db/client";
import type { connections } from "../db/schema";
import type { Env } from "../env";
import type { ExactClient } from "../exact/client";
import type { TeamleaderClient } from "../teamleader/client";
import type { ConnectionOptions } from "./options";

export type Connection = typeof connections.$inferSelect;

/** What the engine works with: one connection, its options and its two API clients (built by its object). */
export interface ConnectionContext {
  env: Env;
  db: Db;
  connection: Connection;
  options: ConnectionOptions;
  departmentId: string;
  division: number;
  tl: TeamleaderClient;
  exact: ExactClient;
}
