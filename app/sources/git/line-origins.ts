/**
 * Fills `origins` of every changed file: which pull-request commit last wrote
 * each added line. A file that exactly one commit added or modified (no
 * rename, no copy, no merge in the range) needs no git process at all; the
 * rest are blamed, a few at a time.
 */
import { toRanges } from "../../diff/line-ranges.js";
import { BLAME_CONCURRENCY } from "../../limits.js";
import type { ChangedFile, OriginRange } from "../../model/snapshot.js";
import { type BlameMap, blameFile } from "./blame.js";
import { mapConcurrent } from "./map-concurrent.js";
import type { PathTouch } from "./read-log.js";
import { TOO_LARGE } from "./read-diff.js";
import type { GitRunner } from "./run-git.js";
import { hasUndecodableBytes } from "./safe-path.js";

export interface OriginContext {
  git: GitRunner;
  mergeBase: string;
  head: string;
  cdup: string;
  /** SHAs of the commits in mergeBase..head. */
  prCommits: ReadonlySet<string>;
  touches: ReadonlyMap<string, readonly PathTouch[]>;
  hasMerges: boolean;
  concurrency?: number;
}

export interface OriginResult {
  files: ChangedFile[];
  notes: string[];
  /** Files that needed a `git blame` process. */
  blamedFiles: number;
}

type Plan =
  | { kind: "none" }
  | { kind: "unknown"; note: string | null }
  | { kind: "single"; commit: string }
  | { kind: "blame" };

/** The one commit that wrote every added line of `path`, when the log proves there is one. */
export function singleWriter(
  path: string,
  touches: ReadonlyMap<string, readonly PathTouch[]>,
  hasMerges: boolean,
): string | null {
  if (hasMerges) return null;
  const list = touches.get(path);
  if (list === undefined || list.length !== 1) return null;
  const only = list[0] as PathTouch;
  return !only.viaRenameOrCopy && (only.status === "A" || only.status === "M") ? only.commit : null;
}

function plan(file: ChangedFile, ctx: OriginContext): Plan {
  if (file.addedLines.length === 0) return { kind: "none" };
  const single = singleWriter(file.path, ctx.touches, ctx.hasMerges);
  if (file.skipped !== null && file.skipped !== TOO_LARGE) return { kind: "unknown", note: null };
  if (single !== null) return { kind: "single", commit: single };
  if (file.skipped === TOO_LARGE) return { kind: "unknown", note: null };
  if (hasUndecodableBytes(file.path)) {
    return {
      kind: "unknown",
      note: `${quote(file.path)}: path is not valid UTF-8; origin of its lines unknown`,
    };
  }
  return { kind: "blame" };
}

export async function assignOrigins(
  files: readonly ChangedFile[],
  ctx: OriginContext,
): Promise<OriginResult> {
  let blamedFiles = 0;
  const results = await mapConcurrent(files, ctx.concurrency ?? BLAME_CONCURRENCY, async (file) => {
    const p = plan(file, ctx);
    switch (p.kind) {
      case "none":
        return { file: { ...file, origins: [] }, notes: [] };
      case "single": {
        const origins = toRanges(file.addedLines).map((r) => ({ ...r, commit: p.commit }));
        return { file: { ...file, origins }, notes: [] };
      }
      case "unknown":
        return {
          file: { ...file, origins: unknownOrigins(file.addedLines) },
          notes: p.note === null ? [] : [p.note],
        };
      case "blame": {
        blamedFiles += 1;
        const { origins, notes } = await blameOrigins(file, ctx);
        return { file: { ...file, origins }, notes };
      }
    }
  });
  return { files: results.map((r) => r.file), notes: results.flatMap((r) => r.notes), blamedFiles };
}

async function blameOrigins(
  file: ChangedFile,
  ctx: OriginContext,
): Promise<{ origins: OriginRange[]; notes: string[] }> {
  let blame: BlameMap;
  try {
    blame = await blameFile(ctx.git, {
      mergeBase: ctx.mergeBase,
      head: ctx.head,
      path: file.path,
      cdup: ctx.cdup,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const note = `${quote(file.path)}: git blame failed, origin of its lines unknown (${reason})`;
    return { origins: unknownOrigins(file.addedLines), notes: [note] };
  }
  const origins = originsFromBlame(file.addedLines, blame, ctx.prCommits);
  const outside = origins.filter((o) => o.commit === null).reduce((sum, o) => sum + o.end - o.start + 1, 0);
  const notes =
    outside === 0
      ? []
      : [
          `${quote(file.path)}: ${outside} added line(s) blame to commits outside the pull request; origin unknown`,
        ];
  return { origins, notes };
}

/** Ranges over exactly `addedLines`, consecutive lines with the same commit merged; non-PR commits become null. */
export function originsFromBlame(
  addedLines: readonly number[],
  blame: BlameMap,
  prCommits: ReadonlySet<string>,
): OriginRange[] {
  const origins: OriginRange[] = [];
  let current: OriginRange | null = null;
  for (const line of addedLines) {
    const sha = blame.get(line);
    const commit = sha !== undefined && prCommits.has(sha) ? sha : null;
    if (current !== null && current.end + 1 === line && current.commit === commit) {
      current.end = line;
    } else {
      current = { start: line, end: line, commit };
      origins.push(current);
    }
  }
  return origins;
}

function unknownOrigins(addedLines: readonly number[]): OriginRange[] {
  return toRanges(addedLines).map((r) => ({ ...r, commit: null }));
}

function quote(path: string): string {
  return JSON.stringify(path);
}
