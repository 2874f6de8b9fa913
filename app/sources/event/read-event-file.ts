import { readFile, stat } from "node:fs/promises";
import { ProvenanceError } from "../../errors.js";
import { MAX_EVENT_BYTES } from "../../limits.js";
import { parsePullRequestEvent, type PullRequestEvent } from "./parse-pull-request-event.js";

/** Read an event payload file (e.g. $GITHUB_EVENT_PATH); any problem is a BAD_EVENT error naming the file. */
export async function readEventFile(path: string): Promise<PullRequestEvent> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_EVENT_BYTES) {
      throw new ProvenanceError(
        "BAD_EVENT",
        `${path}: ${info.size} bytes is over the ${MAX_EVENT_BYTES}-byte limit`,
      );
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof ProvenanceError) throw err;
    throw new ProvenanceError("BAD_EVENT", `${path}: cannot read event file`, { cause: err });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    throw new ProvenanceError("BAD_EVENT", `${path}: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  return parsePullRequestEvent(payload, path);
}
