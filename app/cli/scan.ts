/** `scan`: run a Semgrep-format rule pack over files (Semgrep-compatible JSON), or test the rules (`--test`). */
import { ProvenanceError, isProvenanceError } from "../errors.js";
import { ENGINE_TIMEOUT_MS } from "../limits.js";
import { collectScanTargets } from "../detection/collect-targets.js";
import { loadRulePack } from "../detection/load-rules.js";
import { renderScan } from "../detection/render-scan.js";
import { renderRuleTests } from "../detection/rule-tests/render-rule-tests.js";
import { runRuleTests } from "../detection/rule-tests/run-rule-tests.js";
import { parseEngineChoice, selectEngine } from "../detection/select-engine.js";
import type { EngineOutput } from "../detection/types.js";
import { EXIT, type CliIo } from "./io.js";
import { parseFlags, requireFlag } from "./parse-flags.js";

export const SCAN_USAGE = `usage: agent-provenance scan --rules PATH [--engine auto|semgrep|embedded] [--json] [--timeout SECONDS] TARGET...
       agent-provenance scan --test RULES [--engine auto|semgrep|embedded] [--json]

  --rules PATH      a Semgrep rule file, or a directory of them (*.yml, *.yaml)
  --engine NAME     semgrep (the semgrep on PATH), embedded (built in), auto (semgrep when on PATH; default)
  --json            print Semgrep-compatible JSON (results, errors, paths.scanned, version)
  --timeout SECONDS wall-clock limit for the engine (default ${ENGINE_TIMEOUT_MS / 1000})
  TARGET            files or directories inside the working directory (.git, node_modules,
                    symbolic links and binary files are skipped)
  --test RULES      run each rule file's annotated test targets (x.yml -> x.py, x.js, ...:
                    "# ruleid: <id>" / "// ok: <id>" comments above the lines to match or not)

exit: 0 scan done (findings or not) / all rule tests passed, 1 a rule test failed,
      2 bad rules or arguments, 3 the engine failed`;

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return ENGINE_TIMEOUT_MS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      `--timeout must be a positive number of seconds (got ${JSON.stringify(value)})`,
    );
  }
  return Math.round(seconds * 1000);
}

export async function runScan(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    "scan",
    args,
    {
      rules: { type: "string" },
      engine: { type: "string" },
      json: { type: "boolean" },
      test: { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help === true) {
    io.stdout(SCAN_USAGE + "\n");
    return EXIT.ok;
  }
  const choice = parseEngineChoice(values.engine);
  const timeoutMs = timeoutOf(values.timeout);
  try {
    if (values.test !== undefined) {
      if (values.rules !== undefined || positionals.length > 0) {
        throw new ProvenanceError(
          "BAD_ARGUMENT",
          "--test takes the rules path only (no --rules, no targets)",
        );
      }
      const engine = await selectEngine(choice, io.env);
      const report = await runRuleTests(values.test, engine, { timeoutMs, cwd: io.cwd });
      io.stdout(values.json === true ? JSON.stringify(report, null, 2) + "\n" : renderRuleTests(report));
      return report.passed ? EXIT.ok : EXIT.block;
    }
    const rules = requireFlag("scan", "rules", values.rules);
    if (positionals.length === 0)
      throw new ProvenanceError("BAD_ARGUMENT", `at least one TARGET is required\n${SCAN_USAGE}`);
    const pack = await loadRulePack(rules, io.cwd);
    const collected = await collectScanTargets(positionals, io.cwd);
    const engine = await selectEngine(choice, io.env);
    const output = await engine.run(pack, collected.targets, { timeoutMs });
    const merged: EngineOutput = {
      results: output.results,
      errors: [...collected.errors, ...output.errors],
      paths: output.paths,
      version: output.version,
    };
    io.stdout(
      values.json === true ? JSON.stringify(merged, null, 2) + "\n" : renderScan(merged, engine.name),
    );
    return EXIT.ok;
  } catch (err) {
    if (isProvenanceError(err) && err.code === "ENGINE_FAILED") {
      io.stderr(`agent-provenance scan: ${err.message}\n`);
      return EXIT.internal;
    }
    throw err;
  }
}
