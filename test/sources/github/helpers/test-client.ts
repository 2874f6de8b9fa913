/** A GitHubClient over a real `@octokit/core` Octokit aimed at the nock'd fake, with recorded sleeps and logs. */
import { Octokit } from "@octokit/core";
import {
  createGitHubClient,
  type CountingGitHubClient,
  type GitHubClientOptions,
} from "../../../../app/sources/github/create-github-client.js";
import { GHES_ORIGIN, GITHUB_ORIGIN } from "./mock-github.js";

export const TEST_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

export interface TestClient {
  client: CountingGitHubClient;
  sleeps: number[];
  logs: Array<{ level: "info" | "warn" | "debug"; message: string }>;
}

export function testClient(options: GitHubClientOptions & { enterprise?: boolean } = {}): TestClient {
  const { enterprise, ...clientOptions } = options;
  const octokit = new Octokit({
    baseUrl: enterprise === true ? `${GHES_ORIGIN}/api/v3` : GITHUB_ORIGIN,
    auth: TEST_TOKEN,
  });
  const sleeps: number[] = [];
  const logs: TestClient["logs"] = [];
  const client = createGitHubClient(octokit, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: {
      info: (message) => logs.push({ level: "info", message }),
      warn: (message) => logs.push({ level: "warn", message }),
      debug: (message) => logs.push({ level: "debug", message }),
    },
    ...clientOptions,
  });
  return { client, sleeps, logs };
}
