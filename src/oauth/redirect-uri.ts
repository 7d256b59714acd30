import type { Env } from "../env";

/** Where Teamleader and Exact send the user back after consent; registered with each app as is. */
export const redirectUri = (env: Env, provider: "teamleader" | "exact") =>
  `${env.PUBLIC_URL}/oauth/${provider}/callback`;
