/**
 * A repository and its pull requests as GitHub would serve them, for tests of
 * the real GitHub source: GraphQL documents are EXECUTED against GitHub's
 * public schema (@octokit/graphql-schema, built with graphql-js as
 * REFERENCE.md suggests), with resolvers over this model — so any query the
 * source sends is validated and answered without this helper knowing its
 * shape — and the REST file list is served from the same model. Answered
 * through nock.
 */
import { buildClientSchema, graphqlSync, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import type nock from "nock";

export interface FakeIdentity {
  name: string;
  email: string;
  login: string | null;
}

export interface FakeCommit {
  sha: string;
  parents: string[];
  message: string;
  author: FakeIdentity;
  /** The whole tree at this commit: path → content. */
  files: Record<string, string>;
  date: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  draft: boolean;
  author: string;
  headRef: string;
  labels: string[];
  base: string;
  /** The pull request's commits, oldest first; the last one is the head. */
  commits: string[];
}

let schema: GraphQLSchema | null = null;

/** GitHub's GraphQL schema, built once (about a second). */
export async function githubSchema(): Promise<GraphQLSchema> {
  if (schema === null) {
    const { schema: published } = await import("@octokit/graphql-schema");
    schema = buildClientSchema(published.json as unknown as IntrospectionQuery);
  }
  return schema;
}

interface Page {
  first?: number;
  after?: string | null;
}

function connection<T>(nodes: T[], args: Page = {}) {
  const start = args.after ? Number(args.after) : 0;
  const slice = nodes.slice(start, start + (args.first ?? 100));
  const end = start + slice.length;
  return {
    totalCount: nodes.length,
    pageInfo: { hasNextPage: end < nodes.length, endCursor: String(end) },
    nodes: slice,
  };
}

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** A unified-diff hunk list for a file added or rewritten at head (what GitHub's `patch` holds). */
function patchFor(
  before: string | undefined,
  after: string,
): { patch: string; additions: number; deletions: number } {
  const old = before === undefined ? [] : lines(before);
  const now = lines(after);
  const header = `@@ -${old.length === 0 ? 0 : 1},${old.length} +1,${now.length} @@`;
  const body = [...old.map((l) => `-${l}`), ...now.map((l) => `+${l}`)];
  return { patch: [header, ...body].join("\n"), additions: now.length, deletions: old.length };
}

export class FakeGitHubRepo {
  readonly commits = new Map<string, FakeCommit>();
  readonly pulls = new Map<number, FakePull>();
  graphqlQueries: string[] = [];

  constructor(
    readonly owner: string,
    readonly name: string,
  ) {}

  addCommit(c: FakeCommit): this {
    this.commits.set(c.sha, c);
    return this;
  }

  addPull(p: FakePull): this {
    this.pulls.set(p.number, p);
    return this;
  }

  #commit(sha: string) {
    const c = this.commits.get(sha);
    if (c === undefined) return null;
    const identity = (i: FakeIdentity) => ({
      name: i.name,
      email: i.email,
      date: c.date,
      user: i.login === null ? null : { login: i.login },
    });
    return {
      __typename: "Commit",
      oid: c.sha,
      tree: { oid: `${c.sha.slice(0, 38)}ff` },
      parents: (args: Page) =>
        connection(
          c.parents.map((oid) => ({ oid })),
          args,
        ),
      message: c.message,
      author: identity(c.author),
      committer: identity(c.author),
      file: ({ path }: { path: string }) =>
        c.files[path] === undefined
          ? null
          : {
              mode: 0o100644,
              type: "blob",
              object: { __typename: "Blob", isBinary: c.files[path].includes("\0") },
            },
      history: ({ path, first }: { path: string; first?: number }) => {
        const touched: Array<{ oid: string }> = [];
        for (
          let at: FakeCommit | undefined = c;
          at !== undefined;
          at = this.commits.get(at.parents[0] ?? "")
        ) {
          const parent = this.commits.get(at.parents[0] ?? "");
          if (at.files[path] !== parent?.files[path]) touched.push({ oid: at.sha });
        }
        return connection(touched, { first });
      },
      blame: ({ path }: { path: string }) => {
        // Each line belongs to the newest commit whose version of the file has it at that index.
        const ranges: Array<{ startingLine: number; endingLine: number; commit: { oid: string } }> = [];
        const now = lines(c.files[path] ?? "");
        now.forEach((text, i) => {
          let owner = c.sha;
          for (
            let at = this.commits.get(c.parents[0] ?? "");
            at !== undefined;
            at = this.commits.get(at.parents[0] ?? "")
          ) {
            if (lines(at.files[path] ?? "")[i] === text) owner = at.sha;
            else break;
          }
          const last = ranges.at(-1);
          if (last !== undefined && last.commit.oid === owner && last.endingLine === i)
            last.endingLine = i + 1;
          else ranges.push({ startingLine: i + 1, endingLine: i + 1, commit: { oid: owner } });
        });
        return { ranges };
      },
    };
  }

  #blob(expression: string) {
    const m = /^([0-9a-f]{40}):(.+)$/.exec(expression);
    const text = m === null ? undefined : this.commits.get(m[1] ?? "")?.files[m[2] ?? ""];
    if (text === undefined) return null;
    const binary = text.includes("\0");
    return {
      __typename: "Blob",
      oid: "f".repeat(40),
      byteSize: Buffer.byteLength(text),
      isBinary: binary,
      isTruncated: false,
      text: binary ? null : text,
    };
  }

  #pull(number: number) {
    const p = this.pulls.get(number);
    if (p === undefined) return null;
    const head = p.commits.at(-1) ?? p.base;
    return {
      number: p.number,
      title: p.title,
      body: p.body,
      url: `https://github.com/${this.owner}/${this.name}/pull/${p.number}`,
      isDraft: p.draft,
      author: { __typename: "User", login: p.author },
      headRefName: p.headRef,
      baseRefName: "main",
      headRefOid: head,
      baseRefOid: p.base,
      changedFiles: this.changedFiles(number).length,
      labels: (args: Page) =>
        connection(
          p.labels.map((name) => ({ name })),
          args,
        ),
      commits: (args: Page) =>
        connection(
          p.commits.map((sha) => ({ commit: this.#commit(sha) })),
          args,
        ),
      reviews: (args: Page) => connection([], args),
      reviewThreads: (args: Page) => connection([], args),
      timelineItems: (args: Page) => connection([], args),
    };
  }

  /** REST "List pull request files" entries. */
  changedFiles(number: number): Array<Record<string, unknown>> {
    const p = this.pulls.get(number);
    if (p === undefined) return [];
    const base = this.commits.get(p.base)?.files ?? {};
    const head = this.commits.get(p.commits.at(-1) ?? p.base)?.files ?? {};
    return Object.keys(head)
      .filter((path) => head[path] !== base[path])
      .sort()
      .map((path) => {
        const text = head[path] ?? "";
        const binary = text.includes("\0");
        const diff = patchFor(base[path], text);
        return {
          sha: "e".repeat(40),
          filename: path,
          status: base[path] === undefined ? "added" : "modified",
          additions: binary ? 0 : diff.additions,
          deletions: binary ? 0 : diff.deletions,
          changes: binary ? 0 : diff.additions + diff.deletions,
          ...(binary ? {} : { patch: diff.patch }),
        };
      });
  }

  async graphql(query: string, variables: Record<string, unknown>): Promise<unknown> {
    this.graphqlQueries.push(query);
    const rootValue = {
      rateLimit: { cost: 1, remaining: 4999, resetAt: "2026-11-23T18:00:00Z" },
      repository: ({ owner, name }: { owner: string; name: string }) =>
        owner !== this.owner || name !== this.name
          ? null
          : {
              ref: () => null,
              pullRequest: ({ number }: { number: number }) => this.#pull(number),
              object: ({ oid, expression }: { oid?: string; expression?: string }) =>
                oid !== undefined ? this.#commit(oid) : this.#blob(expression ?? ""),
            },
    };
    return graphqlSync({ schema: await githubSchema(), source: query, variableValues: variables, rootValue });
  }

  /** Serve GraphQL and the REST file list on `scope` (make it `.persist()`). */
  serve(scope: nock.Scope): void {
    scope.post("/graphql").reply(async (_uri, body) => {
      const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
      return [200, await this.graphql(query, variables ?? {})];
    });
    scope.get(new RegExp(`^/repos/${this.owner}/${this.name}/pulls/(\\d+)/files`)).reply((uri) => {
      const number = Number(/pulls\/(\d+)\/files/.exec(uri)?.[1]);
      const page = Number(new URL(uri, "https://x").searchParams.get("page") ?? "1");
      return [200, page === 1 ? this.changedFiles(number) : []];
    });
  }
}
