/**
 * Load a Semgrep rule file, or a directory of them, into a `RulePack`.
 * A directory is walked recursively for `*.yml` / `*.yaml`, skipping hidden
 * entries and symbolic links. Every problem in every file is reported in one
 * BAD_RULES error; duplicate rule ids across files are problems too (unless the
 * caller runs each file on its own, as `scan --test` does).
 */
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { ProvenanceError } from "../errors.js";
import { resolve } from "node:path";
import { MAX_RULE_FILE_BYTES, MAX_RULE_FILES } from "../limits.js";
import { parseRuleFileText } from "./parse-rule-file.js";
import type { Rule, RulePack } from "./types.js";

const RULE_FILE = /\.ya?ml$/i;

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 over the sorted file digests, one per line. */
export function packDigest(files: ReadonlyArray<{ sha256: string }>): string {
  return sha256(
    files
      .map((file) => file.sha256)
      .sort()
      .map((digest) => `${digest}\n`)
      .join(""),
  );
}

/** Rule files under `dir` (display paths: `dir` joined with the relative path, "/"-separated), sorted. */
export async function listRuleFiles(dir: string, cwd = process.cwd()): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(resolve(cwd, current || "."), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = current === "" ? entry.name : `${current.replace(/\/$/, "")}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && RULE_FILE.test(entry.name)) {
        found.push(path);
        if (found.length > MAX_RULE_FILES) {
          throw new ProvenanceError("BAD_RULES", `${dir}: more than ${MAX_RULE_FILES} rule files`);
        }
      }
    }
  };
  const start = dir.replace(/(.)\/+$/, "$1");
  await walk(start === "." ? "" : start);
  return found;
}

async function readRuleFile(file: string, cwd: string): Promise<Buffer> {
  const info = await lstat(resolve(cwd, file));
  if (!info.isFile()) throw new ProvenanceError("BAD_RULES", `${file}: not a regular file`);
  if (info.size > MAX_RULE_FILE_BYTES) {
    throw new ProvenanceError(
      "BAD_RULES",
      `${file}: ${info.size} bytes is over the ${MAX_RULE_FILE_BYTES}-byte limit`,
    );
  }
  return readFile(resolve(cwd, file));
}

/** The rule files a path names: the file itself, or the rule files found under a directory. */
async function ruleFilesOf(path: string, cwd: string): Promise<string[]> {
  let info;
  try {
    info = await stat(resolve(cwd, path));
  } catch (err) {
    throw new ProvenanceError(
      "BAD_RULES",
      `${path}: cannot read rules (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      {
        cause: err,
      },
    );
  }
  if (info.isFile()) return [path];
  if (!info.isDirectory()) throw new ProvenanceError("BAD_RULES", `${path}: not a file or directory`);
  const files = await listRuleFiles(path, cwd);
  if (files.length === 0)
    throw new ProvenanceError("BAD_RULES", `${path}: no rule files (*.yml, *.yaml) found`);
  return files;
}

function duplicateProblems(rules: readonly Rule[], acrossFiles: boolean): string[] {
  const first = new Map<string, Rule>();
  const problems: string[] = [];
  for (const rule of rules) {
    const key = acrossFiles ? rule.id : `${rule.source.file}\u0000${rule.id}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, rule);
    else {
      problems.push(
        `${rule.source.file}: rule ${rule.id}: id: duplicate rule id (also in ${seen.source.file} rule #${seen.source.index})`,
      );
    }
  }
  return problems;
}

export interface LoadRulePackOptions {
  /**
   * Accept the same rule id in different files (a duplicate within one file is still a problem).
   * For `scan --test`, which runs each rule file on its own targets: semgrep-rules reuses ids
   * across languages (python/.../eval-detected.yaml and javascript/.../eval-detected.yaml).
   */
  allowDuplicateIdsAcrossFiles?: boolean;
}

/**
 * Load and validate rules from a file or directory; throws BAD_RULES listing every problem.
 * Relative paths are read from `cwd` and reported as given.
 */
export async function loadRulePack(
  path: string,
  cwd = process.cwd(),
  options: LoadRulePackOptions = {},
): Promise<RulePack> {
  const paths = await ruleFilesOf(path, cwd);
  const files: RulePack["files"] = [];
  const rules: Rule[] = [];
  const problems: string[] = [];
  for (const file of paths) {
    const bytes = await readRuleFile(file, cwd);
    files.push({ path: file, sha256: sha256(bytes) });
    const parsed = parseRuleFileText(bytes.toString("utf8"), file);
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
  }
  problems.push(...duplicateProblems(rules, options.allowDuplicateIdsAcrossFiles !== true));
  if (problems.length > 0) throw new ProvenanceError("BAD_RULES", problems.join("\n"));
  return { files, rules, digest: packDigest(files) };
}
