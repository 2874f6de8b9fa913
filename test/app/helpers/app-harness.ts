/**
 * The App inside a real Probot (built by createAppProbot from Probot's
 * environment variables), driven with `probot.receive()`; GitHub is nock.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Probot } from "probot";
import { createAppProbot } from "../../../app/app/create-app-probot.js";
import type { AppSettings } from "../../../app/app/app-runtime.js";
import { createProvenanceApp, type ProvenanceApp } from "../../../app/index.js";
import { captureLog, type CapturedLog } from "./capture-log.js";

let privateKey: string | null = null;

export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ format: "pem", type: "pkcs1" })
    .toString();
  return privateKey;
}

export const WEBHOOK_SECRET = "test-webhook-secret";

export function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    APP_ID: "123",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET,
    PATH: process.env["PATH"],
    ...extra,
  };
}

export interface Harness {
  probot: Probot;
  provenance: ProvenanceApp;
  log: CapturedLog;
  /** Deliver a webhook and wait until every analysis it started has ended. */
  deliver(name: string, payload: Record<string, unknown>): Promise<void>;
  /** Deliver a webhook without waiting for the analysis. */
  receive(name: string, payload: Record<string, unknown>): Promise<void>;
}

let delivery = 0;

export async function createHarness(
  settings: Partial<AppSettings>,
  env: NodeJS.ProcessEnv = appEnv(),
): Promise<Harness> {
  const log = captureLog(process.env["TEST_PRINT_LOG"] === "1");
  const probot = createAppProbot({ env, retryAfterBaseMs: 1, overrides: { log: log.logger } });
  const provenance = createProvenanceApp({ engine: "embedded", ...settings }, env);
  await probot.load(provenance.app, { cwd: process.cwd(), addHandler: () => undefined });
  const receive = async (name: string, payload: Record<string, unknown>): Promise<void> => {
    delivery += 1;
    await probot.receive({ id: `delivery-${delivery}`, name, payload } as Parameters<Probot["receive"]>[0]);
  };
  return {
    probot,
    provenance,
    log,
    receive,
    deliver: async (name, payload) => {
      await receive(name, payload);
      await provenance.runtime.pending.idle();
    },
  };
}
