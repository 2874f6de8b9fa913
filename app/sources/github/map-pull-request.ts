/**
 * GraphQL pull-request nodes → the snapshot's model types, filled the way the
 * local git source and the webhook parser fill them. GraphQL names a bot by
 * its bare slug ("copilot-swe-agent"); REST and webhooks say
 * "copilot-swe-agent[bot]", so bot logins get the suffix back here.
 */
import type {
  Account,
  Commit,
  GitIdentity,
  PullRequestMeta,
  Review,
  TimelineEvent,
} from "../../model/snapshot.js";
import type {
  GraphqlActor,
  GraphqlCommit,
  GraphqlPullRequest,
  GraphqlReview,
  GraphqlTimelineItem,
} from "./pull-request-schema.js";

const ACCOUNT_TYPES: Readonly<Record<string, Account["type"]>> = {
  User: "User",
  Bot: "Bot",
  Organization: "Organization",
};

export function toAccount(actor: GraphqlActor): Account | null {
  if (actor === null) return null;
  const type = ACCOUNT_TYPES[actor.__typename] ?? "Unknown";
  const login = type === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
  return { login, type };
}

function toIdentity(who: GraphqlCommit["author"]): GitIdentity {
  return {
    name: who?.name ?? "",
    email: who?.email ?? "",
    login: who?.user?.login ?? null,
    date: who?.date ?? "",
  };
}

export function toCommit(c: GraphqlCommit): Commit {
  return {
    sha: c.oid,
    tree: c.tree.oid,
    parents: c.parents.nodes.map((p) => p.oid),
    author: toIdentity(c.author),
    committer: toIdentity(c.committer),
    message: c.message,
    notes: null,
  };
}

/** Review ids are REST's numeric ids (as webhooks send them; GraphQL `fullDatabaseId`) when GitHub gives one, else the node id. */
function reviewId(review: { id: string; fullDatabaseId: string | number | null }): string {
  return review.fullDatabaseId === null ? review.id : String(review.fullDatabaseId);
}

export function toReview(r: GraphqlReview): Review {
  return {
    id: reviewId(r),
    author: toAccount(r.author),
    state: r.state,
    submittedAt: r.submittedAt,
    commitId: r.commit?.oid ?? null,
    body: r.body,
  };
}

export function toTimelineEvent(item: GraphqlTimelineItem): TimelineEvent {
  const actor = toAccount(item.actor);
  switch (item.__typename) {
    case "HeadRefForcePushedEvent":
      return {
        type: "force_pushed",
        at: item.createdAt,
        actor,
        beforeSha: item.beforeCommit?.oid ?? null,
        afterSha: item.afterCommit?.oid ?? null,
      };
    case "ReviewDismissedEvent":
      return {
        type: "review_dismissed",
        at: item.createdAt,
        actor,
        reviewId: item.review === null ? null : reviewId(item.review),
        message: item.dismissalMessage ?? "",
      };
    case "MergedEvent":
      return { type: "merged", at: item.createdAt, actor, commit: item.commit?.oid ?? null };
  }
}

export function toPullRequestMeta(pr: GraphqlPullRequest, labels: readonly string[]): PullRequestMeta {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body,
    headRef: pr.headRefName,
    baseRef: pr.baseRefName,
    author: toAccount(pr.author),
    labels: [...labels],
    draft: pr.isDraft,
    url: pr.url,
  };
}

/**
 * Parents before children (what `git log --topo-order --reverse` gives),
 * otherwise keeping GitHub's order. Parents outside the list are ignored.
 */
export function parentsFirst(commits: readonly Commit[]): Commit[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const done = new Set<string>();
  const out: Commit[] = [];
  for (const start of commits) {
    // Iterative depth-first walk: emit a commit once all its listed parents are out.
    const stack: Commit[] = [start];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Commit;
      if (done.has(top.sha)) {
        stack.pop();
        continue;
      }
      const pending = top.parents
        .map((p) => bySha.get(p))
        .find((p): p is Commit => p !== undefined && !done.has(p.sha) && !stack.includes(p));
      if (pending !== undefined) {
        stack.push(pending);
        continue;
      }
      stack.pop();
      done.add(top.sha);
      out.push(top);
    }
  }
  return out;
}
