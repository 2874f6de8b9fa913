/** zod schemas (lenient: unknown fields pass) and types of the pull-request query's answer. */
import { z } from "zod";

const oid = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "expected a full object id");
const withOid = z.looseObject({ oid });
/** GraphQL `BigInt` travels as a string. */
const bigInt = z.union([z.string(), z.number()]).nullable();
const actor = z.looseObject({ __typename: z.string(), login: z.string() }).nullable();
const identity = z
  .looseObject({
    name: z.string().nullable(),
    email: z.string().nullable(),
    date: z.string().nullable(),
    user: z.looseObject({ login: z.string() }).nullable(),
  })
  .nullable();

const commitNode = z.looseObject({
  commit: z.looseObject({
    oid,
    tree: withOid,
    parents: z.looseObject({ totalCount: z.number(), nodes: z.array(withOid) }),
    message: z.string(),
    author: identity,
    committer: identity,
  }),
});
const reviewNode = z.looseObject({
  id: z.string(),
  fullDatabaseId: bigInt,
  state: z.enum(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]),
  author: actor,
  submittedAt: z.string().nullable(),
  commit: withOid.nullable(),
  body: z.string(),
});
const threadNode = z.looseObject({
  isResolved: z.boolean(),
  comments: z.looseObject({ totalCount: z.number() }),
});
const timelineNode = z.discriminatedUnion("__typename", [
  z.looseObject({
    __typename: z.literal("HeadRefForcePushedEvent"),
    createdAt: z.string(),
    actor,
    beforeCommit: withOid.nullable(),
    afterCommit: withOid.nullable(),
  }),
  z.looseObject({
    __typename: z.literal("ReviewDismissedEvent"),
    createdAt: z.string(),
    actor,
    review: z.looseObject({ id: z.string(), fullDatabaseId: bigInt }).nullable(),
    dismissalMessage: z.string().nullable(),
  }),
  z.looseObject({
    __typename: z.literal("MergedEvent"),
    createdAt: z.string(),
    actor,
    commit: withOid.nullable(),
  }),
]);

const page = z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
function connection<T extends z.ZodType>(node: T) {
  return z.looseObject({ pageInfo: page, nodes: z.array(node.nullable()) });
}

const scalarsSchema = z.looseObject({
  number: z.number(),
  title: z.string(),
  body: z.string(),
  url: z.string(),
  isDraft: z.boolean(),
  author: actor,
  headRefName: z.string(),
  baseRefName: z.string(),
  headRefOid: oid,
  baseRefOid: oid,
  changedFiles: z.number(),
});
const pullRequestSchema = scalarsSchema.extend({
  labels: connection(z.looseObject({ name: z.string() }))
    .nullable()
    .optional(),
  commits: connection(commitNode).extend({ totalCount: z.number() }).optional(),
  reviews: connection(reviewNode).nullable().optional(),
  reviewThreads: connection(threadNode).optional(),
  timelineItems: connection(timelineNode).optional(),
});

export const pullRequestAnswerSchema = z.looseObject({
  repository: z
    .looseObject({
      notesRef: z.looseObject({ target: z.looseObject({ oid }).nullable() }).nullable(),
      pullRequest: pullRequestSchema.nullable(),
    })
    .nullable(),
});

export type GraphqlActor = z.infer<typeof actor>;
export type GraphqlCommit = z.infer<typeof commitNode>["commit"];
export type GraphqlReview = z.infer<typeof reviewNode>;
export type GraphqlThread = z.infer<typeof threadNode>;
export type GraphqlTimelineItem = z.infer<typeof timelineNode>;
export type GraphqlPullRequest = z.infer<typeof scalarsSchema>;
