/**
 * What the REST file list leaves out, from the trees, many files per GraphQL
 * query (each path a variable):
 * - every changed file's mode and type (symlinks and submodules are skipped
 *   like the local source skips them) and whether it is binary;
 * - for files that existed at the merge base, the newest two commits that
 *   changed them (`history(path:, first: 2, since:)`), which tells whether
 *   one pull-request commit wrote all their added lines;
 * - for files the pull request created, their blame: their whole history is
 *   the pull request's, so it is cheap, and history alone cannot tell when a
 *   later commit renamed them into place (blame follows the rename).
 * A failing batch is asked again in halves; a file whose blame alone fails
 * is looked up without it and its blame reported as failed.
 */
import { z } from "zod";
import { GITHUB_CONCURRENCY, MAX_TREE_ENTRIES_PER_QUERY } from "../../limits.js";
import type { ChangedFile } from "../../model/snapshot.js";
import { mapConcurrent } from "../git/map-concurrent.js";
import { aliased, chunk, declareVariables, indexedVariables } from "./aliases.js";
import { modeString } from "./apply-entries.js";
import { BLAME_FIELDS, parseBlame, type BlameRange } from "./blame.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";
import type { PullRequestRef } from "./pull-request-query.js";
import { splitOnFailure } from "./split-on-failure.js";

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
  /** Paths (at head) whose history to ask for, and where the walk may stop (see github-source.ts). */
  history: { paths: ReadonlySet<string>; since: string | null } | null;
  /** Paths (at head) to blame in the same query. */
  blame: ReadonlySet<string>;
}

export interface Inspection {
  /** Per changed file path: the entry at head, or at the merge base for a deleted file. */
  entries: Map<string, FileEntry>;
  /** Path → the newest (at most two) commits at head that changed it, newest first. */
  history: Map<string, string[]>;
  blames: Map<string, BlameRange[]>;
  /** Paths whose blame failed, with why. */
  blameFailures: Map<string, string>;
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

export interface Item {
  path: string;
  side: "head" | "base";
  withHistory: boolean;
  withBlame: boolean;
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
  const headFields = head.map((item, i) =>
    [
      `f${i}: file(path: $p${i}) { ...Entry }`,
      item.withHistory ? `h${i}: history(path: $p${i}, first: 2, since: $since) { nodes { oid } }` : "",
      item.withBlame ? `b${i}: blame(path: $p${i}) { ${BLAME_FIELDS} }` : "",
    ]
      .filter((f) => f !== "")
      .join(" "),
  );
  const baseFields = base.map((_, i) => `g${i}: file(path: $q${i}) { ...Entry }`);
  return [
    `query TreeEntries(${declarations.join(", ")}) {`,
    "  rateLimit { cost remaining resetAt }",
    "  repository(owner: $owner, name: $name) {",
    head.length > 0 ? `    head: object(oid: $head) { ... on Commit { ${headFields.join(" ")} } }` : "",
    base.length > 0 ? `    base: object(oid: $base) { ... on Commit { ${baseFields.join(" ")} } }` : "",
    "  }",
    "}",
    "fragment Entry on TreeEntry { mode type object { __typename ... on Blob { isBinary } } }",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

export async function inspectFiles(
  client: GitHubClient,
  ref: PullRequestRef,
  req: InspectRequest,
): Promise<Inspection> {
  const items: Item[] = req.files.map((f) =>
    f.status === "deleted"
      ? { path: f.path, side: "base", withHistory: false, withBlame: false }
      : {
          path: f.path,
          side: "head",
          withHistory: req.history?.paths.has(f.path) === true,
          withBlame: req.blame.has(f.path),
        },
  );
  const result: Inspection = {
    entries: new Map(),
    history: new Map(),
    blames: new Map(),
    blameFailures: new Map(),
  };
  const run = async (batch: readonly Item[]): Promise<void> => {
    const head = batch.filter((i) => i.side === "head");
    const base = batch.filter((i) => i.side === "base");
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
    const raw = await client.graphql(treeEntriesQuery(batch), variables);
    const answer = parseAnswer(answerSchema, raw, "tree entries");
    const headCommit = answer.repository?.head ?? null;
    const baseCommit = answer.repository?.base ?? null;
    head.forEach((item, i) => {
      result.entries.set(item.path, toEntry(aliased(headCommit, `f${i}`), item.path));
      if (item.withHistory) {
        const history = parseAnswer(historySchema, aliased(headCommit, `h${i}`), `history of ${item.path}`);
        result.history.set(
          item.path,
          history.nodes.flatMap((n) => (n === null ? [] : [n.oid])),
        );
      }
      if (item.withBlame) result.blames.set(item.path, parseBlame(aliased(headCommit, `b${i}`), item.path));
    });
    base.forEach((item, i) =>
      result.entries.set(item.path, toEntry(aliased(baseCommit, `g${i}`), item.path)),
    );
  };
  const single = async (item: Item, err: unknown): Promise<void> => {
    if (!item.withBlame) throw err;
    result.blameFailures.set(item.path, err instanceof Error ? err.message : String(err));
    await run([{ ...item, withBlame: false }]);
  };
  await mapConcurrent(chunk(items, MAX_TREE_ENTRIES_PER_QUERY), GITHUB_CONCURRENCY, (batch) =>
    splitOnFailure(batch, run, single),
  );
  return result;
}

function toEntry(raw: unknown, path: string): FileEntry {
  const entry = parseAnswer(entrySchema, raw ?? null, `tree entry of ${path}`);
  if (entry === null) return { mode: null, type: null, isBinary: null };
  return { mode: modeString(entry.mode), type: entry.type, isBinary: entry.object?.isBinary ?? null };
}
