import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { main } from "../../app/cli/main.js";
import type { CliIo } from "../../app/cli/io.js";
import type { EngineOutput } from "../../app/detection/types.js";
import { MAX_FILE_BYTES } from "../../app/limits.js";
import { installFakeSemgrep, type FakeSemgrepSpec } from "./helpers/fake-semgrep.js";

const REPO = resolve(import.meta.dirname, "../..");
const FIXTURES = join(REPO, "fixtures/semgrep");
const EMPTY_RUN = JSON.stringify({ version: "1.97.0", results: [], errors: [], paths: { scanned: [] } });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: options.env ?? { PATH: "/nonexistent" },
    cwd: options.cwd ?? REPO,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function withFake(spec: FakeSemgrepSpec) {
  return installFakeSemgrep(spec);
}

describe("scan", () => {
  const targets = join(FIXTURES, "engine-targets");

  it("prints Semgrep-compatible JSON with --json and exits 0 with findings", async () => {
    const fake = await withFake({ stdoutFile: join(FIXTURES, "scan-output.json") });
    const result = await run(
      ["scan", "--rules", "../engine-rules.yml", "--engine", "semgrep", "--json", "."],
      {
        cwd: targets,
        env: fake.env,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as EngineOutput;
    expect(Object.keys(output)).toEqual(["results", "errors", "paths", "version"]);
    expect(output.version).toBe("1.97.0");
    expect(output.paths.scanned).toEqual(["src/app.py", "src/broken.go", "web/handler.js"]);
    expect(
      output.results.map((r) => [r.check_id, r.path, r.start.line, r.end.line, r.extra.severity]),
    ).toEqual([
      ["python-eval-user-input", "src/app.py", 5, 5, "ERROR"],
      ["js-child-process-exec", "web/handler.js", 4, 4, "WARNING"],
    ]);
    expect(output.results[0]?.extra).toMatchObject({
      message: "eval() on user can run attacker-controlled code",
      metadata: { category: "security" },
      lines: "    eval(user)",
    });
    expect(output.errors.map((e) => [e.type, e.path])).toEqual([
      [["PartialParsing", [expect.anything()]], "src/broken.go"],
    ]);
    expect(Object.keys((await fake.lastCall()).files).sort()).toEqual([
      ".semgrepignore",
      "src/app.py",
      "src/broken.go",
      "web/handler.js",
    ]);
  });

  it("prints a readable list without --json", async () => {
    const fake = await withFake({ stdoutFile: join(FIXTURES, "scan-output.json") });
    const result = await run(["scan", "--rules", "../engine-rules.yml", "src", "web/handler.js"], {
      cwd: targets,
      env: fake.env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "src/app.py:5:5: error python-eval-user-input",
        "    eval() on user can run attacker-controlled code",
        "        5 |     eval(user)",
        "web/handler.js:4:3: warning js-child-process-exec",
        "    child_process.exec with a non-literal command",
        "        4 |   exec(cmd, () => {});",
        "errors:",
        "  warn PartialParsing: Syntax error at line src/broken.go:5:",
        "     `}` was unexpected",
        "2 finding(s) in 2 file(s); 3 file(s) scanned by semgrep 1.97.0",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 when there are no findings", async () => {
    const fake = await withFake({ stdout: EMPTY_RUN });
    const result = await run(["scan", "--rules", "../engine-rules.yml", "--json", "."], {
      cwd: targets,
      env: fake.env,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      results: [],
      errors: [],
      paths: { scanned: [] },
      version: "1.97.0",
    });
  });

  it("walks directories, skipping .git, node_modules, symlinks and binary files, and reports files too large", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scan-targets-"));
    await mkdir(join(dir, "src", "node_modules", "dep"), { recursive: true });
    await mkdir(join(dir, ".git"));
    await writeFile(join(dir, "src", "a.py"), "eval(x)\n");
    await writeFile(join(dir, "src", "node_modules", "dep", "i.js"), "eval(x)\n");
    await writeFile(join(dir, ".git", "config"), "[core]\n");
    await writeFile(join(dir, ".github.yml"), "on: push\n");
    await writeFile(join(dir, "src", "image.png"), Buffer.from([0x89, 0x50, 0x00, 0x47]));
    await writeFile(join(dir, "big.py"), "x".repeat(MAX_FILE_BYTES + 1));
    await symlink(join(dir, "src", "a.py"), join(dir, "src", "link.py"));
    await symlink("/etc", join(dir, "etc"));
    const fake = await withFake({ stdout: EMPTY_RUN });
    const result = await run(["scan", "--rules", join(FIXTURES, "engine-rules.yml"), "--json", "."], {
      cwd: dir,
      env: fake.env,
    });
    expect(result.code).toBe(0);
    const call = await fake.lastCall();
    expect(Object.keys(call.files).sort()).toEqual([".github.yml", ".semgrepignore", "src/a.py"]);
    expect((JSON.parse(result.stdout) as EngineOutput).errors).toEqual([
      {
        code: 3,
        level: "warn",
        type: "FileTooLarge",
        message: `big.py: ${MAX_FILE_BYTES + 1} bytes is over the ${MAX_FILE_BYTES}-byte limit, not scanned`,
        path: "big.py",
      },
    ]);
    const explicit = await run(
      ["scan", "--rules", join(FIXTURES, "engine-rules.yml"), "--json", "src/link.py"],
      {
        cwd: dir,
        env: fake.env,
      },
    );
    expect((JSON.parse(explicit.stdout) as EngineOutput).errors).toEqual([
      {
        code: 3,
        level: "warn",
        type: "Skipped",
        message: "src/link.py: symbolic link, not followed",
        path: "src/link.py",
      },
    ]);
  });

  it.each([
    [
      ["scan", "--rules", "fixtures/semgrep/engine-rules.yml"],
      "agent-provenance scan: at least one TARGET is required",
    ],
    [["scan", "fixtures"], "agent-provenance scan: --rules is required"],
    [
      ["scan", "--rules", "x.yml", "--engine", "fast", "a"],
      'agent-provenance scan: --engine must be one of auto, semgrep, embedded (got "fast")',
    ],
    [
      ["scan", "--rules", "fixtures/semgrep/engine-rules.yml", "--engine", "semgrep", "fixtures"],
      "agent-provenance scan: --engine semgrep: semgrep is not on PATH (install it, or use --engine embedded)",
    ],
    [
      ["scan", "--rules", "fixtures/semgrep/engine-rules.yml", "../outside"],
      `agent-provenance scan: target ../outside is outside the working directory ${REPO}`,
    ],
    [
      ["scan", "--rules", "fixtures/semgrep/engine-rules.yml", "missing.py"],
      "agent-provenance scan: cannot read target missing.py (ENOENT)",
    ],
    [
      ["scan", "--rules", "nope.yml", "fixtures"],
      "agent-provenance scan: nope.yml: cannot read rules (ENOENT)",
    ],
    [
      ["scan", "--rules", "fixtures/semgrep/engine-rules.yml", "--timeout", "soon", "a"],
      'agent-provenance scan: --timeout must be a positive number of seconds (got "soon")',
    ],
    [
      ["scan", "--test", "fixtures/semgrep/rule-tests", "fixtures"],
      "agent-provenance scan: --test takes the rules path only (no --rules, no targets)",
    ],
    [["scan", "--rules"], "agent-provenance scan: Option '--rules <value>' argument missing"],
  ])("exits 2 on bad arguments: %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(message);
  });

  it("exits 2 on bad rules, listing every problem", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scan-bad-rules-"));
    await writeFile(
      join(dir, "bad.yml"),
      "rules:\n  - id: a\n    message: m\n    severity: ERROR\n    languages: [python]\n    patern: x\n",
    );
    const result = await run(["scan", "--rules", "bad.yml", "."], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        "agent-provenance scan: bad.yml: rule a: patern: unknown key",
        "bad.yml: rule a: (rule): one of pattern, patterns, pattern-either, pattern-regex, match is required",
        "",
      ].join("\n"),
    );
  });

  it("exits 3 when the engine fails, with the reason", async () => {
    const fake = await withFake({ stderr: "semgrep-core: Segmentation fault\n", exit: 139 });
    const result = await run(["scan", "--rules", "../engine-rules.yml", "--json", "."], {
      cwd: targets,
      env: fake.env,
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "agent-provenance scan: semgrep failed: exit 139\nstderr (tail):\nsemgrep-core: Segmentation fault\n",
    );
  });

  it("prints its usage with --help", async () => {
    const result = await run(["scan", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: agent-provenance scan --rules PATH/);
  });
});

describe("scan --test", () => {
  const recordings = {
    "python-eval.py": join(FIXTURES, "recordings/python-eval.json"),
    "js-exec.js": join(FIXTURES, "recordings/js-exec.json"),
    "weak-eval.py": join(FIXTURES, "recordings/weak-eval.json"),
  };

  it("passes when every rule matches exactly its annotated lines", async () => {
    const fake = await withFake({ stdoutFileByTarget: recordings });
    const result = await run(["scan", "--test", "fixtures/semgrep/rule-tests"], { env: fake.env });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "PASS js-exec (fixtures/semgrep/rule-tests/js-exec.yml): 1/1 expected lines matched",
        "PASS js-exec-any (fixtures/semgrep/rule-tests/js-exec.yml): 2/2 expected lines matched",
        "PASS python-eval (fixtures/semgrep/rule-tests/python-eval.yml): 2/2 expected lines matched",
        "3 rule(s) tested with the semgrep engine: 3 passed, 0 failed",
        "",
      ].join("\n"),
    );
    expect(result.code).toBe(0);
    // One Semgrep run per rule file, on its own targets, with the paths: filter removed.
    const calls = await fake.calls();
    expect(calls.map((call) => Object.keys(call.files).filter((f) => f !== ".semgrepignore"))).toEqual([
      ["js-exec.js"],
      ["python-eval.py"],
    ]);
    const rules = parse(calls[1]?.rules ?? "") as { rules: Array<Record<string, unknown>> };
    expect(rules.rules[0]?.["id"]).toBe("python-eval");
    expect(rules.rules[0]?.["paths"]).toBeUndefined();
  });

  it("fails with file:line for each miss and false positive, and for a rule without a target", async () => {
    const fake = await withFake({ stdoutFileByTarget: recordings });
    const result = await run(["scan", "--test", "fixtures/semgrep/rule-tests-failing"], { env: fake.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "FAIL no-target (fixtures/semgrep/rule-tests-failing/no-target.yml): 0/0 expected lines matched",
        "    problem: no test target next to fixtures/semgrep/rule-tests-failing/no-target.yml (expected no-target.<ext>)",
        "FAIL weak-eval (fixtures/semgrep/rule-tests-failing/weak-eval.yml): 1/2 expected lines matched, 1 false positive(s)",
        "    missed: fixtures/semgrep/rule-tests-failing/weak-eval.py:6",
        "    false positive: fixtures/semgrep/rule-tests-failing/weak-eval.py:4",
        "2 rule(s) tested with the semgrep engine: 0 passed, 2 failed",
        "",
      ].join("\n"),
    );
  });

  it("prints the report as JSON with --json", async () => {
    const fake = await withFake({ stdoutFileByTarget: recordings });
    const result = await run(["scan", "--test", "fixtures/semgrep/rule-tests-failing", "--json"], {
      env: fake.env,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      rules: Array<{ ruleId: string; missed: unknown }>;
    };
    expect(report.passed).toBe(false);
    expect(report.rules.find((rule) => rule.ruleId === "weak-eval")?.missed).toEqual([
      { path: "fixtures/semgrep/rule-tests-failing/weak-eval.py", line: 6 },
    ]);
  });

  it("exits 2 when the rules do not load", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scan-test-bad-"));
    await writeFile(join(dir, "x.yml"), "rules: [\n");
    const result = await run(["scan", "--test", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not valid YAML/);
  });
});

describe("scan with the embedded engine", () => {
  it("passes the same rule tests as the recorded Semgrep runs", async () => {
    const result = await run(["scan", "--test", "fixtures/semgrep/rule-tests", "--engine", "embedded"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/3 rule\(s\) tested with the embedded engine: 3 passed, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it("finds what the recorded Semgrep run found on the engine fixtures", async () => {
    const recorded = JSON.parse(readFileSync(join(FIXTURES, "scan-output.json"), "utf8")) as EngineOutput;
    const result = await run(["scan", "--rules", "../engine-rules.yml", "--json", "."], {
      cwd: join(FIXTURES, "engine-targets"),
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as EngineOutput;
    const key = (r: EngineOutput["results"][number]) => [
      r.check_id,
      r.path.replace("__ROOT__/", ""),
      r.start,
      r.end,
    ];
    expect(output.results.map(key)).toEqual(recorded.results.map(key));
  });
});
