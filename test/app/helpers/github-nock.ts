/**
 * GitHub answered by nock, for the App's tests. Every request is recorded;
 * `assertValidRequests()` checks each REST body we sent against GitHub's
 * OpenAPI description and each GraphQL document against GitHub's schema.
 */
import nock from "nock";
import { expect } from "vitest";
import { graphqlErrors } from "../../helpers/graphql-validator.js";
import { requestBodyErrors } from "../../helpers/openapi-validator.js";
import { INSTALLATION_ID, OWNER, REPO } from "../../../fixtures/webhooks/payloads.js";

export const API = "https://api.github.com";
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

function parse(body: string | undefined): unknown {
  if (body === undefined || body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export class GitHubNock {
  readonly calls: Call[] = [];
  readonly scope: nock.Scope;
  readonly #prefix: string;

  /** `origin` and `prefix`: GitHub Enterprise Server answers at `${protocol}://${host}/api/v3`. */
  constructor(origin = API, prefix = "") {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    this.#prefix = prefix;
    this.scope = nock(origin);
    this.scope.on("request", (req: { method: string; path: string }, _i: unknown, body: string) => {
      this.calls.push({ method: req.method, path: req.path, body: parse(body) });
    });
    nock(origin)
      .persist()
      .post(`${prefix}/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, {
        token: "ghs_test_token",
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { checks: "write", contents: "read", pull_requests: "read", metadata: "read" },
        repository_selection: "all",
      });
  }

  /** POST check-runs answered with `status` (201 → a check run with `id`). */
  createCheckRun(id: number, status = 201, body?: unknown, headers?: Record<string, string>): this {
    this.scope
      .post(`${this.#prefix}${REPO_PATH}/check-runs`)
      .reply(
        status,
        body ?? (status === 201 ? { id, status: "in_progress" } : { message: "error" }),
        headers,
      );
    return this;
  }

  /** PATCH check-runs/{id}, `times` times. */
  updateCheckRun(id: number, times = 1, status = 200, body?: unknown): this {
    this.scope
      .patch(`${this.#prefix}${REPO_PATH}/check-runs/${id}`)
      .times(times)
      .reply(status, body ?? (status === 200 ? { id } : { message: "error" }));
    return this;
  }

  /** The pull request the scenario source asks for. */
  pullRequest(number: number, status = 200, times = 1): this {
    this.scope
      .get(`${this.#prefix}${REPO_PATH}/pulls/${number}`)
      .times(times)
      .reply(status, status === 200 ? { number, state: "open" } : { message: "Not Found" });
    return this;
  }

  /** `.github/agent-provenance.yml` on the default branch: YAML text, or absent (404, also from the org's .github repo). */
  config(yaml: string | null): this {
    const file = /\/contents\/\.github(%2F|\/)agent-provenance\.yml/;
    if (yaml === null) {
      this.scope
        .get((p) => p.startsWith(`${this.#prefix}${REPO_PATH}/`) && file.test(p))
        .reply(404, { message: "Not Found" });
      this.scope
        .get((p) => p.startsWith(`${this.#prefix}/repos/${OWNER}/.github/`) && file.test(p))
        .reply(404, { message: "Not Found" });
    } else {
      this.scope
        .get((p) => p.startsWith(`${this.#prefix}${REPO_PATH}/`) && file.test(p))
        .reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
    }
    return this;
  }

  /** Requests to one route ("POST", "/check-runs"). */
  sent(method: string, pathPart: string | RegExp): Call[] {
    return this.calls.filter(
      (c) =>
        c.method === method &&
        (typeof pathPart === "string" ? c.path.includes(pathPart) : pathPart.test(c.path)),
    );
  }

  /** Every check-run create and update body, in order. */
  checkRunWrites(): Call[] {
    return this.calls.filter(
      (c) => /\/check-runs(\/\d+)?$/.test(c.path.split("?")[0] ?? "") && c.method !== "GET",
    );
  }

  async assertValidRequests(): Promise<void> {
    for (const call of this.calls) {
      if (call.method === "POST" && call.path.split("?")[0] === "/graphql") {
        const query = (call.body as { query?: string } | undefined)?.query ?? "";
        expect(await graphqlErrors(query), `GraphQL ${query.slice(0, 60)}`).toEqual([]);
      } else if (
        (call.method === "POST" || call.method === "PATCH") &&
        !call.path.includes("/app/installations/")
      ) {
        expect(requestBodyErrors(call.method, call.path, call.body), `${call.method} ${call.path}`).toEqual(
          [],
        );
      }
    }
  }

  /** All interceptors were used. */
  assertDone(): void {
    expect(this.scope.pendingMocks()).toEqual([]);
  }
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
