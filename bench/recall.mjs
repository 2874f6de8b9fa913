// Recall benchmark for the embedded engine on annotated Semgrep rule tests
// (semgrep-rules layout: `x.yaml` next to `x.py` / `x.js` / `x.ts` ... whose
// `ruleid:` / `ok:` comments say which lines each rule must and must not match).
//
//   npm run bench:recall -- DIR [--json FILE] [--details] [--timeout SECONDS]
//
// Every rule file under DIR is tested on its own (a broken or duplicate-id file
// cannot take the others down) through the same machinery as `scan --test`
// (dist/app/detection/rule-tests), with the embedded engine. Prints: rules
// total, rules reported unsupported (reasons counted), rule files that failed
// to load (and why), annotated `ruleid:` lines total / matched (recall over the
// supported rules and over all rules), `ok:` lines total / flagged (false-positive
// rate), matches on unannotated lines, and the failure reasons ranked by missed
// lines. Measures only: it always exits 0 unless the harness itself breaks.
// DIR holds third-party rules and tests: keep it outside the repository.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";

const { listRuleFiles } = await import("../dist/app/detection/load-rules.js");
const { runRuleTests } = await import("../dist/app/detection/rule-tests/run-rule-tests.js");
const { commentMarkersFor, parseAnnotations } =
  await import("../dist/app/detection/rule-tests/annotations.js");
const { createEmbeddedEngine } = await import("../dist/app/detection/embedded/embedded-engine.js");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "string" },
    details: { type: "boolean" },
    timeout: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const USAGE = "usage: node bench/recall.mjs DIR [--json FILE] [--details] [--timeout SECONDS]";
if (values.help === true || positionals.length !== 1) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(values.help === true ? 0 : 2);
}
const root = resolve(positionals[0]);
const timeoutMs = Math.round(Number(values.timeout ?? 60) * 1000);
const out = (line = "") => process.stdout.write(`${line}\n`);
const pct = (part, whole) => (whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`);
const RULE_FILE = /\.ya?ml$/i;

/** Same target discovery as `scan --test`: siblings `x.<ext>` of `x.yaml`, `.fixed.` files excluded. */
async function targetsOf(file) {
  const base = basename(file).replace(RULE_FILE, "");
  const entries = await readdir(dirname(file), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !RULE_FILE.test(entry.name) && !entry.name.includes(".fixed."))
    .filter((entry) => entry.name.slice(0, entry.name.lastIndexOf(".")) === base)
    .map((entry) => resolve(dirname(file), entry.name))
    .sort();
}

/** The rules a file declares (read leniently, so a file the loader rejects still counts). */
function declaredRules(text) {
  try {
    const doc = parseYaml(text, { uniqueKeys: false });
    const rules = Array.isArray(doc?.rules) ? doc.rules : [];
    return rules
      .filter((rule) => rule !== null && typeof rule === "object" && typeof rule.id === "string")
      .map((rule) => ({ id: rule.id, mode: typeof rule.mode === "string" ? rule.mode : "search" }));
  } catch {
    return [];
  }
}

/** `ruleid:` / `ok:` lines per rule id over the file's targets: id -> {ruleid: Set, ok: Set} of "path:line". */
async function annotationsOf(targets) {
  const byId = new Map();
  const slot = (id) => {
    if (!byId.has(id)) byId.set(id, { ruleid: new Set(), ok: new Set() });
    return byId.get(id);
  };
  for (const target of targets) {
    const text = await readFile(target, "utf8");
    for (const annotation of parseAnnotations(text, commentMarkersFor(basename(target)))) {
      for (const id of annotation.ruleIds) slot(id)[annotation.kind].add(`${target}:${annotation.line}`);
    }
  }
  return byId;
}

/** A short, countable category for an unsupported-rule message: rule id and long operands dropped. */
function unsupportedCategory(message, id) {
  return message
    .split("; ")
    .map((part) =>
      part
        .replace(new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `), "")
        .replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => (quoted.length <= 12 ? quoted : '"…"'))
        .replace(/`[^`]*`/g, "`…`")
        .replace(/\$[A-Z_][A-Z0-9_]*/g, "$X")
        .replace(/\s+/g, " ")
        .slice(0, 140),
    )
    .sort()
    .filter((part, index, all) => all.indexOf(part) === index)
    .join("; ");
}

/** "file: rule id: key.path: reason" -> "key.path: reason" (the part that says why). */
function loadFailureCategory(line) {
  const match = /: rule [^:]+: (.*)$/.exec(line);
  const reason = match ? match[1] : line.replace(/^[^:]*:(\d+:\d+:)?\s*/, "");
  return reason.replace(/\s+/g, " ").slice(0, 160);
}

const engine = createEmbeddedEngine();
const started = performance.now();
const files = await listRuleFiles(root, "/");
const rules = [];
const loadFailures = [];
const fileProblems = [];

for (const file of files) {
  const text = await readFile(file, "utf8");
  const declared = declaredRules(text);
  const targets = await targetsOf(file);
  const annotations = await annotationsOf(targets);
  const display = relative(root, file);
  let report = null;
  try {
    report = await runRuleTests(file, engine, { timeoutMs, cwd: "/" });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = err && typeof err === "object" && "code" in err ? err.code : "ERROR";
    const reasons = message.split("\n").filter((line) => line.trim() !== "");
    loadFailures.push({ file: display, code, reasons });
  }
  const results = new Map((report?.rules ?? []).map((result) => [result.ruleId, result]));
  if (report !== null) fileProblems.push(...report.problems.map((problem) => ({ file: display, problem })));
  const ids = [...new Set([...declared.map((rule) => rule.id), ...results.keys()])];
  for (const id of ids) {
    const expected = annotations.get(id)?.ruleid ?? new Set();
    const okLines = annotations.get(id)?.ok ?? new Set();
    const result = results.get(id);
    const matched = new Set((result?.matched ?? []).map((loc) => `${resolve("/", loc.path)}:${loc.line}`));
    const status = report === null ? "load-failed" : result?.unsupported ? "unsupported" : "supported";
    const short = (key) =>
      `${relative(root, key.slice(0, key.lastIndexOf(":")))}:${key.slice(key.lastIndexOf(":") + 1)}`;
    rules.push({
      id,
      file: display,
      mode: declared.find((rule) => rule.id === id)?.mode ?? "search",
      status,
      unsupported: result?.unsupported ?? null,
      problems: result?.problems ?? [],
      expected: expected.size,
      matched: [...expected].filter((key) => matched.has(key)).length,
      missed: [...expected].filter((key) => !matched.has(key)).map(short),
      okLines: okLines.size,
      okFlagged: [...okLines].filter((key) => matched.has(key)).map(short),
      unannotated: [...matched].filter((key) => !expected.has(key) && !okLines.has(key)).map(short),
    });
  }
}
const elapsedMs = performance.now() - started;

// ---- figures ----
const sum = (list, pick) => list.reduce((total, item) => total + pick(item), 0);
const supported = rules.filter((rule) => rule.status === "supported");
const unsupported = rules.filter((rule) => rule.status === "unsupported");
const failed = rules.filter((rule) => rule.status === "load-failed");
const figures = {
  ruleFiles: files.length,
  ruleFilesFailedToLoad: loadFailures.length,
  rules: rules.length,
  rulesSupported: supported.length,
  rulesUnsupported: unsupported.length,
  rulesInFailedFiles: failed.length,
  ruleidLines: sum(rules, (rule) => rule.expected),
  ruleidMatched: sum(rules, (rule) => rule.matched),
  ruleidLinesSupported: sum(supported, (rule) => rule.expected),
  ruleidMatchedSupported: sum(supported, (rule) => rule.matched),
  okLines: sum(rules, (rule) => rule.okLines),
  okFlagged: sum(rules, (rule) => rule.okFlagged.length),
  okLinesSupported: sum(supported, (rule) => rule.okLines),
  okFlaggedSupported: sum(supported, (rule) => rule.okFlagged.length),
  unannotatedMatches: sum(rules, (rule) => rule.unannotated.length),
  rulesPassing: rules.filter(
    (rule) =>
      rule.status === "supported" &&
      rule.missed.length === 0 &&
      rule.okFlagged.length === 0 &&
      rule.unannotated.length === 0 &&
      rule.problems.length === 0,
  ).length,
  seconds: Number((elapsedMs / 1000).toFixed(2)),
};

const unsupportedReasons = new Map();
for (const rule of unsupported) {
  const category = unsupportedCategory(rule.unsupported, rule.id);
  const entry = unsupportedReasons.get(category) ?? { rules: 0, lines: 0 };
  entry.rules += 1;
  entry.lines += rule.expected;
  unsupportedReasons.set(category, entry);
}

// Failure reasons ranked by missed `ruleid:` lines: why the engine did not even try
// (load failure, unsupported), a problem with a target, or a plain miss by a supported rule.
const failureReasons = new Map();
const charge = (reason, rule, lines) => {
  if (lines === 0 && reason.startsWith("miss")) return;
  const entry = failureReasons.get(reason) ?? { lines: 0, rules: new Set() };
  entry.lines += lines;
  entry.rules.add(rule.id);
  failureReasons.set(reason, entry);
};
for (const rule of rules) {
  if (rule.status === "load-failed") {
    const failure = loadFailures.find((item) => item.file === rule.file);
    const reason = failure?.reasons.map(loadFailureCategory)[0] ?? "unknown";
    charge(`load failed: ${reason}`, rule, rule.expected);
  } else if (rule.status === "unsupported") {
    charge(`unsupported: ${unsupportedCategory(rule.unsupported, rule.id)}`, rule, rule.expected);
  } else if (rule.problems.length > 0 && rule.missed.length > 0) {
    charge(`target problem: ${rule.problems[0].split(":")[0]}`, rule, rule.missed.length);
  } else {
    charge(`missed by a supported ${rule.mode} rule (matcher gap)`, rule, rule.missed.length);
  }
}

// ---- report ----
out(`Held-out rule-test recall, embedded engine — ${root}`);
out(
  `rule files: ${figures.ruleFiles} (${figures.ruleFilesFailedToLoad} failed to load); ` +
    `rules: ${figures.rules} — ${figures.rulesSupported} run, ${figures.rulesUnsupported} reported unsupported, ` +
    `${figures.rulesInFailedFiles} in files that failed to load; ${figures.rulesPassing} pass exactly`,
);
out(
  `ruleid lines: ${figures.ruleidLines}, matched ${figures.ruleidMatched} — recall over all rules ` +
    `${pct(figures.ruleidMatched, figures.ruleidLines)}`,
);
out(
  `  over supported rules: ${figures.ruleidMatchedSupported}/${figures.ruleidLinesSupported} — recall ` +
    `${pct(figures.ruleidMatchedSupported, figures.ruleidLinesSupported)}`,
);
out(
  `ok lines: ${figures.okLines}, flagged ${figures.okFlagged} — false-positive rate ` +
    `${pct(figures.okFlagged, figures.okLines)} (supported rules: ${figures.okFlaggedSupported}/` +
    `${figures.okLinesSupported} = ${pct(figures.okFlaggedSupported, figures.okLinesSupported)})`,
);
out(`matches on unannotated lines: ${figures.unannotatedMatches}`);
const byTop = new Map();
for (const rule of rules) {
  const top = rule.file.split("/")[0];
  const entry = byTop.get(top) ?? { rules: 0, unsupported: 0, expected: 0, matched: 0, ok: 0, flagged: 0 };
  entry.rules += 1;
  entry.unsupported += rule.status === "supported" ? 0 : 1;
  entry.expected += rule.expected;
  entry.matched += rule.matched;
  entry.ok += rule.okLines;
  entry.flagged += rule.okFlagged.length;
  byTop.set(top, entry);
}
for (const [top, entry] of [...byTop].sort()) {
  out(
    `  ${top}: ${entry.rules} rules (${entry.unsupported} not run), recall ${entry.matched}/${entry.expected} ` +
      `= ${pct(entry.matched, entry.expected)}, ok flagged ${entry.flagged}/${entry.ok}`,
  );
}
out(`time: ${figures.seconds}s`);

out();
out(`Unsupported rules by reason (${figures.rulesUnsupported}):`);
for (const [reason, entry] of [...unsupportedReasons].sort(
  (a, b) => b[1].rules - a[1].rules || b[1].lines - a[1].lines,
))
  out(
    `  ${String(entry.rules).padStart(3)} rule(s), ${String(entry.lines).padStart(3)} ruleid line(s)  ${reason}`,
  );

out();
out(`Rule files that failed to load (${loadFailures.length}):`);
for (const failure of loadFailures) {
  out(`  ${failure.file} [${failure.code}]`);
  for (const reason of failure.reasons.slice(0, 5)) out(`      ${loadFailureCategory(reason)}`);
}
if (fileProblems.length > 0) {
  out();
  out(`Annotation problems (${fileProblems.length}):`);
  for (const item of fileProblems) out(`  ${item.problem.split(`${root}/`).join("")}`);
}

out();
out("Failure reasons by missed ruleid lines:");
for (const [reason, entry] of [...failureReasons].sort((a, b) => b[1].lines - a[1].lines))
  out(
    `  ${String(entry.lines).padStart(4)} line(s) ${String(entry.rules.size).padStart(3)} rule(s)  ${reason}`,
  );

const flagged = rules.filter((rule) => rule.okFlagged.length > 0 || rule.unannotated.length > 0);
out();
out(`Rules flagging ok: lines or unannotated lines (${flagged.length}):`);
for (const rule of flagged) {
  const parts = [
    ...rule.okFlagged.map((where) => `ok ${where}`),
    ...rule.unannotated.map((where) => `unannotated ${where}`),
  ];
  out(`  ${rule.id} (${rule.file}): ${parts.join(", ")}`);
}

if (values.details === true) {
  out();
  out("Per rule (status, matched/expected, ok flagged, missed lines):");
  for (const rule of rules) {
    out(
      `  ${rule.status.padEnd(11)} ${String(rule.matched).padStart(3)}/${String(rule.expected).padEnd(3)} ` +
        `ok-flagged ${rule.okFlagged.length}  ${rule.id} (${rule.file})` +
        (rule.unsupported ? `\n      unsupported: ${rule.unsupported}` : "") +
        (rule.problems.length > 0 ? `\n      problems: ${rule.problems.join(" | ")}` : "") +
        (rule.missed.length > 0 ? `\n      missed: ${rule.missed.join(", ")}` : ""),
    );
  }
}

if (values.json !== undefined) {
  const reasons = Object.fromEntries(
    [...failureReasons].map(([reason, entry]) => [reason, { lines: entry.lines, rules: [...entry.rules] }]),
  );
  await writeFile(
    values.json,
    JSON.stringify(
      {
        root,
        figures,
        unsupportedReasons: Object.fromEntries(unsupportedReasons),
        loadFailures,
        rules,
        reasons,
      },
      null,
      2,
    ) + "\n",
  );
  out(`\nJSON written to ${values.json}`);
}
