/**
 * One GraphQL query for everything about a pull request except its files:
 * metadata, labels, commits (identities, message, tree, parents), reviews,
 * review threads, the timeline events the signals need, and whether the
 * repository has git notes under refs/notes/ai. Each connection is paged with
 * its own cursor; later pages re-send the same query with `@include` turning
 * off the connections that are complete, so a PR of up to 100 commits,
 * reviews, threads, events and labels costs one request.
 */
import { ProvenanceError } from "../../errors.js";
import { GITHUB_PAGE_SIZE } from "../../limits.js";
import { NOTES_REF } from "../git/read-log.js";
import type { GitHubClient } from "./github-client.js";
import { parseAnswer } from "./parse-answer.js";
import {
  pullRequestAnswerSchema,
  type GraphqlCommit,
  type GraphqlPullRequest,
  type GraphqlReview,
  type GraphqlThread,
  type GraphqlTimelineItem,
} from "./pull-request-schema.js";

export interface PullRequestRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

const CONNECTIONS = ["labels", "commits", "reviews", "reviewThreads", "timelineItems"] as const;
type ConnectionName = (typeof CONNECTIONS)[number];

const N = GITHUB_PAGE_SIZE;

export const PULL_REQUEST_QUERY = `query PullRequestSnapshot(
  $owner: String!
  $name: String!
  $number: Int!
  $notesRef: String!
  $withLabels: Boolean!
  $labelsAfter: String
  $withCommits: Boolean!
  $commitsAfter: String
  $withReviews: Boolean!
  $reviewsAfter: String
  $withReviewThreads: Boolean!
  $reviewThreadsAfter: String
  $withTimelineItems: Boolean!
  $timelineItemsAfter: String
) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    notesRef: ref(qualifiedName: $notesRef) { target { oid } }
    pullRequest(number: $number) {
      number
      title
      body
      url
      isDraft
      author { __typename login }
      headRefName
      baseRefName
      headRefOid
      baseRefOid
      changedFiles
      labels(first: ${N}, after: $labelsAfter) @include(if: $withLabels) {
        pageInfo { ...Page }
        nodes { name }
      }
      commits(first: ${N}, after: $commitsAfter) @include(if: $withCommits) {
        totalCount
        pageInfo { ...Page }
        nodes {
          commit {
            oid
            tree { oid }
            parents(first: 10) { totalCount nodes { oid } }
            message
            author { ...Identity }
            committer { ...Identity }
          }
        }
      }
      reviews(first: ${N}, after: $reviewsAfter) @include(if: $withReviews) {
        pageInfo { ...Page }
        nodes {
          id
          fullDatabaseId
          state
          author { __typename login }
          submittedAt
          commit { oid }
          body
        }
      }
      reviewThreads(first: ${N}, after: $reviewThreadsAfter) @include(if: $withReviewThreads) {
        pageInfo { ...Page }
        nodes { isResolved comments { totalCount } }
      }
      timelineItems(
        first: ${N}
        after: $timelineItemsAfter
        itemTypes: [HEAD_REF_FORCE_PUSHED_EVENT, REVIEW_DISMISSED_EVENT, MERGED_EVENT]
      ) @include(if: $withTimelineItems) {
        pageInfo { ...Page }
        nodes {
          __typename
          ... on HeadRefForcePushedEvent {
            createdAt
            actor { __typename login }
            beforeCommit { oid }
            afterCommit { oid }
          }
          ... on ReviewDismissedEvent {
            createdAt
            actor { __typename login }
            review { id fullDatabaseId }
            dismissalMessage
          }
          ... on MergedEvent {
            createdAt
            actor { __typename login }
            commit { oid }
          }
        }
      }
    }
  }
}

fragment Page on PageInfo { hasNextPage endCursor }

fragment Identity on GitActor { name email date user { login } }`;

export interface PullRequestData {
  pullRequest: GraphqlPullRequest;
  /** The commit refs/notes/ai points at, or null when the repository has no such notes. */
  notesOid: string | null;
  labels: string[];
  /** In GitHub's order. */
  commits: GraphqlCommit[];
  /** What GitHub says the PR has; more than `commits.length` when it stopped listing (250). */
  commitsTotal: number;
  reviews: GraphqlReview[];
  reviewThreads: GraphqlThread[];
  timelineItems: GraphqlTimelineItem[];
  /** GraphQL requests this took (pages). */
  pages: number;
}

interface Cursor {
  include: boolean;
  after: string | null;
}

/** Runs the pull-request query until every connection is complete. */
export async function fetchPullRequest(client: GitHubClient, ref: PullRequestRef): Promise<PullRequestData> {
  const cursors = Object.fromEntries(CONNECTIONS.map((c) => [c, { include: true, after: null }])) as Record<
    ConnectionName,
    Cursor
  >;
  const result: Omit<PullRequestData, "pullRequest"> & { pullRequest: GraphqlPullRequest | null } = {
    pullRequest: null,
    notesOid: null,
    labels: [],
    commits: [],
    commitsTotal: 0,
    reviews: [],
    reviewThreads: [],
    timelineItems: [],
    pages: 0,
  };
  const where = `${ref.owner}/${ref.repo}#${ref.pullNumber}`;
  while (CONNECTIONS.some((c) => cursors[c].include)) {
    const variables: Record<string, unknown> = { owner: ref.owner, name: ref.repo, number: ref.pullNumber };
    variables.notesRef = NOTES_REF;
    for (const c of CONNECTIONS) {
      const suffix = c[0]?.toUpperCase() + c.slice(1);
      variables[`with${suffix}`] = cursors[c].include;
      variables[`${c}After`] = cursors[c].after;
    }
    const raw = await client.graphql(PULL_REQUEST_QUERY, variables);
    result.pages += 1;
    const answer = parseAnswer(pullRequestAnswerSchema, raw, `pull request ${where}`);
    const pr = answer.repository?.pullRequest;
    if (pr === null || pr === undefined) {
      throw new ProvenanceError(
        "GITHUB_FAILED",
        `pull request ${where} not found (or the app cannot see it)`,
      );
    }
    const { labels, commits, reviews, reviewThreads, timelineItems, ...scalars } = pr;
    result.pullRequest = scalars;
    result.notesOid = answer.repository?.notesRef?.target?.oid ?? null;
    const pages = { labels, commits, reviews, reviewThreads, timelineItems };
    for (const c of CONNECTIONS) {
      if (!cursors[c].include) continue;
      const conn = pages[c];
      if (conn === undefined || conn === null) {
        cursors[c].include = false;
        continue;
      }
      const next = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      if (next !== null && next === cursors[c].after) {
        throw new ProvenanceError("GITHUB_FAILED", `pull request ${where}: ${c} cursor did not advance`);
      }
      cursors[c] = { include: next !== null, after: next };
    }
    result.labels.push(...(labels?.nodes ?? []).flatMap((n) => (n === null ? [] : [n.name])));
    result.commits.push(...(commits?.nodes ?? []).flatMap((n) => (n === null ? [] : [n.commit])));
    if (commits !== undefined) result.commitsTotal = commits.totalCount;
    result.reviews.push(...(reviews?.nodes ?? []).filter((n) => n !== null));
    result.reviewThreads.push(...(reviewThreads?.nodes ?? []).filter((n) => n !== null));
    result.timelineItems.push(...(timelineItems?.nodes ?? []).filter((n) => n !== null));
  }
  return { ...result, pullRequest: result.pullRequest as GraphqlPullRequest };
}
