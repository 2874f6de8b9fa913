/**
 * The pull request's changed files from REST
 * `GET /repos/{owner}/{repo}/pulls/{pull_number}/files` (100 per page, at
 * most 3,000 files in 30 pages — GitHub lists no more), each `patch` parsed
 * into hunks and added lines. The pages the PR's `changedFiles` count calls
 * for are fetched a few at a time. (`changedFiles` comes with `headRefOid`
 * from the same GraphQL answer; a push between the two calls changes both,
 * which no count of pages can make consistent.)
 *
 * A file without a `patch`: when GitHub counted changed lines, the diff was
 * too large to send (skipped "too large", its lines unknown); otherwise it is
 * binary, empty, or only renamed or re-moded, which the tree lookup
 * (inspect-files.ts) decides.
 */
import { z } from "zod";
import { hunkStats } from "../../diff/hunk-stats.js";
import {
  GITHUB_CONCURRENCY,
  GITHUB_PAGE_SIZE,
  MAX_FILE_ADDED_LINES,
  MAX_FILE_BYTES,
  MAX_PR_FILES,
} from "../../limits.js";
import type { ChangedFile, FileStatus } from "../../model/snapshot.js";
import { mapConcurrent } from "../git/map-concurrent.js";
import { diffBytes, TOO_LARGE } from "../git/read-diff.js";
import { assertSafeRepoPath } from "../git/safe-path.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";
import { parsePatch } from "./parse-patch.js";
import type { PullRequestRef } from "./pull-request-query.js";

export const LIST_FILES_ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";

const MAX_PAGES = Math.ceil(MAX_PR_FILES / GITHUB_PAGE_SIZE);

const entrySchema = z.looseObject({
  filename: z.string(),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number(),
  deletions: z.number(),
  changes: z.number(),
  patch: z.string().optional(),
  previous_filename: z.string().optional(),
});
type DiffEntry = z.infer<typeof entrySchema>;

const STATUS: Readonly<Record<DiffEntry["status"], FileStatus>> = {
  added: "added",
  removed: "deleted",
  modified: "modified",
  changed: "modified", // mode change only
  unchanged: "modified",
  renamed: "renamed",
  copied: "copied",
};

export interface ListedFiles {
  files: ChangedFile[];
  /** Paths sent without a patch and without changed lines: binary, empty, or a pure rename/mode change. */
  withoutPatch: Set<string>;
  notes: string[];
}

export async function listPullRequestFiles(
  client: GitHubClient,
  ref: PullRequestRef,
  changedFiles: number,
): Promise<ListedFiles> {
  const fetchPage = async (page: number): Promise<DiffEntry[]> => {
    const params = {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.pullNumber,
      per_page: GITHUB_PAGE_SIZE,
      page,
    };
    const res = await client.request(LIST_FILES_ROUTE, params);
    return parseAnswer(
      z.array(entrySchema),
      res.data,
      `files of pull request #${ref.pullNumber}, page ${page}`,
    );
  };
  const expected = Math.min(MAX_PAGES, Math.max(1, Math.ceil(changedFiles / GITHUB_PAGE_SIZE)));
  const pages: DiffEntry[][] = await mapConcurrent(
    Array.from({ length: expected }, (_, i) => i + 1),
    GITHUB_CONCURRENCY,
    fetchPage,
  );
  const result: ListedFiles = { files: [], withoutPatch: new Set(), notes: [] };
  const seen = new Set<string>();
  for (const entry of pages.flat()) {
    if (seen.has(entry.filename)) continue;
    seen.add(entry.filename);
    const { file, withoutPatch, note } = toChangedFile(entry);
    result.files.push(file);
    if (withoutPatch) result.withoutPatch.add(file.path);
    if (note !== null) result.notes.push(note);
  }
  if (changedFiles > MAX_PR_FILES) {
    result.notes.push(
      `GitHub lists at most ${MAX_PR_FILES} files of a pull request; this one changes ${changedFiles}, ` +
        `only the ${result.files.length} listed are analysed`,
    );
  }
  return result;
}

interface Converted {
  file: ChangedFile;
  withoutPatch: boolean;
  note: string | null;
}

export function toChangedFile(entry: DiffEntry): Converted {
  assertSafeRepoPath(entry.filename, "GitHub pull request files");
  const status = STATUS[entry.status];
  const moved = status === "renamed" || status === "copied";
  const oldPath = moved ? (entry.previous_filename ?? null) : null;
  if (oldPath !== null) assertSafeRepoPath(oldPath, "GitHub pull request files");
  const base: ChangedFile = {
    path: entry.filename,
    oldPath,
    status,
    binary: false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [],
    addedLines: [],
    deletedLines: 0,
    skipped: null,
    origins: [],
  };
  if (entry.patch !== undefined) {
    const hunks = parsePatch(entry.filename, entry.patch);
    return { file: limitSize({ ...base, hunks, ...hunkStats(hunks) }), withoutPatch: false, note: null };
  }
  if (entry.additions + entry.deletions > 0) {
    const note =
      `${JSON.stringify(entry.filename)}: GitHub sent no diff (too large); ` +
      `its ${entry.additions} added line(s) are not listed or attributed`;
    return {
      file: { ...base, deletedLines: entry.deletions, skipped: TOO_LARGE },
      withoutPatch: false,
      note,
    };
  }
  return { file: base, withoutPatch: true, note: null };
}

/** The local source's size rule: past the limits, keep the added lines but drop the hunks. */
function limitSize(file: ChangedFile): ChangedFile {
  if (file.addedLines.length <= MAX_FILE_ADDED_LINES && diffBytes(file) <= MAX_FILE_BYTES) return file;
  return { ...file, hunks: [], skipped: TOO_LARGE };
}
