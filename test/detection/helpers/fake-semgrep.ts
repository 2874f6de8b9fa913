/**
 * A fake `semgrep` executable: a small Node script put first on PATH. It
 * records how it was called (arguments, cwd, the rules file, the files under
 * the scan root) and then behaves as its spec says: print a recording (with
 * `__ROOT__` replaced by the scan root it was given; one per target file when
 * asked), print to stderr, hang, exit with a code. Each call is appended to
 * calls.jsonl.
 */
import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface FakeSemgrepSpec {
  /** File whose text is printed on stdout, `__ROOT__` replaced by the scan root. */
  stdoutFile?: string;
  /** Literal stdout. */
  stdout?: string;
  /** Recording to print (like stdoutFile) chosen by the first scanned file that has one, by relative path. */
  stdoutFileByTarget?: Record<string, string>;
  stderr?: string;
  exit?: number;
  /** Start a `sleep` child (its pid goes to grandchild.pid) and never exit. */
  hang?: boolean;
}

export interface FakeSemgrepCall {
  args: string[];
  cwd: string;
  metricsEnv: string | null;
  rules: string;
  files: Record<string, string>;
}

const SCRIPT = `#!/usr/bin/env node
const fs = require("fs");
const path = require("path");
const spec = JSON.parse(fs.readFileSync(path.join(__dirname, "spec.json"), "utf8"));
const args = process.argv.slice(2);
const root = args[args.length - 1];
const files = {};
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else files[path.relative(root, full)] = fs.readFileSync(full, "utf8");
  }
};
walk(root);
const rules = fs.readFileSync(path.join(process.cwd(), "rules.yml"), "utf8");
const call = JSON.stringify({ args, cwd: process.cwd(), metricsEnv: process.env.SEMGREP_SEND_METRICS || null, rules, files });
fs.writeFileSync(path.join(__dirname, "call.json"), call);
fs.appendFileSync(path.join(__dirname, "calls.jsonl"), call + "\\n");
if (spec.stderr) process.stderr.write(spec.stderr);
const byTarget = Object.keys(files).sort().map((f) => (spec.stdoutFileByTarget || {})[f]).find(Boolean);
const recording = spec.stdoutFile || byTarget;
if (recording) process.stdout.write(fs.readFileSync(recording, "utf8").split("__ROOT__").join(root));
if (spec.stdout) process.stdout.write(spec.stdout);
if (spec.hang) {
  const child = require("child_process").spawn("sleep", ["60"], { stdio: "ignore" });
  fs.writeFileSync(path.join(__dirname, "grandchild.pid"), String(child.pid));
  setInterval(() => {}, 1000);
} else {
  process.exitCode = spec.exit || 0;
}
`;

export interface FakeSemgrep {
  dir: string;
  /** An environment whose PATH starts with the fake's directory. */
  env: NodeJS.ProcessEnv;
  lastCall(): Promise<FakeSemgrepCall>;
  calls(): Promise<FakeSemgrepCall[]>;
  grandchildPid(): Promise<number>;
}

export async function installFakeSemgrep(spec: FakeSemgrepSpec): Promise<FakeSemgrep> {
  const dir = await mkdtemp(join(tmpdir(), "fake-semgrep-"));
  await writeFile(join(dir, "spec.json"), JSON.stringify(spec));
  await writeFile(join(dir, "semgrep"), SCRIPT);
  await chmod(join(dir, "semgrep"), 0o755);
  return {
    dir,
    env: { ...process.env, PATH: `${dir}${delimiter}${process.env["PATH"] ?? ""}` },
    lastCall: async () => JSON.parse(await readFile(join(dir, "call.json"), "utf8")) as FakeSemgrepCall,
    calls: async () => {
      const text = await readFile(join(dir, "calls.jsonl"), "utf8").catch(() => "");
      return text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as FakeSemgrepCall);
    },
    grandchildPid: async () => Number(await readFile(join(dir, "grandchild.pid"), "utf8")),
  };
}
