/** Shared shape and runner of the table-driven identifyCommit cases. */
import { expect } from "vitest";
import type { AttributionConfig } from "../../app/attribution/attribution-config.js";
import { identifyCommit } from "../../app/attribution/identify-commit.js";
import { createSignatureVerifier } from "../../app/attribution/signature.js";
import type { AttributionSource, AuthorClass, Confidence } from "../../app/model/attribution.js";
import { config, makeCommit, type CommitInput } from "./helpers.js";

export interface Expected {
  class: AuthorClass;
  agent: string | null;
  source: AttributionSource;
  confidence: Confidence;
  /** Evidence kinds that must be present. */
  kinds?: string[];
}

export interface Case {
  name: string;
  commit: CommitInput;
  cfg?: Partial<AttributionConfig>;
  expected: Expected;
}

export const human: Expected = { class: "human", agent: null, source: "author", confidence: "high" };
export const bot: Expected = { class: "bot", agent: null, source: "author", confidence: "high" };
export const agent = (
  id: string,
  source: AttributionSource,
  confidence: Confidence,
  kinds?: string[],
): Expected => ({
  class: "agent",
  agent: id,
  source,
  confidence,
  ...(kinds ? { kinds } : {}),
});

export const NOTE = [
  "src/a.ts",
  "  1111aaaa2222bbbb 1-10",
  "---",
  JSON.stringify({
    schema_version: "authorship/3.0.0",
    base_commit_sha: "c".repeat(40),
    prompts: {
      "1111aaaa2222bbbb": { agent_id: { tool: "cursor", model: "sonnet-4.5" }, human_author: "Alice" },
    },
  }),
].join("\n");

export function run(c: Case): void {
  const verifier = createSignatureVerifier({});
  const got = identifyCommit(makeCommit(c.commit), config(c.cfg), verifier);
  expect({ class: got.class, agent: got.agent, source: got.source, confidence: got.confidence }).toEqual({
    class: c.expected.class,
    agent: c.expected.agent,
    source: c.expected.source,
    confidence: c.expected.confidence,
  });
  for (const kind of c.expected.kinds ?? []) expect(got.evidence.map((e) => e.kind)).toContain(kind);
  expect(got.invalidSignature).toBeNull();
}
