/**
 * File contents at a commit, from GitHub: `object(expression: $e0)` aliased
 * for many files per GraphQL query (the "<sha>:<path>" expression travels as
 * a variable, so any path is safe), the same answer shape as the local
 * reader (sources/git/read-blobs.ts). Binary files, files over
 * MAX_FILE_BYTES and missing paths are skipped with the reason. When the
 * GraphQL text is not the exact bytes (truncated, or not UTF-8, so its length
 * differs from `byteSize`), the blob comes from REST
 * `GET /repos/{owner}/{repo}/git/blobs/{file_sha}` instead.
 */
import { z } from "zod";
import { GITHUB_CONCURRENCY, MAX_BLOBS_PER_QUERY, MAX_FILE_BYTES } from "../../limits.js";
import { mapConcurrent } from "../git/map-concurrent.js";
import type { BlobRead } from "../git/read-blobs.js";
import { unsafePathReason } from "../git/safe-path.js";
import { aliased, chunk, declareVariables, indexedVariables } from "./aliases.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";

export const GET_BLOB_ROUTE = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";

const objectSchema = z.looseObject({
  __typename: z.string(),
  oid: z.string().optional(),
  byteSize: z.number().optional(),
  isBinary: z.boolean().nullable().optional(),
  isTruncated: z.boolean().optional(),
  text: z.string().nullable().optional(),
});
export type GitObjectAnswer = z.infer<typeof objectSchema>;

const answerSchema = z.looseObject({ repository: z.record(z.string(), z.unknown()).nullable() });
const restBlobSchema = z.looseObject({ content: z.string(), encoding: z.string() });

export function objectsQuery(count: number): string {
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `o${i}: object(expression: $e${i}) { __typename ... on Blob { oid byteSize isBinary isTruncated text } }`,
  );
  return [
    `query Objects($owner: String!, $name: String!, ${declareVariables("e", "String!", count)}) {`,
    "  rateLimit { cost remaining resetAt }",
    `  repository(owner: $owner, name: $name) { ${fields.join(" ")} }`,
    "}",
  ].join("\n");
}

/** Looks up git revision expressions ("<rev>:<path>"); null for those that name nothing. */
export async function fetchObjects(
  client: GitHubClient,
  owner: string,
  repo: string,
  expressions: readonly string[],
): Promise<Map<string, GitObjectAnswer | null>> {
  const out = new Map<string, GitObjectAnswer | null>();
  await mapConcurrent(chunk(expressions, MAX_BLOBS_PER_QUERY), GITHUB_CONCURRENCY, async (batch) => {
    const variables = { owner, name: repo, ...indexedVariables("e", batch) };
    const raw = await client.graphql(objectsQuery(batch.length), variables);
    const repository = parseAnswer(answerSchema, raw, "objects").repository;
    batch.forEach((expression, i) => {
      const value = aliased(repository, `o${i}`) ?? null;
      out.set(expression, parseAnswer(objectSchema.nullable(), value, `object ${expression}`));
    });
  });
  return out;
}

/** The exact bytes of a blob by its id (REST, up to 100 MB). */
export async function fetchBlobBytes(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<Buffer> {
  const res = await client.request(GET_BLOB_ROUTE, { owner, repo, file_sha: sha });
  const blob = parseAnswer(restBlobSchema, res.data, `blob ${sha}`);
  return blob.encoding === "base64" ? Buffer.from(blob.content, "base64") : Buffer.from(blob.content, "utf8");
}

export type BlobReader = (paths: readonly string[]) => Promise<BlobRead>;

export function createGitHubBlobReader(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
): BlobReader {
  return async (paths) => {
    const result: BlobRead = { contents: new Map(), skipped: [] };
    const wanted: string[] = [];
    for (const path of paths) {
      const unsafe = unsafePathReason(path);
      if (unsafe === null) wanted.push(path);
      else result.skipped.push({ path, reason: `unsafe path (${unsafe})` });
    }
    const answers = await fetchObjects(
      client,
      owner,
      repo,
      wanted.map((p) => `${sha}:${p}`),
    );
    const exact: Array<{ path: string; oid: string }> = [];
    for (const path of wanted) {
      const obj = answers.get(`${sha}:${path}`) ?? null;
      const reason = skipReason(obj);
      if (reason !== null || obj === null) {
        result.skipped.push({ path, reason: reason ?? "not found at head" });
      } else if (
        typeof obj.text === "string" &&
        obj.isTruncated !== true &&
        Buffer.byteLength(obj.text, "utf8") === obj.byteSize
      ) {
        result.contents.set(path, Buffer.from(obj.text, "utf8"));
      } else {
        exact.push({ path, oid: obj.oid ?? "" });
      }
    }
    const fetched = await mapConcurrent(exact, GITHUB_CONCURRENCY, ({ oid }) =>
      fetchBlobBytes(client, owner, repo, oid),
    );
    exact.forEach(({ path }, i) => result.contents.set(path, fetched[i] as Buffer));
    // In the order asked, like the local reader.
    result.contents = new Map(
      wanted.flatMap((p) => (result.contents.has(p) ? [[p, result.contents.get(p) as Buffer]] : [])),
    );
    return result;
  };
}

function skipReason(obj: GitObjectAnswer | null): string | null {
  if (obj === null) return "not found at head";
  if (obj.__typename !== "Blob") return `a ${obj.__typename.toLowerCase()}, not a file`;
  if (obj.byteSize === undefined || obj.oid === undefined) return "GitHub did not describe the blob";
  if (obj.byteSize > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES} bytes`;
  if (obj.isBinary === true) return "binary file";
  return null;
}
