/**
 * The real HTTP server (app/server.ts) on port 0: webhook signatures are
 * checked by Probot (a wrong x-hub-signature-256 is refused), /healthz
 * answers, and `serve` refuses to start without the App's credentials.
 */
import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../app/cli/main.js";
import { parsePort, startServe, type ServeHandle } from "../../app/cli/serve.js";
import { checkRunEvent } from "../../fixtures/webhooks/payloads.js";
import { captureIo } from "../helpers/capture-io.js";
import { appEnv, WEBHOOK_SECRET } from "./helpers/app-harness.js";
import { GitHubNock, resetNock } from "./helpers/github-nock.js";

function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

let handle: ServeHandle | null = null;
let gh: GitHubNock;

beforeEach(() => {
  gh = new GitHubNock();
});

afterEach(async () => {
  await handle?.stop();
  handle = null;
  resetNock();
});

async function post(body: string, signature: string | null, event = "check_run"): Promise<Response> {
  if (handle === null) throw new Error("server not started");
  return fetch(`${handle.running.url}${handle.running.webhookPath}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": `d-${Math.random()}`,
      ...(signature !== null ? { "x-hub-signature-256": signature } : {}),
    },
    body,
  });
}

describe("agent-provenance serve: the HTTP server", () => {
  it("GET /healthz answers 200 with the version; unknown paths 404", async () => {
    handle = await startServe({ port: 0, host: "127.0.0.1", dryRun: true }, appEnv({ LOG_LEVEL: "fatal" }));
    const health = await fetch(`${handle.running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", version: expect.any(String) });
    expect((await fetch(`${handle.running.url}/nope`)).status).toBe(404);
    expect(handle.running.webhookPath).toBe("/api/github/webhooks");
  });

  it("a webhook with a wrong signature is refused (400) and starts nothing; a missing one too", async () => {
    handle = await startServe({ port: 0, host: "127.0.0.1", dryRun: false }, appEnv({ LOG_LEVEL: "fatal" }));
    const body = JSON.stringify(
      checkRunEvent({ action: "rerequested", headSha: "a".repeat(40), pullRequests: [1] }),
    );
    const wrong = await post(body, sign(body, "not-the-secret"));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/signature does not match/i);
    const missing = await post(body, null);
    expect(missing.status).toBe(400);
    expect(handle.provenance.runtime.pending.size).toBe(0);
    expect(gh.calls).toEqual([]);
  });

  it("a correctly signed webhook is accepted (200) at once", async () => {
    handle = await startServe({ port: 0, host: "127.0.0.1", dryRun: false }, appEnv({ LOG_LEVEL: "fatal" }));
    // Another app's check run: verified and handled (ignored) without any call to GitHub.
    const body = JSON.stringify(
      checkRunEvent({ action: "rerequested", headSha: "a".repeat(40), pullRequests: [1], name: "ci" }),
    );
    const ok = await post(body, sign(body, WEBHOOK_SECRET));
    expect(ok.status).toBe(200);
    expect(gh.calls).toEqual([]);
  });
});

describe("agent-provenance serve: the command", () => {
  it("refuses to start without APP_ID / PRIVATE_KEY / WEBHOOK_SECRET, saying which", async () => {
    const io = captureIo({ PATH: process.env["PATH"] });
    expect(await main(["serve", "--port", "0"], io)).toBe(2);
    expect(io.err).toContain("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) must be set");
    const noSecret = captureIo({ ...appEnv(), WEBHOOK_SECRET: "" });
    expect(await main(["serve", "--port", "0"], noSecret)).toBe(2);
    expect(noSecret.err).toContain("WEBHOOK_SECRET must be set");
  });

  it("validates --port and prints its usage", async () => {
    expect(() => parsePort("70000", undefined)).toThrow(/--port must be a number from 0 to 65535/);
    expect(() => parsePort("x", undefined)).toThrow(/--port/);
    expect(parsePort(undefined, "8080")).toBe(8080);
    expect(parsePort(undefined, undefined)).toBe(3000);
    const io = captureIo({});
    expect(await main(["serve", "--help"], io)).toBe(0);
    expect(io.out).toContain("usage: agent-provenance serve [--port N]");
    const usage = captureIo({});
    await main(["--help"], usage);
    expect(usage.out).toMatch(/^\s+serve\s+run the GitHub App/m);
  });
});

describe("agent-provenance serve: PROVENANCE_* settings", () => {
  it("a bad PROVENANCE_ENGINE stops it with the variable's name", async () => {
    const io = captureIo({ ...appEnv(), PROVENANCE_ENGINE: "fast" });
    expect(await main(["serve", "--port", "0"], io)).toBe(2);
    expect(io.err).toContain('PROVENANCE_ENGINE must be auto, semgrep or embedded (got "fast")');
  });
});
