/**
 * `scan` targets: files and directories named on the command line, inside the
 * working directory. Directories are walked, skipping `.git`, `node_modules`
 * and symbolic links; binary files (a NUL in the first bytes) are skipped;
 * files over MAX_FILE_BYTES and paths we could not hand to an engine are
 * skipped with an entry in `errors[]`.
 */
import { constants } from "node:fs";
import { lstat, open, readdir } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { ProvenanceError } from "../errors.js";
import { BINARY_SNIFF_BYTES, MAX_FILE_BYTES, MAX_SCAN_TARGETS } from "../limits.js";
import type { EngineError, ScanTarget } from "./types.js";
import { unsafeTargetPathReason } from "./write-target-tree.js";

const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([".git", "node_modules"]);

export interface CollectedTargets {
  targets: ScanTarget[];
  /** Files that were not scanned and why (Semgrep's `errors[]` shape). */
  errors: EngineError[];
}

function skipped(path: string, type: string, message: string): EngineError {
  return { code: 3, level: "warn", type, message: `${path}: ${message}`, path };
}

class Collector {
  readonly targets = new Map<string, ScanTarget>();
  readonly errors: EngineError[] = [];

  constructor(private readonly cwd: string) {}

  async add(path: string, explicit: boolean): Promise<void> {
    const info = await lstat(resolve(this.cwd, path || "."));
    if (info.isSymbolicLink()) {
      if (explicit) this.errors.push(skipped(path, "Skipped", "symbolic link, not followed"));
    } else if (info.isDirectory()) {
      await this.walk(path);
    } else if (info.isFile()) {
      await this.addFile(path, info.size);
    }
  }

  private async walk(dir: string): Promise<void> {
    const entries = await readdir(resolve(this.cwd, dir || "."), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (entry.isSymbolicLink()) continue;
      await this.add(dir === "" ? entry.name : `${dir}/${entry.name}`, false);
    }
  }

  private async addFile(path: string, size: number): Promise<void> {
    if (this.targets.has(path)) return;
    const unsafe = unsafeTargetPathReason(path);
    if (unsafe !== null) {
      this.errors.push(skipped(path, "Skipped", `path cannot be scanned (${unsafe})`));
      return;
    }
    const content = size > MAX_FILE_BYTES ? null : await readSmallFile(resolve(this.cwd, path));
    if (content === null || content.length > MAX_FILE_BYTES) {
      const bytes = content?.length ?? size;
      this.errors.push(
        skipped(path, "FileTooLarge", `${bytes} bytes is over the ${MAX_FILE_BYTES}-byte limit, not scanned`),
      );
      return;
    }
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return;
    if (this.targets.size >= MAX_SCAN_TARGETS) {
      throw new ProvenanceError("BAD_ARGUMENT", `more than ${MAX_SCAN_TARGETS} files to scan`);
    }
    this.targets.set(path, { path, content: content.toString("utf8") });
  }
}

/** Reads a file without following a symbolic link swapped in after the lstat. */
async function readSmallFile(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The working-directory-relative, "/"-separated form of a command-line target ("" for the directory itself). */
function relativeTarget(arg: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, arg));
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new ProvenanceError("BAD_ARGUMENT", `target ${arg} is outside the working directory ${cwd}`);
  }
  return rel.split(sep).join("/");
}

export async function collectScanTargets(args: readonly string[], cwd: string): Promise<CollectedTargets> {
  const collector = new Collector(cwd);
  for (const arg of args) {
    const path = relativeTarget(arg, cwd);
    try {
      await collector.add(path, true);
    } catch (err) {
      if (err instanceof ProvenanceError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? "error";
      throw new ProvenanceError("BAD_ARGUMENT", `cannot read target ${arg} (${code})`, { cause: err });
    }
  }
  const targets = [...collector.targets.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return { targets, errors: collector.errors };
}
