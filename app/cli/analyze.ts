/** `analyze`: local git repository -> snapshot -> pipeline -> outputs. No business logic here. */
import { parseAgentPublicKeys } from "../attribution/index.js";
import { ProvenanceError } from "../errors.js";
import type { PullRequestMeta } from "../model/snapshot.js";
import { analyze } from "../pipeline.js";
import { DEFAULT_CONFIG, type ProvenanceConfig } from "../policy/config-schema.js";
import { loadConfigFile } from "../policy/load-config.js";
import { renderText } from "../report/render-text.js";
import { readEventFile } from "../sources/event/read-event-file.js";
import { buildGitSnapshot } from "../sources/git/local-git-source.js";
import { toolVersion } from "../version.js";
import { EXIT, type CliIo } from "./io.js";
import { parseFlags } from "./parse-flags.js";
import { writeOutput } from "./write-output.js";

export const ANALYZE_USAGE = `usage: agent-provenance analyze --repo DIR --base REF --head REF [--event FILE] [--config FILE] [--json FILE|-]

  --repo DIR      local git repository (default: current directory)
  --base REF      base of the pull request (default: the event's base SHA)
  --head REF      head of the pull request (default: the event's head SHA)
  --event FILE    GitHub pull_request event payload ($GITHUB_EVENT_PATH): title, body,
                  head branch, labels and author feed PR-level attribution
  --config FILE   agent-provenance.yml (see docs/configuration.md)
  --json FILE|-   write the JSON report ("-" = stdout, and no table)

exit: 0 allow or warn, 1 block, 2 bad input or config`;

async function loadConfig(path: string | undefined): Promise<ProvenanceConfig> {
  return path === undefined ? DEFAULT_CONFIG : loadConfigFile(path);
}

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
    json: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout(ANALYZE_USAGE + "\n");
    return EXIT.ok;
  }
  const config = await loadConfig(values.config);
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
      `analyze: --base and --head are required (or --event)\n${ANALYZE_USAGE}`,
    );
  }
  const snapshot = await buildGitSnapshot({ repo: values.repo ?? io.cwd, base, head, pr });
  const report = analyze(snapshot, {
    config,
    agentPublicKeys,
    now: () => new Date(),
    version: toolVersion(),
  });
  if (values.json !== undefined)
    await writeOutput(values.json, JSON.stringify(report, null, 2) + "\n", io.stdout);
  if (values.json !== "-") io.stdout(renderText(report));
  return report.decision.verdict === "block" ? EXIT.block : EXIT.ok;
}
