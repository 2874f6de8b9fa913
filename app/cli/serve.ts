/**
 * `serve`: run the GitHub App — Probot's webhook middleware and /healthz on a
 * node:http server — until SIGINT or SIGTERM, then let running analyses end
 * their check runs before exiting. Configuration is Probot's standard
 * environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET,
 * GHE_HOST/GHE_PROTOCOL, LOG_LEVEL) plus PROVENANCE_* settings.
 */
import { createAppProbot } from "../app/create-app-probot.js";
import { ProvenanceError } from "../errors.js";
import { createProvenanceApp, type ProvenanceApp } from "../index.js";
import { startServer, type RunningServer } from "../server.js";
import { EXIT, type CliIo } from "./io.js";
import { parseFlags } from "./parse-flags.js";

export const SERVE_USAGE = `usage: agent-provenance serve [--port N] [--host ADDRESS] [--dry-run]

  --port N        port to listen on (default: $PORT, else 3000; 0 picks a free one)
  --host ADDRESS  address to bind (default: all interfaces)
  --dry-run       log the check runs the App would write instead of writing them

environment (Probot's): APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET,
  WEBHOOK_PATH (default /api/github/webhooks), GHE_HOST / GHE_PROTOCOL for GitHub
  Enterprise Server, LOG_LEVEL, LOG_FORMAT
environment (agent-provenance): PROVENANCE_ENGINE (auto|semgrep|embedded),
  PROVENANCE_AGENT_PUBLIC_KEYS, PROVENANCE_DETECTOR_MODULE_PATHS, PROVENANCE_DRY_RUN=1

endpoints: POST <WEBHOOK_PATH> (GitHub webhooks, signature checked), GET /healthz`;

/** How long a shutdown waits for running analyses to complete their check runs. */
const DRAIN_MS = 60_000;

export function parsePort(value: string | undefined, fallback: string | undefined): number {
  const raw = value ?? fallback ?? "3000";
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `--port must be a number from 0 to 65535 (got ${JSON.stringify(raw)})`,
    );
  }
  return port;
}

export interface ServeHandle {
  running: RunningServer;
  provenance: ProvenanceApp;
  /** Close the server, then wait (up to DRAIN_MS) for analyses in flight. */
  stop(): Promise<void>;
}

export async function startServe(
  options: { port: number; host?: string; dryRun: boolean },
  env: NodeJS.ProcessEnv,
): Promise<ServeHandle> {
  const probot = createAppProbot({ env });
  const provenance = createProvenanceApp(options.dryRun ? { dryRun: true } : {}, env);
  const running = await startServer({ probot, app: provenance.app, port: options.port, host: options.host });
  return {
    running,
    provenance,
    stop: async () => {
      await running.close();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        provenance.runtime.pending.idle(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, DRAIN_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

export async function runServe(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("serve", args, {
    port: { type: "string" },
    host: { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout(SERVE_USAGE + "\n");
    return EXIT.ok;
  }
  const handle = await startServe(
    {
      port: parsePort(values.port, io.env["PORT"]),
      host: values.host,
      dryRun: values["dry-run"] === true,
    },
    io.env,
  );
  const { url, webhookPath } = handle.running;
  io.stdout(
    `agent-provenance App listening on ${url} (webhooks: POST ${webhookPath}, health: GET /healthz)` +
      `${values["dry-run"] === true ? " — dry run: check runs are logged, not written" : ""}\n`,
  );
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  io.stderr(`${signal}: closing; waiting for running analyses to complete their check runs\n`);
  await handle.stop();
  return EXIT.ok;
}
