#!/usr/bin/env node
// `npm run dev`: the connector on http://localhost:8787 and the sandbox (Teamleader + Exact emulation) on :8788,
// with local D1 migrations applied and the sandbox's demo data seeded. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `wrangler needs Node >= 22.12; this is ${process.version}. Run it as "npm run dev", which uses the Node 22 that "npm install" brings.`,
  );
  process.exit(1);
}

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local-only secrets).");
}

const wrangler = ["node_modules/wrangler/bin/wrangler.js"];
// DEV_STATE_DIR gives a separate local state (the browser tests start from a clean one).
const persist = process.env.DEV_STATE_DIR ? ["--persist-to", process.env.DEV_STATE_DIR] : [];
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

const migrate = spawnSync(process.execPath, [...wrangler, "d1", "migrations", "apply", "DB", "--local", ...persist], {
  stdio: "inherit",
  env,
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const children = [
  start("sandbox", [
    "dev",
    "-c",
    "sandbox/wrangler.toml",
    "--port",
    "8788",
    "--inspector-port",
    "9230",
    "--ip",
    "127.0.0.1",
    ...persist,
  ]),
  start("connector", ["dev", "--port", "8787", "--inspector-port", "9229", "--ip", "127.0.0.1", ...persist]),
];

function start(name, args) {
  const child = spawn(process.execPath, [...wrangler, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk) =>
    `${chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join("\n")}\n`;
  child.stdout.on("data", (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr.on("data", (chunk) => process.stderr.write(prefix(chunk)));
  child.on("exit", (code) => {
    console.log(`[${name}] exited (${code})`);
    stop(code ?? 1);
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// Wait for both, touch the sandbox once so it seeds its demo data, then say where everything is.
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const [sandbox, connector] = await Promise.all([
      fetch("http://127.0.0.1:8788/"),
      fetch("http://127.0.0.1:8787/health"),
    ]);
    if (sandbox.ok && connector.ok) {
      console.log(
        "\n  Connector: http://localhost:8787\n  Sandbox:   http://localhost:8788  (Teamleader: /teamleader, Exact Online: /exact)\n",
      );
      break;
    }
  } catch {
    // not up yet
  }
  await sleep(1000);
}
