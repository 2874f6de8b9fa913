/**
 * Git notes under refs/notes/ai for the pull request's commits, read through
 * the API: the notes ref is a commit whose tree holds one blob per annotated
 * commit, named by its SHA — flat, or fanned out as "ab/cdef…" or
 * "ab/cd/ef…" once the notes tree grows. All three names of every commit are
 * looked up at once (aliased blob reads), so notes cost one or two queries,
 * and none when the repository has no such ref.
 */
import type { GitHubClient } from "./github-client.js";
import { fetchBlobBytes, fetchObjects } from "./read-blobs.js";

function noteNames(sha: string): string[] {
  return [sha, `${sha.slice(0, 2)}/${sha.slice(2)}`, `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha.slice(4)}`];
}

/** Commit SHA → its note text, for the commits that have one. */
export async function readNotes(
  client: GitHubClient,
  owner: string,
  repo: string,
  notesCommit: string,
  shas: readonly string[],
): Promise<Map<string, string>> {
  const expressions = shas.flatMap((sha) => noteNames(sha).map((name) => `${notesCommit}:${name}`));
  const answers = await fetchObjects(client, owner, repo, expressions);
  const notes = new Map<string, string>();
  for (const sha of shas) {
    for (const name of noteNames(sha)) {
      const obj = answers.get(`${notesCommit}:${name}`) ?? null;
      if (obj === null || obj.__typename !== "Blob") continue;
      const exact =
        typeof obj.text === "string" &&
        obj.isTruncated !== true &&
        Buffer.byteLength(obj.text, "utf8") === obj.byteSize;
      const text = exact
        ? (obj.text as string)
        : (await fetchBlobBytes(client, owner, repo, obj.oid ?? "")).toString("utf8");
      notes.set(sha, text);
      break;
    }
  }
  return notes;
}
