import { describe, expect, it } from "vitest";
import { identifyCommit } from "../../app/attribution/identify-commit.js";
import {
  createSignatureVerifier,
  parseAgentPublicKeys,
  signTree,
  type SignatureStatus,
} from "../../app/attribution/signature.js";
import { ProvenanceError } from "../../app/errors.js";
import { config, ed25519Keys, makeCommit, OTHER_TREE, person, TREE } from "./helpers.js";

const claudeKeys = ed25519Keys();
const forgerKeys = ed25519Keys();
const goodSig = signTree(claudeKeys.privatePem, TREE);

function thrown(fn: () => unknown): ProvenanceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProvenanceError) return err;
    throw err;
  }
  throw new Error("expected a ProvenanceError");
}

describe("createSignatureVerifier", () => {
  const cases: {
    name: string;
    keys: Record<string, string>;
    agent: string;
    tree: string;
    sig: string;
    expected: SignatureStatus;
  }[] = [
    {
      name: "raw 32-byte key, valid",
      keys: { "claude-code": claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: goodSig,
      expected: "valid",
    },
    {
      name: "PEM key, valid",
      keys: { "claude-code": claudeKeys.publicPem },
      agent: "claude-code",
      tree: TREE,
      sig: goodSig,
      expected: "valid",
    },
    {
      name: "SPKI DER base64 key, valid",
      keys: { "claude-code": claudeKeys.spkiB64 },
      agent: "claude-code",
      tree: TREE,
      sig: goodSig,
      expected: "valid",
    },
    {
      name: "key configured under an alias",
      keys: { claude: claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: goodSig,
      expected: "valid",
    },
    {
      name: "signed by a different key",
      keys: { "claude-code": claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: signTree(forgerKeys.privatePem, TREE),
      expected: "invalid",
    },
    {
      name: "signature over a different tree",
      keys: { "claude-code": claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: signTree(claudeKeys.privatePem, OTHER_TREE),
      expected: "invalid",
    },
    {
      name: "malformed base64",
      keys: { "claude-code": claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: "not*base64!",
      expected: "malformed",
    },
    {
      name: "wrong signature length",
      keys: { "claude-code": claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: "AAAA",
      expected: "malformed",
    },
    {
      name: "no key for that agent",
      keys: { cursor: claudeKeys.rawB64 },
      agent: "claude-code",
      tree: TREE,
      sig: goodSig,
      expected: "no-key",
    },
  ];
  it.each(cases)("$name", ({ keys, agent, tree, sig, expected }) => {
    expect(createSignatureVerifier(keys).verify(agent, tree, sig)).toBe(expected);
  });

  it("rejects an unparseable key with BAD_KEY naming the agent, never the key", () => {
    const secretish = "Zm9vYmFyYmF6cXV4";
    const err = thrown(() => createSignatureVerifier({ "my-agent": secretish }));
    expect(err.code).toBe("BAD_KEY");
    expect(err.message).toContain("my-agent");
    expect(err.message).not.toContain(secretish);
  });

  it("rejects text that is not base64 or PEM", () => {
    expect(thrown(() => createSignatureVerifier({ cursor: "%%%" })).code).toBe("BAD_KEY");
  });
});

describe("signTree", () => {
  it("rejects a bad private key with BAD_KEY", () => {
    expect(
      thrown(() => signTree("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----", TREE)).code,
    ).toBe("BAD_KEY");
  });
});

describe("parseAgentPublicKeys", () => {
  it("parses a JSON map and normalises agent ids", () => {
    expect(parseAgentPublicKeys(`{"Claude": "${claudeKeys.rawB64}", "cursor": "k"}`)).toEqual({
      "claude-code": claudeKeys.rawB64,
      cursor: "k",
    });
  });
  it("treats blank as no keys", () => {
    expect(parseAgentPublicKeys("  ")).toEqual({});
  });
  it.each(['{"a": ', "[]", '"key"', '{"a": 1}', '{"a": ""}'])("rejects %s with BAD_KEY", (json) => {
    expect(thrown(() => parseAgentPublicKeys(json)).code).toBe("BAD_KEY");
  });
  it("does not echo the input on bad JSON", () => {
    const err = thrown(() => parseAgentPublicKeys(`{"claude": "${claudeKeys.rawB64}"`));
    expect(err.message).not.toContain(claudeKeys.rawB64);
    expect(err.cause).toBeUndefined();
  });
});

describe("identifyCommit with Agent-Signature", () => {
  const cfg = config();
  const verifier = createSignatureVerifier({ "claude-code": claudeKeys.rawB64 });
  const human = person("Alice", "alice@example.com");
  const withSig = (sig: string, tree = TREE, extra = ""): ReturnType<typeof identifyCommit> =>
    identifyCommit(
      makeCommit({ tree, author: human, message: `Add x\n\n${extra}Agent-Signature: claude-code ${sig}` }),
      cfg,
      verifier,
    );

  it("a verified signature gives confidence verified", () => {
    const got = withSig(goodSig);
    expect(got).toMatchObject({
      class: "agent",
      agent: "claude-code",
      source: "signature",
      confidence: "verified",
    });
    expect(got.invalidSignature).toBeNull();
    expect(got.evidence[0]).toEqual({
      kind: "signature",
      value: `Agent-Signature: claude-code ${goodSig}`,
      agent: "claude-code",
    });
  });

  it("a verified signature outranks a known agent author", () => {
    const got = identifyCommit(
      makeCommit({
        author: person("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"),
        message: `x\n\nAgent-Signature: claude-code ${goodSig}`,
      }),
      cfg,
      verifier,
    );
    expect(got).toMatchObject({ agent: "claude-code", confidence: "verified" });
    expect(got.evidence.map((e) => e.kind)).toContain("author-email");
  });

  it("a signature wrapped over continuation lines still verifies", () => {
    const got = identifyCommit(
      makeCommit({
        message: `x\n\nAgent-Signature: claude-code ${goodSig.slice(0, 40)}\n  ${goodSig.slice(40)}`,
      }),
      cfg,
      verifier,
    );
    expect(got.confidence).toBe("verified");
  });

  it("a forged signature grants nothing and is reported", () => {
    const got = withSig(signTree(forgerKeys.privatePem, TREE));
    expect(got).toMatchObject({ class: "human", agent: null });
    expect(got.invalidSignature?.agent).toBe("claude-code");
    expect(got.evidence.map((e) => e.kind)).toContain("signature-invalid");
  });

  it("a forged signature falls back to other evidence", () => {
    const got = withSig(
      signTree(forgerKeys.privatePem, TREE),
      TREE,
      "Co-authored-by: Cursor <cursoragent@cursor.com>\n",
    );
    expect(got).toMatchObject({ class: "agent", agent: "cursor", source: "trailer", confidence: "medium" });
    expect(got.invalidSignature).not.toBeNull();
  });

  it("a signature over a different tree is invalid", () => {
    const got = withSig(goodSig, OTHER_TREE);
    expect(got.invalidSignature).toMatchObject({ agent: "claude-code" });
    expect(got.invalidSignature?.reason).toContain(OTHER_TREE);
    expect(got.class).toBe("human");
  });

  it("malformed base64 is reported as malformed", () => {
    const got = withSig("@@not-base64@@");
    expect(got.invalidSignature?.reason).toMatch(/malformed/);
    expect(got.class).toBe("human");
  });

  it("no configured key: kept as unverified evidence, falls back", () => {
    const got = identifyCommit(
      makeCommit({ message: `x\n\nAgent-Signature: cursor ${goodSig}` }),
      cfg,
      createSignatureVerifier({}),
    );
    expect(got).toMatchObject({ class: "human", invalidSignature: null });
    expect(got.evidence).toContainEqual({
      kind: "signature-unverified",
      value: `Agent-Signature: cursor ${goodSig}`,
      agent: "cursor",
    });
  });

  it("a signature in a middle paragraph is ignored", () => {
    const got = identifyCommit(
      makeCommit({ message: `x\n\nAgent-Signature: claude-code ${goodSig}\n\nMore prose.` }),
      cfg,
      verifier,
    );
    expect(got).toMatchObject({ class: "human", invalidSignature: null, evidence: [] });
  });
});
