/**
 * Last-writer blame at head through GraphQL `Commit.blame(path:)`, several
 * files aliased per query (`b0: blame(path: $p0) { ranges { ... } }`), in
 * batches small enough for GitHub's 10 s query timeout. A batch that fails
 * (timeout, 502 after the client's retries, an error for one of its paths)
 * is asked again in halves down to one file per query (split-on-failure.ts),
 * so one slow or broken file costs only itself. Rate limits are not a reason
 * to fall back: they propagate.
 *
 * GitHub's blame spans the whole history, not mergeBase..head: the caller
 * keeps only commits of the pull request and treats the rest as "not written
 * here".
 */
import { z } from "zod";
import { MAX_BLAME_FILES_PER_QUERY } from "../../limits.js";
import { aliased, chunk, declareVariables, indexedVariables } from "./aliases.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";
import type { PullRequestRef } from "./pull-request-query.js";
import { splitOnFailure } from "./split-on-failure.js";

export interface BlameRange {
  start: number;
  end: number;
  commit: string;
}

export interface BlameResult {
  /** Path → its blame ranges at head, ascending. */
  ranges: Map<string, BlameRange[]>;
  /** Paths that could not be blamed, with why. */
  failed: Map<string, string>;
}

export const BLAME_FIELDS = "ranges { startingLine endingLine commit { oid } }";

const blameSchema = z.looseObject({
  ranges: z.array(
    z.looseObject({
      startingLine: z.number(),
      endingLine: z.number(),
      commit: z.looseObject({ oid: z.string() }),
    }),
  ),
});
const answerSchema = z.looseObject({
  repository: z.looseObject({ object: z.record(z.string(), z.unknown()).nullable() }).nullable(),
});

export function blameQuery(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `b${i}: blame(path: $p${i}) { ${BLAME_FIELDS} }`);
  return [
    `query Blame($owner: String!, $name: String!, $head: GitObjectID!, ${declareVariables("p", "String!", count)}) {`,
    "  rateLimit { cost remaining resetAt }",
    "  repository(owner: $owner, name: $name) {",
    `    object(oid: $head) { ... on Commit { ${fields.join(" ")} } }`,
    "  }",
    "}",
  ].join("\n");
}

async function blameBatch(
  client: GitHubClient,
  ref: PullRequestRef,
  head: string,
  paths: readonly string[],
): Promise<Map<string, BlameRange[]>> {
  const variables = { owner: ref.owner, name: ref.repo, head, ...indexedVariables("p", paths) };
  const answer = parseAnswer(
    answerSchema,
    await client.graphql(blameQuery(paths.length), variables),
    "blame",
  );
  const commit = answer.repository?.object ?? null;
  const out = new Map<string, BlameRange[]>();
  paths.forEach((path, i) => out.set(path, parseBlame(aliased(commit, `b${i}`), path)));
  return out;
}

/** One aliased `blame` answer as ascending ranges. */
export function parseBlame(value: unknown, path: string): BlameRange[] {
  const blame = parseAnswer(blameSchema, value, `blame of ${path}`);
  return blame.ranges
    .map((r) => ({ start: r.startingLine, end: r.endingLine, commit: r.commit.oid }))
    .sort((a, b) => a.start - b.start);
}

export async function blameFiles(
  client: GitHubClient,
  ref: PullRequestRef,
  head: string,
  paths: readonly string[],
  batchSize = MAX_BLAME_FILES_PER_QUERY,
): Promise<BlameResult> {
  const result: BlameResult = { ranges: new Map(), failed: new Map() };
  // One batch at a time: blame is GitHub's most expensive field, and GraphQL CPU time is rate limited too.
  for (const batch of chunk(paths, batchSize)) {
    await splitOnFailure(
      batch,
      async (part) => {
        for (const [path, ranges] of await blameBatch(client, ref, head, part))
          result.ranges.set(path, ranges);
      },
      async (path, err) => {
        result.failed.set(path, err instanceof Error ? err.message : String(err));
      },
    );
  }
  return result;
}

/** The commit blamed for head line `line`, or undefined when no range covers it. */
export function writerAt(ranges: readonly BlameRange[], line: number): string | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid] as BlameRange;
    if (line < r.start) hi = mid - 1;
    else if (line > r.end) lo = mid + 1;
    else return r.commit;
  }
  return undefined;
}
