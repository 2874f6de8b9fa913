/**
 * The fake GitHub behind nock, with every request checked on the way in
 * (REST against @octokit/openapi, GraphQL with `validate()`) and every answer
 * on the way out (REST response schemas, GraphQL answers executed against the
 * schema). Faults (502, rate limits, ...) can be injected for matching
 * requests; they are counted like any request.
 */
import nock from "nock";
import { FakeGitHub, type FakeGitHubOptions } from "../../../../fixtures/github/fake-github.js";
import type { FakePullRequest } from "../../../../fixtures/github/fake-pull-request.js";
import { checkAnswer, checkQuery } from "./graphql-check.js";
import { checkRestRequest, checkRestResponse } from "./openapi-check.js";

export interface InterceptedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  /** GraphQL operation name, variables and query; null for REST. */
  operation: string | null;
  variables: Record<string, unknown> | null;
  query: string | null;
  authorization: string | undefined;
}

export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GitHubMock {
  fake: FakeGitHub;
  requests: InterceptedRequest[];
  /** Problems found by the checks; a test expects none. */
  problems: string[];
  /** The next requests that match get these answers, one each, before the fake answers again. */
  fail(match: (r: InterceptedRequest) => boolean, ...faults: Fault[]): void;
  done(): void;
}

export const GITHUB_ORIGIN = "https://api.github.com";
export const GHES_ORIGIN = "https://ghe.example.com";

export function mockGitHub(
  prs: readonly FakePullRequest[],
  options: { origin?: string; enterprise?: boolean } = {},
): GitHubMock {
  const origin = options.origin ?? (options.enterprise === true ? GHES_ORIGIN : GITHUB_ORIGIN);
  const paths: Required<FakeGitHubOptions> =
    options.enterprise === true
      ? { restPrefix: "/api/v3", graphqlPath: "/api/graphql" }
      : { restPrefix: "", graphqlPath: "/graphql" };
  const fake = new FakeGitHub(prs, paths);
  const requests: InterceptedRequest[] = [];
  const problems: string[] = [];
  const faults: Array<{ match: (r: InterceptedRequest) => boolean; fault: Fault }> = [];

  function handle(method: string, uri: string, body: unknown, authorization: string | undefined) {
    try {
      return answer(method, uri, body, authorization);
    } catch (err) {
      problems.push(`mock failed on ${method} ${uri}: ${err instanceof Error ? err.stack : String(err)}`);
      return [500, { message: "mock failure" }, {}] as const;
    }
  }

  function answer(method: string, uri: string, body: unknown, authorization: string | undefined) {
    const url = new URL(uri, origin);
    const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
    const graphql = method === "POST" && url.pathname === paths.graphqlPath;
    const parsed = graphql
      ? (JSON.parse(text) as { query?: string; variables?: Record<string, unknown> })
      : null;
    const request: InterceptedRequest = {
      method,
      path: url.pathname,
      search: url.searchParams,
      operation: parsed === null ? null : (/^\s*query\s+(\w+)/.exec(parsed.query ?? "")?.[1] ?? null),
      variables: parsed?.variables ?? null,
      query: parsed?.query ?? null,
      authorization,
    };
    requests.push(request);
    let template: string | null = null;
    if (parsed !== null) {
      problems.push(...checkQuery(parsed.query ?? ""));
    } else if (!url.pathname.startsWith(paths.restPrefix)) {
      problems.push(`${method} ${url.pathname}: not under the REST prefix ${paths.restPrefix}`);
    } else {
      const check = checkRestRequest(method, url.pathname.slice(paths.restPrefix.length), url.searchParams);
      problems.push(...check.problems);
      template = check.template;
    }
    const i = faults.findIndex((f) => f.match(request));
    if (i >= 0) {
      const { fault } = faults.splice(i, 1)[0] as { fault: Fault };
      return [fault.status, fault.body ?? { message: "fault" }, fault.headers ?? {}] as const;
    }
    const res = fake.handle({ method, url: url.pathname + url.search, body: text });
    if (parsed !== null) {
      const data = (res.body as { data?: unknown }).data;
      if (data !== null && data !== undefined)
        problems.push(...checkAnswer(parsed.query ?? "", request.variables ?? {}, data));
    } else if (template !== null) {
      problems.push(...checkRestResponse(method, template, res.status, res.body));
    }
    return [res.status, res.body as nock.Body, res.headers] as const;
  }

  const scope = nock(origin)
    .persist()
    .get(() => true)
    .reply(function (uri, body) {
      return handle("GET", uri, body, this.req.headers.authorization);
    })
    .post(() => true)
    .reply(function (uri, body) {
      return handle("POST", uri, body, this.req.headers.authorization);
    });

  return {
    fake,
    requests,
    problems,
    fail(match, ...list) {
      for (const fault of list) faults.push({ match, fault });
    },
    done() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
