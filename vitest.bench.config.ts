import { workersConfig } from "./vitest.config";

// `npm run bench`: the engine against the sandbox inside workerd; prints figures, asserts nothing.
export default workersConfig(["bench/**/*.bench.ts"], 900_000);
