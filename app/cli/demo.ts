/**
 * `demo`: build the sample repository from the fixture script (a feature branch
 * mixing human, Claude Code, Copilot agent, Cursor, Aider, Devin and Dependabot
 * commits), analyse it like a pull request, print the table and the verdict.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildMixedScenario } from "../../fixtures/git/mixed-scenario.js";
import type { PullRequestMeta } from "../model/snapshot.js";
import { renderText } from "../report/render-text.js";
import { EXIT, type CliIo } from "./io.js";
import { runLocalAnalysis } from "./local-analysis.js";
import { parseFlags } from "./parse-flags.js";

export async function runDemo(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("demo", args, { dir: { type: "string" } });
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), "agent-provenance-demo-")));
  io.stdout(`Building the sample repository in ${dir} …\n\n`);
  const scenario = await buildMixedScenario(dir);
  const pr: PullRequestMeta = {
    number: 42,
    title: "Add refunds to the payments service",
    body: "Refund flow, session hardening and a dependency bump.",
    headRef: "feature/refunds",
    baseRef: "main",
    author: { login: "alice", type: "User" },
    labels: [],
    draft: false,
    url: null,
  };
  const report = await runLocalAnalysis({
    repo: scenario.repo,
    base: scenario.base,
    head: scenario.head,
    pr,
    config: null,
    agentPublicKeys: {},
    engine: "embedded",
    rules: [],
    env: io.env,
    cwd: io.cwd,
  });
  io.stdout(renderText(report));
  io.stdout(
    [
      "",
      "Try it yourself on the same repository:",
      `  npx agent-provenance analyze --repo ${scenario.repo} --base ${scenario.base.slice(0, 12)} --head ${scenario.head.slice(0, 12)} --json -`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
