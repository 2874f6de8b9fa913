import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProvenanceError } from "../../app/errors.js";
import { DEFAULT_CONFIG } from "../../app/policy/config-schema.js";
import { loadConfigFile, parseConfig } from "../../app/policy/load-config.js";

function badConfig(text: string): ProvenanceError {
  try {
    parseConfig(text, "agent-provenance.yml");
  } catch (err) {
    if (err instanceof ProvenanceError) return err;
    throw err;
  }
  throw new Error("expected the config to be rejected");
}

describe("parseConfig", () => {
  it("treats an empty file as all defaults", () => {
    expect(parseConfig("", "x.yml")).toEqual(DEFAULT_CONFIG);
    expect(parseConfig("# only a comment\n", "x.yml")).toEqual(DEFAULT_CONFIG);
  });

  it("fills defaults around what is set", () => {
    const cfg = parseConfig("policy:\n  block_on_unknown: true\n", "x.yml");
    expect(cfg.policy.block_on_unknown).toBe(true);
    expect(cfg.policy.warn.unknown_share).toBe(0);
    expect(cfg.attribution.label_prefix).toBe("agent:");
  });

  it("reads attribution maps", () => {
    const cfg = parseConfig(
      [
        "attribution:",
        "  label_prefix: 'ai:'",
        "  logins: { 'acme-coder[bot]': acme-coder, 'ci-helper[bot]': null }",
        "  branch_prefixes: { 'ai/': acme-coder }",
        "  agents: [acme-coder]",
      ].join("\n"),
      "x.yml",
    );
    expect(cfg.attribution.logins).toEqual({ "acme-coder[bot]": "acme-coder", "ci-helper[bot]": null });
    expect(cfg.attribution.branch_prefixes).toEqual({ "ai/": "acme-coder" });
  });

  it.each([
    [
      "policy:\n  block_on_unknwn: true\n",
      'agent-provenance.yml: policy: Unrecognized key: "block_on_unknwn"',
    ],
    [
      "policy:\n  block_on_unknown: 'yes please'\n",
      "agent-provenance.yml: policy.block_on_unknown: Invalid input: expected boolean",
    ],
    ["policy:\n  warn:\n    agent_share: 1.5\n", "agent-provenance.yml: policy.warn.agent_share: Too big"],
    [
      "policy:\n  invalid_signature: maybe\n",
      "agent-provenance.yml: policy.invalid_signature: Invalid option",
    ],
    [
      "attribution:\n  agents: ['Not An Id']\n",
      "agent-provenance.yml: attribution.agents.0: agent ids are lower-case",
    ],
    ["- just\n- a list\n", "agent-provenance.yml: (top level): Invalid input: expected object"],
  ])("rejects %j with file, key and reason", (text, expected) => {
    const err = badConfig(text);
    expect(err.code).toBe("BAD_CONFIG");
    expect(err.message).toContain(expected);
  });

  it("rejects YAML syntax errors and duplicate keys", () => {
    expect(badConfig("policy: [unclosed\n").message).toMatch(/agent-provenance.yml: not valid YAML/);
    expect(badConfig("policy: {}\npolicy: {}\n").message).toMatch(/not valid YAML/);
  });
});

describe("loadConfigFile", () => {
  it("names a missing file", async () => {
    await expect(loadConfigFile("/nonexistent/agent-provenance.yml")).rejects.toMatchObject({
      code: "BAD_CONFIG",
      message: expect.stringContaining("/nonexistent/agent-provenance.yml: cannot read"),
    });
  });

  it("refuses a directory and an oversized file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ap-config-"));
    await expect(loadConfigFile(dir)).rejects.toMatchObject({ code: "BAD_CONFIG" });
    const big = join(dir, "big.yml");
    await writeFile(big, "#".repeat(300 * 1024));
    await expect(loadConfigFile(big)).rejects.toThrow(/over the .*-byte limit/);
  });
});
