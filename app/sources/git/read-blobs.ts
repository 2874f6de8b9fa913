/**
 * File contents at a commit for detection: two git processes whatever the
 * number of files — `cat-file --batch-check -z` for types and sizes, then
 * `cat-file --batch -z` for the files small enough to scan. Names are passed
 * NUL-separated on stdin, so any path is safe; nothing is read from the work tree.
 */
import { ProvenanceError } from "../../errors.js";
import { MAX_FILE_BYTES } from "../../limits.js";
import type { GitRunner } from "./run-git.js";

export interface BlobRead {
  contents: Map<string, Buffer>;
  /** Paths not read, with why (missing, not a file, too large). */
  skipped: Array<{ path: string; reason: string }>;
}

function request(commit: string, paths: readonly string[]): Buffer {
  return Buffer.from(paths.map((p) => `${commit}:${p}\0`).join(""), "utf8");
}

interface Header {
  type: string;
  size: number;
  next: number;
}

/** Read one answer header at `pos`: "<sha> <type> <size>\n" or "<name> missing\n". */
function readHeader(out: Buffer, pos: number, name: string): Header | { missing: true; next: number } {
  for (const word of [" missing\n", " ambiguous\n"]) {
    const expected = Buffer.from(name + word, "utf8");
    if (out.subarray(pos, pos + expected.length).equals(expected))
      return { missing: true, next: pos + expected.length };
  }
  const eol = out.indexOf(0x0a, pos);
  const m = eol < 0 ? null : /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(out.toString("latin1", pos, eol));
  if (m === null || eol < 0) {
    throw new ProvenanceError("GIT_FAILED", `git cat-file: unexpected answer for ${JSON.stringify(name)}`);
  }
  return { type: m[1] ?? "", size: Number(m[2]), next: eol + 1 };
}

export async function readBlobs(git: GitRunner, commit: string, paths: readonly string[]): Promise<BlobRead> {
  const skipped: BlobRead["skipped"] = [];
  const contents = new Map<string, Buffer>();
  if (paths.length === 0) return { contents, skipped };
  const names = paths.map((p) => `${commit}:${p}`);
  const check = await git.run(["cat-file", "--batch-check", "-z"], { input: request(commit, paths) });
  const wanted: string[] = [];
  let pos = 0;
  paths.forEach((path, i) => {
    const h = readHeader(check, pos, names[i] ?? "");
    pos = h.next;
    if ("missing" in h) skipped.push({ path, reason: "not found at head" });
    else if (h.type !== "blob") skipped.push({ path, reason: `a ${h.type}, not a file` });
    else if (h.size > MAX_FILE_BYTES) skipped.push({ path, reason: `larger than ${MAX_FILE_BYTES} bytes` });
    else wanted.push(path);
  });
  if (wanted.length === 0) return { contents, skipped };
  const out = await git.run(["cat-file", "--batch", "-z"], { input: request(commit, wanted) });
  pos = 0;
  for (const path of wanted) {
    const h = readHeader(out, pos, `${commit}:${path}`);
    if ("missing" in h) {
      skipped.push({ path, reason: "not found at head" });
      pos = h.next;
      continue;
    }
    contents.set(path, Buffer.from(out.subarray(h.next, h.next + h.size)));
    pos = h.next + h.size + 1; // content is followed by "\n"
  }
  return { contents, skipped };
}
