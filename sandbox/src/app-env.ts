import type { OAuthAccess } from "./model";
import type { SandboxData } from "./state";

export type SandboxEnv = { Variables: { data: SandboxData; grant: OAuthAccess } };
