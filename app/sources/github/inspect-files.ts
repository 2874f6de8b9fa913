/**
 * What the REST file list leaves out, from the trees: each changed file's
 * mode and type (symlinks and submodules are skipped like the local source
 * skips them), whether a file sent without a patch is binary, and — for the
 * files that need it — the newest two commits that changed it
 * (`history(path:, first: 2, since:)`), which tells whether one pull-request
 * commit wrote all of its added lines. Many files per GraphQL query, each
 * path passed as a variable.
 */
import { z } from "zod";
import { GITHUB_CONCURRENCY, MAX_TREE_ENTRIES_PER_QUERY } from "../../limits.js";
import type { ChangedFile } from "../../model/snapshot.js";
import { mapConcurrent } from "../git/map-concurrent.js";
import { aliased, chunk, declareVariables, indexedVariables } from "./aliases.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";
import type { PullRequestRef } from "./pull-request-query.js";

export interface FileEntry {
  /** Git mode as git prints it ("100644", "120000", "160000"), or null when the path is not in the tree. */
  mode: string | null;
  /** "blob", "tree" or "commit" (a submodule), or null when the path is not in the tree. */
  type: string | null;
  isBinary: boolean | null;
}

export interface InspectRequest {
  head: string;
  mergeBase: string;
  files: readonly ChangedFile[];
  /** Paths (at head) whose history to ask for, and the committer date of the oldest PR commit. */
  history: { paths: ReadonlySet<string>; since: string | null } | null;
}

export interface Inspection {
  /** Per changed file path: the entry at head, or at the merge base for a deleted file. */
  entries: Map<string, FileEntry>;
  /** Path → the newest (at most two) commits at head that changed it, newest first. */
  history: Map<string, string[]>;
}

const entrySchema = z
  .looseObject({
    mode: z.number(),
    type: z.string(),
    object: z.looseObject({ __typename: z.string(), isBinary: z.boolean().nullable().optional() }).nullable(),
  })
  .nullable();
const historySchema = z.looseObject({ nodes: z.array(z.looseObject({ oid: z.string() }).nullable()) });
const commitFields = z.record(z.string(), z.unknown()).nullable();
const answerSchema = z.looseObject({
  repository: z.looseObject({ head: commitFields.optional(), base: commitFields.optional() }).nullable(),
});

const KNOWN_MODES = new Set(["100644", "100755", "120000", "160000", "40000"]);

/** TreeEntry.mode is an Int: the octal mode read as a number (33188) — or, should GitHub send them, its digits (100644). */
export function modeString(mode: number): string {
  const digits = String(mode);
  if (KNOWN_MODES.has(digits)) return digits === "40000" ? "040000" : digits;
  const octal = mode.toString(8);
  return octal.length < 6 ? octal.padStart(6, "0") : octal;
}

interface Item {
  path: string;
  side: "head" | "base";
  withHistory: boolean;
}

export function treeEntriesQuery(items: readonly Item[]): string {
  const head = items.filter((i) => i.side === "head");
  const base = items.filter((i) => i.side === "base");
  const withHistory = head.some((i) => i.withHistory);
  const declarations = [
    "$owner: String!",
    "$name: String!",
    head.length > 0 ? "$head: GitObjectID!" : "",
    base.length > 0 ? "$base: GitObjectID!" : "",
    withHistory ? "$since: GitTimestamp" : "",
    declareVariables("p", "String!", head.length),
    declareVariables("q", "String!", base.length),
  ].filter((d) => d !== "");
  const headFields = head.map(
    (item, i) =>
      `f${i}: file(path: $p${i}) { ...Entry }` +
      (item.withHistory ? ` h${i}: history(path: $p${i}, first: 2, since: $since) { nodes { oid } }` : ""),
  );
  const baseFields = base.map((_, i) => `g${i}: file(path: $q${i}) { ...Entry }`);
  const query = [
    `query TreeEntries(${declarations.join(", ")}) {`,
    "  rateLimit { cost remaining resetAt }",
    "  repository(owner: $owner, name: $name) {",
    head.length > 0 ? `    head: object(oid: $head) { ... on Commit { ${headFields.join(" ")} } }` : "",
    base.length > 0 ? `    base: object(oid: $base) { ... on Commit { ${baseFields.join(" ")} } }` : "",
    "  }",
    "}",
    "fragment Entry on TreeEntry { mode type object { __typename ... on Blob { isBinary } } }",
  ].filter((l) => l !== "");
  return query.join("\n");
}

export async function inspectFiles(
  client: GitHubClient,
  ref: PullRequestRef,
  req: InspectRequest,
): Promise<Inspection> {
  const items: Item[] = req.files.map((f) =>
    f.status === "deleted"
      ? { path: f.path, side: "base", withHistory: false }
      : { path: f.path, side: "head", withHistory: req.history?.paths.has(f.path) === true },
  );
  const result: Inspection = { entries: new Map(), history: new Map() };
  await mapConcurrent(chunk(items, MAX_TREE_ENTRIES_PER_QUERY), GITHUB_CONCURRENCY, async (batch) => {
    const head = batch.filter((i) => i.side === "head");
    const base = batch.filter((i) => i.side === "base");
    const query = treeEntriesQuery(batch);
    const variables: Record<string, unknown> = {
      owner: ref.owner,
      name: ref.repo,
      ...indexedVariables(
        "p",
        head.map((i) => i.path),
      ),
      ...indexedVariables(
        "q",
        base.map((i) => i.path),
      ),
    };
    if (head.length > 0) variables.head = req.head;
    if (base.length > 0) variables.base = req.mergeBase;
    if (head.some((i) => i.withHistory)) variables.since = req.history?.since ?? null;
    const answer = parseAnswer(answerSchema, await client.graphql(query, variables), "tree entries");
    const headCommit = answer.repository?.head ?? null;
    const baseCommit = answer.repository?.base ?? null;
    head.forEach((item, i) => {
      result.entries.set(item.path, toEntry(aliased(headCommit, `f${i}`), item.path));
      if (!item.withHistory) return;
      const history = parseAnswer(historySchema, aliased(headCommit, `h${i}`), `history of ${item.path}`);
      result.history.set(
        item.path,
        history.nodes.flatMap((n) => (n === null ? [] : [n.oid])),
      );
    });
    base.forEach((item, i) =>
      result.entries.set(item.path, toEntry(aliased(baseCommit, `g${i}`), item.path)),
    );
  });
  return result;
}

function toEntry(raw: unknown, path: string): FileEntry {
  const entry = parseAnswer(entrySchema, raw ?? null, `tree entry of ${path}`);
  if (entry === null) return { mode: null, type: null, isBinary: null };
  return { mode: modeString(entry.mode), type: entry.type, isBinary: entry.object?.isBinary ?? null };
}

/** Applies modes, submodule/symlink skips and binary-ness (for files sent without a patch) to the files. */
export function applyEntries(
  files: readonly ChangedFile[],
  entries: ReadonlyMap<string, FileEntry>,
  withoutPatch: ReadonlySet<string>,
): ChangedFile[] {
  return files.map((file) => {
    const entry = entries.get(file.path);
    if (entry === undefined) return file;
    const deleted = file.status === "deleted";
    // GitHub does not say a file's mode at the merge base, except through the lookup of a deleted file.
    const oldMode = deleted ? entry.mode : null;
    const newMode = deleted ? null : entry.mode;
    const binary = withoutPatch.has(file.path) && entry.isBinary === true;
    const skipped =
      entry.type === "commit" || entry.mode === "160000"
        ? "submodule"
        : entry.mode === "120000"
          ? "symlink"
          : binary
            ? "binary"
            : file.skipped;
    return { ...file, oldMode, newMode, binary: binary || file.binary, skipped };
  });
}
