/**
 * The one schema for `.github/agent-provenance.yml` (and `--config FILE`).
 * Unknown keys are errors, so a typo never silently turns a rule off.
 */
import { z } from "zod";

const agentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "agent ids are lower-case letters, digits, '.', '_' or '-'");
const share = z.number().min(0).max(1);
const level = z.enum(["info", "warn", "block"]);

export const attributionSchema = z
  .object({
    /** PR label prefix that declares an agent ("agent:claude-code"). */
    label_prefix: z.string().min(1).max(50).default("agent:"),
    /** Attribute a PR's unmarked commits to the agent the PR itself names. */
    pr_markers: z.boolean().default(true),
    /** GitHub login → agent id; null marks a login as non-agent automation. */
    logins: z.record(z.string().min(1), agentId.nullable()).default({}),
    /** Commit e-mail → agent id; null marks it as non-agent automation. */
    emails: z.record(z.string().min(3), agentId.nullable()).default({}),
    /** Head-branch prefix → agent id, e.g. "ai/": my-agent. */
    branch_prefixes: z.record(z.string().min(2), agentId).default({}),
    /** Exact PR-body marker (e.g. an HTML comment) → agent id. */
    body_markers: z.record(z.string().min(4), agentId).default({}),
    /** Agent ids this organisation uses besides the built-in ones. */
    agents: z.array(agentId).default([]),
    /** Agent id → Ed25519 public key (base64 raw key or SPKI), merged with PROVENANCE_AGENT_PUBLIC_KEYS. */
    agent_public_keys: z.record(agentId, z.string().min(40)).default({}),
  })
  .strict();

const findingLevel = z.enum(["note", "warning", "error", "never"]);

/** Findings at or above `warn` warn, at or above `block` block ("never" turns a step off). */
const findingThresholds = z
  .object({
    warn: findingLevel.default("warning"),
    block: findingLevel.default("error"),
  })
  .strict();

export const detectionSchema = z
  .object({
    /** Run the rules at all. */
    enabled: z.boolean().default(true),
    /** Which findings count: on added lines (default), anywhere in a changed hunk, anywhere in a changed file. */
    filter: z.enum(["added", "context", "file"]).default("added"),
    /** Run the bundled rule pack (rules/). */
    bundled_rules: z.boolean().default(true),
  })
  .strict();

export const policySchema = z
  .object({
    /** Block when any added line has no known author class. */
    block_on_unknown: z.boolean().default(false),
    warn: z
      .object({
        /** Warn when more than this share of added lines has unknown authorship. */
        unknown_share: share.default(0),
        /** Warn when agents wrote more than this share of the added lines (null: never). */
        agent_share: share.nullable().default(null),
      })
      .strict()
      .default({ unknown_share: 0, agent_share: null }),
    /** When non-empty, lines by any other agent block the pull request. */
    allowed_agents: z.array(agentId).default([]),
    /** What an Agent-Signature that fails verification (possible spoofing) does to the verdict. */
    invalid_signature: level.default("block"),
    /** Severity thresholds for findings, with stricter or looser ones for lines a given agent wrote. */
    findings: findingThresholds
      .extend({
        /** Per-agent overrides; a key left out inherits the global setting. */
        agents: z
          .record(
            agentId,
            z.object({ warn: findingLevel.optional(), block: findingLevel.optional() }).strict(),
          )
          .default({}),
      })
      .strict()
      .default({ warn: "warning", block: "error", agents: {} }),
    /** What it does to the verdict when the detection engine fails (fail closed by default). */
    detection_failure: level.default("block"),
    /** What rules the engine could not run do to the verdict (they are always listed). */
    unsupported_rules: level.default("info"),
  })
  .strict();

/** A conclusion a verdict may map to; `action_required` stays reserved for pending human decisions. */
const conclusion = z.enum(["success", "neutral", "failure"]);

/** How the GitHub App reports on its check run (the CLI ignores this section). */
export const checkRunSchema = z
  .object({
    /** Verdict → check-run conclusion. */
    conclusions: z
      .object({
        allow: conclusion.default("success"),
        warn: conclusion.default("neutral"),
        block: conclusion.default("failure"),
      })
      .strict()
      .default({ allow: "success", warn: "neutral", block: "failure" }),
    /** Also annotate agent-written line spans as `notice` (findings are always annotated). */
    agent_annotations: z.boolean().default(false),
  })
  .strict();

export const configSchema = z
  .object({
    attribution: attributionSchema.default(attributionSchema.parse({})),
    detection: detectionSchema.default(detectionSchema.parse({})),
    policy: policySchema.default(policySchema.parse({})),
    check_run: checkRunSchema.default(checkRunSchema.parse({})),
  })
  .strict();

export type ProvenanceConfig = z.infer<typeof configSchema>;
export type PolicyConfig = ProvenanceConfig["policy"];
export type CheckRunConfig = ProvenanceConfig["check_run"];
export type FindingThreshold = z.infer<typeof findingLevel>;

export const DEFAULT_CONFIG: ProvenanceConfig = configSchema.parse({});
