import { generateKeyPairSync } from "node:crypto";
import type { AttributionConfig } from "../../app/attribution/attribution-config.js";
import { DEFAULT_ATTRIBUTION_CONFIG } from "../../app/attribution/attribution-config.js";
import type { Account, Commit, GitIdentity, PullRequestMeta } from "../../app/model/snapshot.js";

export const TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
export const OTHER_TREE = "9c1185a5c5e9fc54612808977ee8f548b2258d31";

export function person(name: string, email: string, login: string | null = null): GitIdentity {
  return { name, email, login, date: "2025-01-01T00:00:00Z" };
}

export const ALICE = person("Alice Example", "alice@example.com", "alice");

export interface CommitInput {
  message?: string;
  author?: GitIdentity;
  committer?: GitIdentity;
  notes?: string | null;
  tree?: string;
}

export function makeCommit(input: CommitInput = {}): Commit {
  const author = input.author ?? ALICE;
  return {
    sha: "a".repeat(40),
    tree: input.tree ?? TREE,
    parents: ["b".repeat(40)],
    author,
    committer: input.committer ?? author,
    message: input.message ?? "Change something\n",
    notes: input.notes ?? null,
  };
}

export function config(over: Partial<AttributionConfig> = {}): AttributionConfig {
  return { ...DEFAULT_ATTRIBUTION_CONFIG, ...over };
}

export function account(login: string, type: Account["type"] = "User"): Account {
  return { login, type };
}

export function makePr(over: Partial<PullRequestMeta> = {}): PullRequestMeta {
  return {
    number: 7,
    title: "Improve parser",
    body: "",
    headRef: "feature/parser",
    baseRef: "main",
    author: account("alice"),
    labels: [],
    draft: false,
    url: null,
    ...over,
  };
}

export interface TestKeys {
  privatePem: string;
  publicPem: string;
  /** base64 of the raw 32-byte public key. */
  rawB64: string;
  /** base64 of the SPKI DER. */
  spkiB64: string;
}

export function ed25519Keys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ format: "der", type: "spki" });
  return {
    privatePem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    rawB64: spki.subarray(12).toString("base64"),
    spkiB64: spki.toString("base64"),
  };
}
