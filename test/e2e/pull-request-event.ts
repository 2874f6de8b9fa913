/**
 * Real webhook payloads from @octokit/webhooks-examples, adapted to a local
 * fixture repository: the `pull_request.opened` example with its SHAs, refs,
 * labels, title or author replaced.
 */
import examples from "@octokit/webhooks-examples";

type Example = { name: string; examples: Array<Record<string, unknown>> };
const ALL = examples as unknown as Example[];

function example(event: string, action?: string): Record<string, unknown> {
  const found = ALL.find((e) => e.name === event)?.examples.find(
    (p) => action === undefined || p["action"] === action,
  );
  if (found === undefined)
    throw new Error(`no ${event} ${action ?? ""} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

export interface EventChanges {
  baseSha: string;
  headSha: string;
  headRef?: string;
  baseRef?: string;
  labels?: string[];
  title?: string;
  body?: string | null;
  author?: { login: string; type: string };
}

interface PullRequestPayload {
  title: string;
  body: string | null;
  user: { login: string; type: string };
  labels: Array<Record<string, unknown>>;
  head: { ref: string; sha: string; label: string };
  base: { ref: string; sha: string; label: string };
}

/** The real `pull_request.opened` payload, pointed at `baseSha..headSha`. */
export function pullRequestOpened(changes: EventChanges): Record<string, unknown> {
  const payload = example("pull_request", "opened");
  const pr = payload["pull_request"] as PullRequestPayload;
  pr.head.sha = changes.headSha;
  pr.base.sha = changes.baseSha;
  if (changes.headRef !== undefined) pr.head.ref = changes.headRef;
  if (changes.baseRef !== undefined) pr.base.ref = changes.baseRef;
  if (changes.title !== undefined) pr.title = changes.title;
  if (changes.body !== undefined) pr.body = changes.body;
  if (changes.author !== undefined) pr.user = { ...pr.user, ...changes.author };
  if (changes.labels !== undefined) {
    pr.labels = changes.labels.map((name, i) => ({
      id: 1000 + i,
      node_id: `LA_${i}`,
      url: `https://api.github.com/repos/Codertocat/Hello-World/labels/${encodeURIComponent(name)}`,
      name,
      color: "ededed",
      default: false,
      description: null,
    }));
  }
  return payload;
}

/** A real `push` payload: not a pull request event. */
export function pushEvent(): Record<string, unknown> {
  return example("push");
}
