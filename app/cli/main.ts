/** The CLI entry: pick a subcommand, map errors to the exit-code contract. */
import { isProvenanceError } from "../errors.js";
import { toolVersion } from "../version.js";
import { EXIT, processIo, type CliIo } from "./io.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Subcommands load on demand, so `keygen` never pays for the rule engine. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () => (await import("./analyze.js")).runAnalyze,
  keygen: async () => (await import("./keygen.js")).runKeygen,
  demo: async () => (await import("./demo.js")).runDemo,
  scan: async () => (await import("./scan.js")).runScan,
  capabilities: async () => (await import("./capabilities.js")).runCapabilities,
  serve: async () => (await import("./serve.js")).runServe,
};

const USAGE = `usage: agent-provenance <command> [options]

commands:
  analyze   attribute every added line of base..head in a local git repository and decide a verdict
  keygen    create an Ed25519 key pair (PEM)
  demo      build a sample repository with agent and human commits and analyse it
  scan      run Semgrep-format rules over files (Semgrep-compatible JSON), or test rules with --test
  capabilities  list engines, the rule pack (digest), rules the embedded engine cannot run, custom detectors
  serve     run the GitHub App (webhooks + /healthz); APP_ID, PRIVATE_KEY, WEBHOOK_SECRET from the environment

run "agent-provenance <command> --help" for options`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout(USAGE + "\n");
    return command === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (command === "--version" || command === "version") {
    io.stdout(toolVersion() + "\n");
    return EXIT.ok;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    io.stderr(`agent-provenance: unknown command "${command}"\n${USAGE}\n`);
    return EXIT.badInput;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (err) {
    if (isProvenanceError(err)) {
      // Every typed error is about the input (arguments, config, event, repository, output path).
      io.stderr(`agent-provenance ${command}: ${err.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(
      `agent-provenance ${command}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.internal;
  }
}
