/** `analyze`: local git repository -> snapshot -> detection -> pipeline -> outputs. No business logic here. */
import { parseAgentPublicKeys } from "../attribution/index.js";
import { parseEngineChoice } from "../detection/select-engine.js";
import { ProvenanceError } from "../errors.js";
import type { PullRequestMeta } from "../model/snapshot.js";
import { loadConfigFile } from "../policy/load-config.js";
import { renderText } from "../report/render-text.js";
import { readEventFile } from "../sources/event/read-event-file.js";
import { EXIT, type CliIo } from "./io.js";
import { runLocalAnalysis } from "./local-analysis.js";
import { parseFlags } from "./parse-flags.js";
import { writeOutput } from "./write-output.js";

export const ANALYZE_USAGE = `usage: agent-provenance analyze --repo DIR --base REF --head REF [--event FILE] [--config FILE]
                              [--engine auto|semgrep|embedded] [--rules PATH]... [--json FILE|-]

  --repo DIR      local git repository (default: current directory)
  --base REF      base of the pull request (default: the event's base SHA)
  --head REF      head of the pull request (default: the event's head SHA)
  --event FILE    GitHub pull_request event payload ($GITHUB_EVENT_PATH): title, body,
                  head branch, labels and author feed PR-level attribution
  --config FILE   agent-provenance.yml (default: .github/agent-provenance.yml at the base
                  commit, never at head; see docs/configuration.md)
  --engine NAME   auto (default: semgrep when on PATH, else embedded), semgrep, embedded
  --rules PATH    extra Semgrep-format rule file or directory (repeatable), besides rules/
  --json FILE|-   write the JSON report ("-" = stdout, and no table)

exit: 0 allow or warn, 1 block, 2 bad input or config`;

function envKeys(io: CliIo): Record<string, string> {
  const raw = io.env["PROVENANCE_AGENT_PUBLIC_KEYS"];
  return raw === undefined || raw.trim() === "" ? {} : parseAgentPublicKeys(raw);
}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("analyze", args, {
    repo: { type: "string" },
    base: { type: "string" },
    head: { type: "string" },
    event: { type: "string" },
    config: { type: "string" },
    engine: { type: "string" },
    rules: { type: "string", multiple: true },
    json: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout(ANALYZE_USAGE + "\n");
    return EXIT.ok;
  }
  const engine = parseEngineChoice(values.engine);
  const config = values.config === undefined ? null : await loadConfigFile(values.config);
  const agentPublicKeys = envKeys(io);
  let pr: PullRequestMeta | null = null;
  let base = values.base;
  let head = values.head;
  if (values.event !== undefined) {
    const event = await readEventFile(values.event);
    pr = event.pr;
    base ??= event.baseSha;
    head ??= event.headSha;
  }
  if (base === undefined || head === undefined) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `--base and --head are required (or --event)\n${ANALYZE_USAGE}`,
    );
  }
  const report = await runLocalAnalysis({
    repo: values.repo ?? io.cwd,
    base,
    head,
    pr,
    config,
    agentPublicKeys,
    engine,
    rules: values.rules ?? [],
    env: io.env,
    cwd: io.cwd,
  });
  if (values.json !== undefined)
    await writeOutput(values.json, JSON.stringify(report, null, 2) + "\n", io.stdout);
  if (values.json !== "-") io.stdout(renderText(report));
  return report.decision.verdict === "block" ? EXIT.block : EXIT.ok;
}
