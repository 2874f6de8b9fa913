import { createHash } from "node:crypto";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRulePack, packDigest } from "../../app/detection/load-rules.js";
import { parseRuleFileText } from "../../app/detection/parse-rule-file.js";
import { ProvenanceError } from "../../app/errors.js";

const RULE = (extra: string, id = "r1") =>
  `rules:\n  - id: ${id}\n    message: msg\n    severity: ERROR\n    languages: [python]\n${extra}`;

function problems(text: string): string[] {
  return parseRuleFileText(text, "rules.yml").problems;
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "rules-"));
}

async function badRules(path: string): Promise<ProvenanceError> {
  try {
    await loadRulePack(path);
  } catch (err) {
    if (err instanceof ProvenanceError) return err;
    throw err;
  }
  throw new Error("expected BAD_RULES");
}

describe("parseRuleFileText: good rules", () => {
  it("reads a classic patterns rule into a Formula tree", () => {
    const text = RULE(
      [
        "    metadata: { cwe: [CWE-95] }",
        "    paths: { include: ['src/'], exclude: ['*_test.py'] }",
        "    fix: safe_eval($X)",
        "    options: { symbolic_propagation: true }",
        "    patterns:",
        "      - pattern-inside: |",
        "          def $F(...):",
        "            ...",
        "      - pattern-either:",
        "          - pattern: eval($X)",
        "          - pattern-regex: exec\\(",
        "      - pattern-not: eval('...')",
        "      - pattern-not-regex: '# nosec'",
        "      - pattern-not-inside: { patterns: [{ pattern: 'if safe: ...' }] }",
        "      - metavariable-regex: { metavariable: $X, regex: '^user' }",
        "      - metavariable-pattern:",
        "          metavariable: $X",
        "          language: generic",
        "          pattern-either: [{ pattern: request }, { pattern-regex: 'input.*' }]",
        "      - metavariable-comparison: { metavariable: $N, comparison: $N > 3 }",
        "      - focus-metavariable: [$X]",
        "",
      ].join("\n"),
    );
    const { rules, problems } = parseRuleFileText(text, "rules.yml");
    expect(problems).toEqual([]);
    const [rule] = rules;
    expect(rule).toMatchObject({
      id: "r1",
      message: "msg",
      severity: "ERROR",
      level: "error",
      languages: ["python"],
      mode: "search",
      paths: { include: ["src/"], exclude: ["*_test.py"] },
      metadata: { cwe: ["CWE-95"] },
      source: { file: "rules.yml", index: 0 },
    });
    expect(rule?.raw["fix"]).toBe("safe_eval($X)");
    expect(rule?.formula).toEqual({
      kind: "all",
      positives: [
        {
          kind: "either",
          branches: [
            { kind: "pattern", pattern: "eval($X)" },
            { kind: "regex", regex: "exec\\(" },
          ],
        },
      ],
      inside: [{ kind: "pattern", pattern: "def $F(...):\n  ...\n" }],
      negatives: [
        { kind: "pattern", pattern: "eval('...')" },
        { kind: "regex", regex: "# nosec" },
      ],
      notInside: [
        {
          kind: "all",
          positives: [{ kind: "pattern", pattern: "if safe: ..." }],
          inside: [],
          negatives: [],
          notInside: [],
          conditions: [],
          focus: [],
        },
      ],
      conditions: [
        { kind: "metavariable-regex", metavariable: "$X", regex: "^user" },
        {
          kind: "metavariable-pattern",
          metavariable: "$X",
          language: "generic",
          formula: {
            kind: "either",
            branches: [
              { kind: "pattern", pattern: "request" },
              { kind: "regex", regex: "input.*" },
            ],
          },
        },
        { kind: "unsupported", operator: "metavariable-comparison" },
      ],
      focus: ["$X"],
    });
  });

  it("reads pattern, pattern-regex and focus-metavariable as a string", () => {
    expect(parseRuleFileText(RULE("    pattern: os.system(...)\n"), "f").rules[0]?.formula).toEqual({
      kind: "pattern",
      pattern: "os.system(...)",
    });
    expect(parseRuleFileText(RULE("    pattern-regex: 'AKIA[0-9A-Z]{16}'\n"), "f").rules[0]?.formula).toEqual(
      {
        kind: "regex",
        regex: "AKIA[0-9A-Z]{16}",
      },
    );
    const focus = parseRuleFileText(
      RULE("    patterns: [{ pattern: f($X) }, { focus-metavariable: $X }]\n"),
      "f",
    );
    expect(focus.rules[0]?.formula).toMatchObject({ kind: "all", focus: ["$X"] });
  });

  it("reads the match: syntax", () => {
    const text = RULE(
      [
        "    match:",
        "      all:",
        "        - foo($A)",
        "        - not: foo(1)",
        "        - not: { inside: 'if ok: ...' }",
        "        - inside: 'def $F(...): ...'",
        "      where:",
        "        - metavariable: $A",
        "          regex: '^x'",
        "        - metavariable: $A",
        "          language: generic",
        "          any: [a, { regex: b }]",
        "        - comparison: $A > 1",
        "        - focus: $A",
        "",
      ].join("\n"),
    );
    const { rules, problems } = parseRuleFileText(text, "f");
    expect(problems).toEqual([]);
    expect(rules[0]?.mode).toBe("search");
    expect(rules[0]?.formula).toEqual({
      kind: "all",
      positives: [{ kind: "pattern", pattern: "foo($A)" }],
      inside: [{ kind: "pattern", pattern: "def $F(...): ..." }],
      negatives: [{ kind: "pattern", pattern: "foo(1)" }],
      notInside: [{ kind: "pattern", pattern: "if ok: ..." }],
      conditions: [
        { kind: "metavariable-regex", metavariable: "$A", regex: "^x" },
        {
          kind: "metavariable-pattern",
          metavariable: "$A",
          language: "generic",
          formula: {
            kind: "either",
            branches: [
              { kind: "pattern", pattern: "a" },
              { kind: "regex", regex: "b" },
            ],
          },
        },
        { kind: "unsupported", operator: "metavariable-comparison" },
      ],
      focus: ["$A"],
    });
  });

  it("marks match: constructs it cannot express as unsupported-syntax", () => {
    const { rules, problems } = parseRuleFileText(RULE("    match: { anywhere: foo() }\n"), "f");
    expect(problems).toEqual([]);
    expect(rules[0]?.mode).toBe("unsupported-syntax");
  });

  it("loads taint rules with mode taint", () => {
    const text = [
      "rules:",
      "  - id: t",
      "    mode: taint",
      "    message: m",
      "    severity: WARNING",
      "    languages: [python]",
      "    pattern-sources: [{ pattern: input() }]",
      "    pattern-sanitizers: [{ pattern: escape(...) }]",
      "    pattern-sinks: [{ patterns: [{ pattern: os.system($X) }, { focus-metavariable: $X }] }]",
      "",
    ].join("\n");
    const { rules, problems } = parseRuleFileText(text, "f");
    expect(problems).toEqual([]);
    expect(rules[0]).toMatchObject({
      mode: "taint",
      level: "warning",
      formula: { kind: "either", branches: [] },
    });
  });

  it("accepts an empty rules list", () => {
    expect(parseRuleFileText("rules: []\n", "f")).toEqual({ rules: [], problems: [] });
  });

  it.each([
    ["CRITICAL", "error"],
    ["HIGH", "error"],
    ["ERROR", "error"],
    ["MEDIUM", "warning"],
    ["WARNING", "warning"],
    ["LOW", "note"],
    ["INFO", "note"],
    ["INVENTORY", "note"],
    ["EXPERIMENT", "note"],
  ])("maps severity %s to level %s", (severity, level) => {
    const text = RULE("    pattern: x\n").replace("severity: ERROR", `severity: ${severity}`);
    expect(parseRuleFileText(text, "f").rules[0]?.level).toBe(level);
  });
});

describe("parseRuleFileText: bad rules, with the exact message", () => {
  it.each([
    [
      "rules:\n  - id: a\n   message: x\n",
      ["rules.yml:3:1: not valid YAML: Sequence item without - indicator"],
    ],
    ["rules:\n  - id: a\n  - id: a\n    id: b\n", ["rules.yml:4:5: not valid YAML: Map keys must be unique"]],
    ["- id: a\n", ["rules.yml: expected a mapping with a rules: list"]],
    ["rulez: []\n", ["rules.yml: rules: required", "rules.yml: rulez: unknown key"]],
    ["rules: {}\n", ["rules.yml: rules: expected a list"]],
    ["rules:\n  - just a string\n", ["rules.yml: rule #0: (rule): expected a mapping"]],
    [
      "rules:\n  - id: x\n",
      [
        "rules.yml: rule x: message: required",
        "rules.yml: rule x: severity: required",
        "rules.yml: rule x: languages: required",
        "rules.yml: rule x: (rule): one of pattern, patterns, pattern-either, pattern-regex, match is required",
      ],
    ],
    [RULE("    pattern: x\n").replace("    message: msg\n", ""), ["rules.yml: rule r1: message: required"]],
    [
      RULE("    pattern: x\n").replace("id: r1", "id: 'two words'"),
      ["rules.yml: rule two words: id: must not contain whitespace or commas"],
    ],
    [
      RULE("    pattern: x\n").replace("severity: ERROR", "severity: SEVERE"),
      [
        "rules.yml: rule r1: severity: expected one of CRITICAL, HIGH, ERROR, MEDIUM, WARNING, LOW, INFO, INVENTORY, EXPERIMENT",
      ],
    ],
    [
      RULE("    pattern: x\n").replace("[python]", "python"),
      ["rules.yml: rule r1: languages: expected a list of languages"],
    ],
    [
      RULE("    pattern: x\n").replace("[python]", "[]"),
      ["rules.yml: rule r1: languages: must list at least one language"],
    ],
    [
      RULE("    pattern: x\n    mode: fast\n"),
      ["rules.yml: rule r1: mode: expected one of search, taint, join, extract"],
    ],
    [
      RULE("    patern: x\n"),
      [
        "rules.yml: rule r1: patern: unknown key",
        "rules.yml: rule r1: (rule): one of pattern, patterns, pattern-either, pattern-regex, match is required",
      ],
    ],
    [
      RULE("    pattern: x\n    pattern-regex: y\n"),
      [
        "rules.yml: rule r1: (rule): only one of pattern, patterns, pattern-either, pattern-regex, match is allowed (found pattern, pattern-regex)",
      ],
    ],
    [RULE("    pattern: 3\n"), ["rules.yml: rule r1: pattern: expected a pattern (a string)"]],
    [RULE("    pattern: ''\n"), ["rules.yml: rule r1: pattern: must not be empty"]],
    [RULE("    patterns: []\n"), ["rules.yml: rule r1: patterns: must not be empty"]],
    [RULE("    patterns: { pattern: x }\n"), ["rules.yml: rule r1: patterns: expected a list"]],
    [
      RULE("    patterns:\n      - pattern: x\n        pattern-not: y\n"),
      ["rules.yml: rule r1: patterns.0: expected exactly one operator, found pattern, pattern-not"],
    ],
    [
      RULE("    patterns:\n      - pattern: x\n      - pattern-nto: y\n"),
      ['rules.yml: rule r1: patterns.1.pattern-nto: unknown operator "pattern-nto"'],
    ],
    [
      RULE("    pattern-either:\n      - pattern-not: y\n"),
      [
        "rules.yml: rule r1: pattern-either.0.pattern-not: operator not allowed in pattern-either (use pattern, patterns, pattern-either, pattern-regex or pattern-inside)",
      ],
    ],
    [
      RULE("    patterns:\n      - pattern: x\n      - metavariable-regex: { metavariable: X, regex: 1 }\n"),
      [
        'rules.yml: rule r1: patterns.1.metavariable-regex.metavariable: expected a metavariable such as "$X"',
        "rules.yml: rule r1: patterns.1.metavariable-regex.regex: expected a regular expression (a string)",
      ],
    ],
    [
      RULE(
        "    patterns:\n      - pattern: x\n      - metavariable-regex: { metavariable: $X, regex: a, regx: b }\n",
      ),
      ["rules.yml: rule r1: patterns.1.metavariable-regex.regx: unknown key"],
    ],
    [
      RULE("    patterns:\n      - pattern: x\n      - metavariable-pattern: { metavariable: $X }\n"),
      [
        "rules.yml: rule r1: patterns.1.metavariable-pattern: expected exactly one of pattern, patterns, pattern-either, pattern-regex",
      ],
    ],
    [
      RULE("    patterns:\n      - pattern: x\n      - focus-metavariable: X\n"),
      ['rules.yml: rule r1: patterns.1.focus-metavariable: expected a metavariable such as "$X"'],
    ],
    [
      RULE("    pattern: x\n    paths: { include: src }\n"),
      ["rules.yml: rule r1: paths.include: expected a list of strings"],
    ],
    [RULE("    pattern: x\n    paths: { only: [src] }\n"), ["rules.yml: rule r1: paths.only: unknown key"]],
    [RULE("    pattern: x\n    metadata: [a]\n"), ["rules.yml: rule r1: metadata: expected a mapping"]],
    [
      RULE("    pattern: x\n    pattern-sinks: [{ pattern: y }]\n"),
      ["rules.yml: rule r1: pattern-sinks: only allowed with mode: taint"],
    ],
    [
      RULE("    mode: taint\n    pattern-sources: [{ pattern: y }]\n"),
      ["rules.yml: rule r1: pattern-sinks: required"],
    ],
    [
      RULE("    mode: taint\n    pattern: x\n    pattern-sources: []\n    pattern-sinks: [{ pattern: y }]\n"),
      [
        "rules.yml: rule r1: pattern: not allowed with mode: taint",
        "rules.yml: rule r1: pattern-sources: expected a non-empty list",
      ],
    ],
    [
      RULE("    match: { all: [a], any: [b] }\n"),
      [
        "rules.yml: rule r1: match: expected exactly one of pattern, regex, all, any, not, inside, anywhere, taint (found all, any)",
      ],
    ],
    [
      RULE("    match: { pattern: a, where: [{ metavariable: $X, regex: '' }] }\n"),
      ["rules.yml: rule r1: match.where.0.regex: must not be empty"],
    ],
  ])("%j", (text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it("reports every bad rule in the file, naming rules by id or #index", () => {
    const text =
      "rules:\n  - id: a\n    message: m\n  - message: m\n    severity: ERROR\n    languages: [go]\n    pattern: x\n";
    expect(problems(text)).toEqual([
      "rules.yml: rule a: severity: required",
      "rules.yml: rule a: languages: required",
      "rules.yml: rule a: (rule): one of pattern, patterns, pattern-either, pattern-regex, match is required",
      "rules.yml: rule #1: id: required",
    ]);
  });
});

describe("loadRulePack", () => {
  it("loads a directory recursively, skipping hidden entries, symlinks and other files", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "python", "deep"), { recursive: true });
    await mkdir(join(dir, ".hidden"));
    await writeFile(join(dir, "python", "a.yml"), RULE("    pattern: a\n", "a"));
    await writeFile(join(dir, "python", "deep", "b.yaml"), RULE("    pattern: b\n", "b"));
    await writeFile(join(dir, "python", "a.py"), "a\n");
    await writeFile(join(dir, ".hidden", "c.yml"), "not: rules\n");
    await writeFile(join(dir, ".d.yml"), "not: rules\n");
    await symlink(join(dir, "python", "a.yml"), join(dir, "link.yml"));
    const pack = await loadRulePack(dir);
    expect(pack.rules.map((rule) => [rule.id, rule.source.file])).toEqual([
      ["a", `${dir}/python/a.yml`],
      ["b", `${dir}/python/deep/b.yaml`],
    ]);
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    expect(pack.files).toEqual([
      { path: `${dir}/python/a.yml`, sha256: sha(RULE("    pattern: a\n", "a")) },
      { path: `${dir}/python/deep/b.yaml`, sha256: sha(RULE("    pattern: b\n", "b")) },
    ]);
    expect(pack.digest).toBe(packDigest(pack.files));
    expect(pack.digest).toBe(packDigest([...pack.files].reverse()));
    expect(pack.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("loads a single file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "one.yml"), RULE("    pattern: a\n", "a"));
    const pack = await loadRulePack(join(dir, "one.yml"));
    expect(pack.rules.map((rule) => rule.id)).toEqual(["a"]);
  });

  it("accepts an id reused across files when asked, but not twice in one file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "a.yml"), RULE("    pattern: a\n", "same"));
    await writeFile(join(dir, "b.yml"), RULE("    pattern: b\n", "same"));
    const pack = await loadRulePack(dir, undefined, { allowDuplicateIdsAcrossFiles: true });
    expect(pack.rules.map((rule) => [rule.id, rule.source.file])).toEqual([
      ["same", `${dir}/a.yml`],
      ["same", `${dir}/b.yml`],
    ]);
    await writeFile(
      join(dir, "c.yml"),
      `${RULE("    pattern: c\n", "twice")}${RULE("    pattern: d\n", "twice").replace(/^rules:\n/, "")}`,
    );
    const err = await loadRulePack(dir, undefined, { allowDuplicateIdsAcrossFiles: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProvenanceError);
    expect((err as ProvenanceError).message).toBe(
      `${dir}/c.yml: rule twice: id: duplicate rule id (also in ${dir}/c.yml rule #0)`,
    );
  });

  it("reports duplicate ids across files and problems of every file together", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "a.yml"), RULE("    pattern: a\n", "same"));
    await writeFile(join(dir, "b.yml"), RULE("    pattern: b\n", "same"));
    await writeFile(join(dir, "c.yml"), "rules: [\n");
    const err = await badRules(dir);
    expect(err.code).toBe("BAD_RULES");
    expect(err.message.split("\n")).toEqual([
      `${dir}/c.yml:2:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${dir}/b.yml: rule same: id: duplicate rule id (also in ${dir}/a.yml rule #0)`,
    ]);
  });

  it.each([
    [
      "a missing path",
      async (dir: string) => join(dir, "nope.yml"),
      (dir: string) => `${dir}/nope.yml: cannot read rules (ENOENT)`,
    ],
    [
      "an empty directory",
      async (dir: string) => dir,
      (dir: string) => `${dir}: no rule files (*.yml, *.yaml) found`,
    ],
  ])("refuses %s", async (_name, make, message) => {
    const dir = await tempDir();
    const err = await badRules(await make(dir));
    expect(err.message).toBe(message(dir));
  });
});
