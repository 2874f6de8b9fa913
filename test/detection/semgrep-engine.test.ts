import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ProvenanceError } from "../../app/errors.js";
import { loadRulePack } from "../../app/detection/load-rules.js";
import { createSemgrepEngine, findSemgrep } from "../../app/detection/semgrep-engine.js";
import type { RulePack, ScanTarget } from "../../app/detection/types.js";
import { installFakeSemgrep, type FakeSemgrepSpec } from "./helpers/fake-semgrep.js";
import { targetsUnder } from "./helpers/targets.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/semgrep");
const RECORDING = join(FIXTURES, "scan-output.json");

let pack: RulePack;
let targets: ScanTarget[];

beforeAll(async () => {
  pack = await loadRulePack(join(FIXTURES, "engine-rules.yml"));
  targets = await targetsUnder(join(FIXTURES, "engine-targets"));
});

async function setup(spec: FakeSemgrepSpec) {
  const fake = await installFakeSemgrep(spec);
  const tempParent = await mkdtemp(join(tmpdir(), "engine-temp-"));
  const engine = createSemgrepEngine({ env: fake.env, tempParent });
  return { fake, tempParent, engine };
}

async function engineFailure(promise: Promise<unknown>): Promise<ProvenanceError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ProvenanceError) return err;
    throw err;
  }
  throw new Error("expected the engine to fail");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("semgrep engine with a recorded Semgrep run", () => {
  it("finds semgrep on PATH only when it is there", async () => {
    const { fake } = await setup({ stdoutFile: RECORDING });
    expect(await findSemgrep(fake.env)).toBe(join(fake.dir, "semgrep"));
    expect(await findSemgrep({ PATH: "" })).toBeNull();
    expect(await findSemgrep({ PATH: `relative${":"}.` })).toBeNull();
  });

  it("maps results back to target-relative paths and fills lines Semgrep withheld", async () => {
    const { fake, engine, tempParent } = await setup({ stdoutFile: RECORDING });
    const output = await engine.run(pack, targets, { timeoutMs: 20_000 });

    expect(output.version).toBe("1.97.0");
    expect(output.paths.scanned).toEqual(["src/app.py", "src/broken.go", "web/handler.js"]);
    expect(output.results).toEqual([
      {
        check_id: "python-eval-user-input",
        path: "src/app.py",
        start: { line: 5, col: 5, offset: 35 },
        end: { line: 5, col: 15, offset: 45 },
        extra: {
          message: "eval() on user can run attacker-controlled code",
          severity: "ERROR",
          metadata: { cwe: ["CWE-95: Eval Injection"], category: "security" },
          lines: "    eval(user)",
          metavars: {
            $X: {
              start: { line: 5, col: 10, offset: 40 },
              end: { line: 5, col: 14, offset: 44 },
              abstract_content: "user",
            },
          },
        },
      },
      expect.objectContaining({ check_id: "js-child-process-exec", path: "web/handler.js" }),
    ]);
    expect(output.results[1]?.extra.lines).toBe("  exec(cmd, () => {});");
    // The error's type stays an array, and the temp path is gone from its message.
    expect(output.errors).toHaveLength(1);
    const error = output.errors[0];
    expect(error?.type).toEqual(["PartialParsing", [expect.objectContaining({ start: expect.anything() })]]);
    expect(error?.path).toBe("src/broken.go");
    expect(error?.level).toBe("warn");
    expect(error?.message).toBe("Syntax error at line src/broken.go:5:\n `}` was unexpected");

    const call = await fake.lastCall();
    expect(call.args.slice(0, -1)).toEqual([
      "scan",
      "--json",
      "--metrics=off",
      "--disable-version-check",
      "--config",
      "rules.yml",
      "--max-memory",
      "4096",
    ]);
    expect(call.metricsEnv).toBe("off");
    expect(Object.keys(call.files).sort()).toEqual([
      ".semgrepignore",
      "src/app.py",
      "src/broken.go",
      "web/handler.js",
    ]);
    expect(call.files[".semgrepignore"]).toBe("");
    // The rules are handed over exactly as written.
    expect(parse(call.rules)).toEqual({ rules: pack.rules.map((rule) => rule.raw) });
    expect(await readdir(tempParent)).toEqual([]);
  });

  it("accepts exit 1 (Semgrep's findings code) as a completed run", async () => {
    const { engine } = await setup({ stdoutFile: RECORDING, exit: 1 });
    const output = await engine.run(pack, targets, { timeoutMs: 20_000 });
    expect(output.results).toHaveLength(2);
  });

  it("maps a path-prefixed check_id back to the rule id", async () => {
    const stdout = JSON.stringify({
      version: "1.50.0",
      results: [
        {
          check_id: "tmp.tmpab12cd.python-eval-user-input",
          path: "target/src/app.py",
          start: { line: 5, col: 5, offset: 35 },
          end: { line: 5, col: 15, offset: 45 },
          extra: { message: "m", severity: "ERROR", metadata: {}, lines: "    eval(user)" },
        },
      ],
      errors: [],
      paths: { scanned: ["target/src/app.py"] },
    });
    const { engine } = await setup({ stdout });
    const output = await engine.run(pack, targets, { timeoutMs: 20_000 });
    expect(output.results.map((r) => [r.check_id, r.path])).toEqual([
      ["python-eval-user-input", "src/app.py"],
    ]);
  });

  it("turns a crash into ENGINE_FAILED with Semgrep's errors and the stderr tail", async () => {
    const stdout = JSON.stringify({
      version: "1.97.0",
      results: [],
      errors: [{ code: 2, level: "error", type: "SemgrepError", message: "Invalid rule schema" }],
      paths: { scanned: [] },
    });
    const { engine, tempParent } = await setup({
      stdout,
      stderr: "Traceback...\nFatal error: out of memory\n",
      exit: 2,
    });
    const err = await engineFailure(engine.run(pack, targets, { timeoutMs: 20_000 }));
    expect(err.code).toBe("ENGINE_FAILED");
    expect(err.message).toBe(
      "semgrep failed: exit 2: Invalid rule schema\nstderr (tail):\nTraceback...\nFatal error: out of memory",
    );
    expect(await readdir(tempParent)).toEqual([]);
  });

  it("kills the process group on timeout and cleans up", async () => {
    const { fake, engine, tempParent } = await setup({ hang: true });
    const started = Date.now();
    const err = await engineFailure(engine.run(pack, targets, { timeoutMs: 1_000 }));
    expect(err.code).toBe("ENGINE_FAILED");
    expect(err.message).toMatch(/^semgrep failed: timed out after 1000 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = await fake.grandchildPid();
    const deadline = Date.now() + 5_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
    expect(await readdir(tempParent)).toEqual([]);
  });

  it.each([
    [
      "garbage",
      "Loading rules...\nnot json at all",
      'semgrep failed: unparsable output (exit 0): "Loading rules...\\nnot json at all"',
    ],
    ["empty stdout", "", "semgrep failed: unparsable output (exit 0): (empty)"],
    [
      "JSON of another shape",
      '{"results": "none"}',
      'semgrep failed: unparsable output (exit 0): "{\\"results\\": \\"none\\"}"',
    ],
  ])("never reads %s as 'no findings'", async (_name, stdout, message) => {
    const { engine } = await setup({ stdout });
    const err = await engineFailure(engine.run(pack, targets, { timeoutMs: 20_000 }));
    expect(err.code).toBe("ENGINE_FAILED");
    expect(err.message).toBe(message);
  });

  it("keeps errors whose type is an array and those with a plain string type", async () => {
    const stdout = JSON.stringify({
      version: "1.97.0",
      results: [],
      errors: [
        { code: 3, level: "warn", type: ["PartialParsing", [{ path: "x" }]], message: "partial" },
        {
          code: 3,
          level: "warn",
          type: "Timeout",
          rule_id: "python-eval-user-input",
          message: "timeout",
          path: "src/app.py",
        },
      ],
      paths: { scanned: [] },
    });
    const { engine } = await setup({ stdout });
    const output = await engine.run(pack, targets, { timeoutMs: 20_000 });
    expect(output.errors).toEqual([
      { code: 3, level: "warn", type: ["PartialParsing", [{ path: "x" }]], message: "partial" },
      {
        code: 3,
        level: "warn",
        type: "Timeout",
        rule_id: "python-eval-user-input",
        message: "timeout",
        path: "src/app.py",
      },
    ]);
  });

  it.each(["../escape.py", "/etc/passwd", "a/../../b.py", "a\\b.py", "nul\0.py", "a//b.py"])(
    "refuses the unsafe target path %j and still cleans up",
    async (path) => {
      const { engine, tempParent } = await setup({ stdoutFile: RECORDING });
      const err = await engineFailure(engine.run(pack, [{ path, content: "x" }], { timeoutMs: 20_000 }));
      expect(err.code).toBe("UNSAFE_PATH");
      expect(await readdir(tempParent)).toEqual([]);
    },
  );

  it("fails with ENGINE_FAILED when semgrep is not on PATH", async () => {
    const engine = createSemgrepEngine({ env: { PATH: "/nonexistent" } });
    const err = await engineFailure(engine.run(pack, targets, { timeoutMs: 1_000 }));
    expect(err.message).toBe("semgrep failed: semgrep is not on PATH");
  });
});
