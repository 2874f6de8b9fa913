/**
 * Static checks on the bundled rule pack (rules/**): every rule is complete
 * enough for reports and SARIF, ids are unique, and every rule file has an
 * annotated test target (semgrep --test conventions) with at least two
 * positive (`ruleid:`) and two negative (`ok:`) cases per rule. Running the
 * rules against their targets is done by `agent-provenance scan --test rules/`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RULES_DIR = join(ROOT, "rules");

/** Target extensions per rule language, and the line-comment syntax used for annotations. */
const TARGET_EXTENSIONS: Record<string, string[]> = {
  python: [".py"],
  javascript: [".js", ".jsx"],
  typescript: [".ts", ".tsx"],
  go: [".go"],
  java: [".java"],
};
const COMMENT_PREFIX: Record<string, string> = {
  ".py": "#",
  ".js": "//",
  ".jsx": "//",
  ".ts": "//",
  ".tsx": "//",
  ".go": "//",
  ".java": "//",
};
const ID_PREFIX: Record<string, string> = {
  python: "python-",
  javascript: "javascript-",
  typescript: "typescript-",
  go: "go-",
  java: "java-",
};
const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "ERROR", "WARNING", "INFO"];
const NEW_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
const OLD_SEVERITIES = ["ERROR", "WARNING", "INFO"];
const ANNOTATION = /^\s*(#|\/\/)\s*(ruleid|ok|todoruleid|todook):\s*(.+?)\s*$/;

interface RawRule {
  id?: unknown;
  message?: unknown;
  severity?: unknown;
  languages?: unknown;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

interface RuleFile {
  path: string;
  rules: RawRule[];
}

interface Annotation {
  kind: string;
  ids: string[];
  line: number;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => join(dir, entry))
    .sort();
}

function loadRuleFiles(): RuleFile[] {
  return listFiles(RULES_DIR)
    .filter((file) => file.endsWith(".yml") || file.endsWith(".yaml"))
    .map((file) => {
      const doc = parse(readFileSync(file, "utf8")) as { rules?: unknown };
      if (!doc || !Array.isArray(doc.rules)) throw new Error(`${file}: no top-level rules list`);
      return { path: file, rules: doc.rules as RawRule[] };
    });
}

function targetsOf(file: RuleFile): string[] {
  const stem = file.path.replace(/\.ya?ml$/, "");
  const languages = new Set(file.rules.flatMap((rule) => (rule.languages as string[] | undefined) ?? []));
  const extensions = [...languages].flatMap((lang) => TARGET_EXTENSIONS[lang] ?? []);
  return [...new Set(extensions)].map((ext) => stem + ext).filter((target) => existsSync(target));
}

function annotationsOf(target: string): { annotations: Annotation[]; lines: string[] } {
  const lines = readFileSync(target, "utf8").split("\n");
  const ext = target.slice(target.lastIndexOf("."));
  const annotations: Annotation[] = [];
  lines.forEach((text, index) => {
    const m = ANNOTATION.exec(text);
    if (!m || m[1] !== COMMENT_PREFIX[ext]) return;
    const ids = (m[3] ?? "").split(",").map((id) => id.trim());
    annotations.push({ kind: m[2] ?? "", ids, line: index + 1 });
  });
  return { annotations, lines };
}

const ruleFiles = loadRuleFiles();
const allRules = ruleFiles.flatMap((file) => file.rules.map((rule) => ({ file: file.path, rule })));
const rel = (path: string): string => relative(ROOT, path);

describe("bundled rule pack", () => {
  it("has at least 40 rules across Python, JavaScript and TypeScript", () => {
    expect(allRules.length).toBeGreaterThanOrEqual(40);
    const languages = new Set(allRules.flatMap(({ rule }) => rule.languages as string[]));
    for (const lang of ["python", "javascript", "typescript"]) expect(languages).toContain(lang);
  });

  it("uses unique rule ids", () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { file, rule } of allRules) {
      const id = String(rule.id);
      const previous = seen.get(id);
      if (previous) duplicates.push(`${id} in ${rel(previous)} and ${rel(file)}`);
      seen.set(id, file);
    }
    expect(duplicates).toEqual([]);
  });

  it("uses both the new and the legacy severity names", () => {
    const severities = new Set(allRules.map(({ rule }) => String(rule.severity)));
    expect(NEW_SEVERITIES.some((s) => severities.has(s))).toBe(true);
    expect(OLD_SEVERITIES.some((s) => severities.has(s))).toBe(true);
  });

  describe.each(ruleFiles.map((file) => [rel(file.path), file] as const))("%s", (_name, file) => {
    it("keeps each rule in a directory named after its language", () => {
      const dir = basename(dirname(file.path));
      for (const rule of file.rules) expect(rule.languages as string[], String(rule.id)).toContain(dir);
    });

    it.each(file.rules.map((rule) => [String(rule.id), rule] as const))("%s is complete", (id, rule) => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(typeof rule.message === "string" && rule.message.trim().length > 20, "message").toBe(true);
      expect(SEVERITIES, "severity").toContain(rule.severity);

      const languages = rule.languages;
      expect(Array.isArray(languages) && languages.length > 0, "languages").toBe(true);
      for (const lang of languages as string[]) expect(Object.keys(TARGET_EXTENSIONS)).toContain(lang);
      const prefixes = (languages as string[]).map((lang) => ID_PREFIX[lang]);
      expect(
        prefixes.some((prefix) => prefix !== undefined && id.startsWith(prefix)),
        "id prefixed by a language",
      ).toBe(true);

      const operators = ["pattern", "patterns", "pattern-either", "pattern-regex"];
      expect(operators.filter((op) => op in rule).length, "exactly one top-level search operator").toBe(1);

      const meta = rule.metadata;
      expect(meta, "metadata").toBeDefined();
      if (!meta) return;
      expect(meta.category).toBe("security");
      expect(["HIGH", "MEDIUM", "LOW"]).toContain(meta.confidence);

      const cwe = meta.cwe;
      expect(Array.isArray(cwe) && cwe.length > 0, "metadata.cwe").toBe(true);
      for (const entry of cwe as unknown[]) expect(entry).toMatch(/^CWE-\d+: \S.*$/);

      const owasp = meta.owasp;
      expect(Array.isArray(owasp) && owasp.length > 0, "metadata.owasp").toBe(true);
      for (const entry of owasp as unknown[]) expect(entry).toMatch(/^A(0[1-9]|10):2021 - \S.*$/);

      const references = meta.references;
      expect(Array.isArray(references) && references.length > 0, "metadata.references").toBe(true);
      for (const url of references as unknown[]) {
        expect(url).toMatch(/^https:\/\/(owasp\.org|cheatsheetseries\.owasp\.org|cwe\.mitre\.org)\//);
      }

      const help = meta.help;
      expect(typeof help === "string" && help.includes("How to fix"), "metadata.help").toBe(true);

      const score = Number(meta["security-severity"]);
      expect(Number.isFinite(score) && score >= 0 && score <= 10, "metadata.security-severity").toBe(true);
    });

    it("has annotated test targets with >= 2 ruleid and >= 2 ok cases per rule", () => {
      const targets = targetsOf(file);
      expect(targets.length, "annotated target next to the rule file").toBeGreaterThan(0);
      const ids = new Set(file.rules.map((rule) => String(rule.id)));
      const positives = new Map<string, number>();
      const negatives = new Map<string, number>();
      for (const target of targets) {
        const { annotations, lines } = annotationsOf(target);
        for (const annotation of annotations) {
          const next = lines[annotation.line] ?? "";
          expect(
            next.trim().length > 0 && !ANNOTATION.test(next),
            `${rel(target)}:${annotation.line} annotates a code line`,
          ).toBe(true);
          for (const id of annotation.ids) {
            expect(ids, `${rel(target)}:${annotation.line} names a rule of ${rel(file.path)}`).toContain(id);
            const counts =
              annotation.kind === "ruleid" ? positives : annotation.kind === "ok" ? negatives : null;
            if (counts) counts.set(id, (counts.get(id) ?? 0) + 1);
          }
        }
      }
      for (const id of ids) {
        expect(positives.get(id) ?? 0, `${id}: ruleid cases`).toBeGreaterThanOrEqual(2);
        expect(negatives.get(id) ?? 0, `${id}: ok cases`).toBeGreaterThanOrEqual(2);
      }
    });
  });

  it("lists every rule in rules/README.md", () => {
    const readme = readFileSync(join(RULES_DIR, "README.md"), "utf8");
    const missing = allRules.map(({ rule }) => String(rule.id)).filter((id) => !readme.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
