/**
 * zod schemas for a Semgrep rule file's flat fields. The operator tree
 * (`pattern*`, `match`) is recursive and is checked by parse-formula.ts,
 * which gives sharper messages than a recursive union would.
 */
import { z } from "zod";
import { RULE_SEVERITIES } from "./severity.js";

/** Keys holding a search formula; a search rule has exactly one. */
export const SEARCH_FORMULA_KEYS = [
  "pattern",
  "patterns",
  "pattern-either",
  "pattern-regex",
  "match",
] as const;

/** Keys of a taint rule (old `pattern-sources` style or the newer `taint:` block). */
export const TAINT_KEYS = [
  "pattern-sources",
  "pattern-sinks",
  "pattern-sanitizers",
  "pattern-propagators",
  "taint",
] as const;

/** Keys Semgrep accepts that do not change what a rule matches for us; kept in `raw` for the Semgrep process. */
const PASSTHROUGH_KEYS = [
  "fix",
  "fix-regex",
  "options",
  "version",
  "min-version",
  "max-version",
  "product",
  "join",
  "extract",
  "dest-language",
  "transform",
  "reduce",
  "r2c-internal-project-depends-on",
  "validators",
] as const;

const ruleModes = ["search", "taint", "join", "extract"] as const;
export type RuleMode = (typeof ruleModes)[number];

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? "required" : `expected ${what}`) });

const stringList = z.array(text("a string"), { error: "expected a list of strings" });

const optionalKeys = (keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, z.unknown().optional()])) as Record<
    string,
    z.ZodOptional<z.ZodUnknown>
  >;

export const ruleFieldsSchema = z
  .object({
    id: text("a string")
      .min(1, "must not be empty")
      .regex(/^[^\s,]+$/, "must not contain whitespace or commas"),
    message: text("a string").optional(),
    severity: z.enum(RULE_SEVERITIES, { error: `expected one of ${RULE_SEVERITIES.join(", ")}` }).optional(),
    languages: z
      .array(text("a language name").min(1, "must not be empty"), { error: "expected a list of languages" })
      .min(1, "must list at least one language")
      .optional(),
    mode: z.enum(ruleModes, { error: `expected one of ${ruleModes.join(", ")}` }).default("search"),
    paths: z
      .object(
        { include: stringList.optional(), exclude: stringList.optional() },
        { error: "expected a mapping" },
      )
      .strict()
      .optional(),
    metadata: z.record(z.string(), z.unknown(), { error: "expected a mapping" }).optional(),
    ...optionalKeys(SEARCH_FORMULA_KEYS),
    ...optionalKeys(TAINT_KEYS),
    ...optionalKeys(PASSTHROUGH_KEYS),
  })
  .strict();

/** Fields a rule of each mode must have (beyond `id`), as in Semgrep's rule schema. */
export function requiredFieldsFor(mode: unknown): readonly string[] {
  if (mode === "join") return ["message", "severity"];
  if (mode === "extract") return ["languages"];
  return ["message", "severity", "languages"];
}

export type RuleFields = z.infer<typeof ruleFieldsSchema>;

/** A rule file: a mapping with one key, `rules`, holding a list (each item checked on its own). */
export const ruleFileSchema = z
  .object(
    {
      rules: z.array(z.unknown(), {
        error: (issue) => (issue.input === undefined ? "required" : "expected a list"),
      }),
    },
    { error: "expected a mapping with a rules: list" },
  )
  .strict();
