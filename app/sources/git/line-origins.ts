/**
 * Fills `origins` of every changed file: which pull-request commit last wrote
 * each added line.
 *
 * - A file that exactly one commit added or modified (no rename, no copy, no
 *   merge in the range) needs no git process: every added line is that commit's.
 * - The other files are replayed from one `git log -p` of their per-commit
 *   diffs (see replay-origins.ts), when the range has no merge commits.
 * - With merges, or for a file replay cannot follow, `git blame` runs per file,
 *   a few at a time.
 */
import { toRanges } from "../../diff/line-ranges.js";
import { isProvenanceError } from "../../errors.js";
import { BLAME_CONCURRENCY } from "../../limits.js";
import type { ChangedFile, OriginRange } from "../../model/snapshot.js";
import { blameFile } from "./blame.js";
import { mapConcurrent } from "./map-concurrent.js";
import type { PathTouch } from "./read-log.js";
import { readPatches } from "./read-patches.js";
import { TOO_LARGE } from "./read-diff.js";
import { replayOrigins, type ReplayResult } from "./replay-origins.js";
import type { GitRunner } from "./run-git.js";
import { hasUndecodableBytes } from "./safe-path.js";

export type OriginStrategy = "replay" | "blame";

export interface OriginContext {
  git: GitRunner;
  mergeBase: string;
  head: string;
  cdup: string;
  /** SHAs of the commits in mergeBase..head. */
  prCommits: ReadonlySet<string>;
  touches: ReadonlyMap<string, readonly PathTouch[]>;
  hasMerges: boolean;
  /** "replay" (default) falls back to blame where it must; "blame" always blames. */
  strategy?: OriginStrategy;
  concurrency?: number;
}

export interface OriginResult {
  files: ChangedFile[];
  notes: string[];
  /** Files attributed by replaying per-commit diffs. */
  replayedFiles: number;
  /** Files that needed their own `git blame` process. */
  blamedFiles: number;
}

type Plan =
  | { kind: "none" }
  | { kind: "unknown"; note: string | null }
  | { kind: "single"; commit: string }
  | { kind: "history" };

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
  return only.partner === null && (only.status === "A" || only.status === "M") ? only.commit : null;
}

function plan(file: ChangedFile, ctx: OriginContext): Plan {
  if (file.addedLines.length === 0) return { kind: "none" };
  if (file.skipped !== null && file.skipped !== TOO_LARGE) return { kind: "unknown", note: null };
  const single = singleWriter(file.path, ctx.touches, ctx.hasMerges);
  if (single !== null) return { kind: "single", commit: single };
  if (file.skipped === TOO_LARGE) return { kind: "unknown", note: null };
  if (hasUndecodableBytes(file.path)) {
    return {
      kind: "unknown",
      note: `${quote(file.path)}: path is not valid UTF-8; origin of its lines unknown`,
    };
  }
  return { kind: "history" };
}

export async function assignOrigins(
  files: readonly ChangedFile[],
  ctx: OriginContext,
): Promise<OriginResult> {
  const plans = files.map((file) => plan(file, ctx));
  const historyPaths = files.filter((_, i) => plans[i]?.kind === "history").map((f) => f.path);
  const replay =
    historyPaths.length > 0 && !ctx.hasMerges && ctx.strategy !== "blame"
      ? await tryReplay(ctx, historyPaths)
      : null;
  let blamedFiles = 0;
  let replayedFiles = 0;
  const results = await mapConcurrent(files, ctx.concurrency ?? BLAME_CONCURRENCY, async (file, index) => {
    const p = plans[index] as Plan;
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
      case "history": {
        const replayed =
          replay?.unreliable.has(file.path) === false ? replay.writers.get(file.path) : undefined;
        if (replayed !== undefined) {
          replayedFiles += 1;
          return withOutsideNote(
            file,
            originsFromWriters(file.addedLines, (n) => replayed[n - 1], ctx.prCommits),
          );
        }
        blamedFiles += 1;
        return blameOrigins(file, ctx);
      }
    }
  });
  return {
    files: results.map((r) => r.file),
    notes: results.flatMap((r) => r.notes),
    replayedFiles,
    blamedFiles,
  };
}

/** Replays the per-commit diffs of `paths` and of every name they were renamed from; null when that fails. */
async function tryReplay(ctx: OriginContext, paths: readonly string[]): Promise<ReplayResult | null> {
  const wanted = new Set(paths);
  const queue = [...paths];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const touch of ctx.touches.get(path) ?? []) {
      if (touch.partner !== null && !wanted.has(touch.partner)) {
        wanted.add(touch.partner);
        queue.push(touch.partner);
      }
    }
  }
  try {
    return replayOrigins(await readPatches(ctx.git, ctx.mergeBase, ctx.head, [...wanted].sort()));
  } catch (err) {
    // Too much output or an unparsable patch: blame file by file instead. Unsafe paths still stop everything.
    if (isProvenanceError(err) && (err.code === "GIT_FAILED" || err.code === "BAD_DIFF")) return null;
    throw err;
  }
}

interface Attributed {
  file: ChangedFile;
  notes: string[];
}

async function blameOrigins(file: ChangedFile, ctx: OriginContext): Promise<Attributed> {
  const ranges = toRanges(file.addedLines);
  const target = { mergeBase: ctx.mergeBase, head: ctx.head, path: file.path, cdup: ctx.cdup, ranges };
  try {
    const blame = await blameFile(ctx.git, target);
    return withOutsideNote(
      file,
      originsFromWriters(file.addedLines, (n) => blame.get(n), ctx.prCommits),
    );
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const note = `${quote(file.path)}: git blame failed, origin of its lines unknown (${reason})`;
    return { file: { ...file, origins: unknownOrigins(file.addedLines) }, notes: [note] };
  }
}

function withOutsideNote(file: ChangedFile, origins: OriginRange[]): Attributed {
  const outside = origins.filter((o) => o.commit === null).reduce((sum, o) => sum + o.end - o.start + 1, 0);
  const notes =
    outside === 0
      ? []
      : [
          `${quote(file.path)}: ${outside} added line(s) trace back to no commit of the pull request; origin unknown`,
        ];
  return { file: { ...file, origins }, notes };
}

/** Ranges over exactly `addedLines`, consecutive lines with the same commit merged; non-PR writers become null. */
export function originsFromWriters(
  addedLines: readonly number[],
  writerOf: (line: number) => string | null | undefined,
  prCommits: ReadonlySet<string>,
): OriginRange[] {
  const origins: OriginRange[] = [];
  let current: OriginRange | null = null;
  for (const line of addedLines) {
    const sha = writerOf(line);
    const commit = sha !== undefined && sha !== null && prCommits.has(sha) ? sha : null;
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
