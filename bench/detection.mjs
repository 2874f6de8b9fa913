// Detection benchmark: every bundled rule (rules/) over a generated 300-file
// change (Python, JavaScript, TypeScript, TSX; ~30k lines) on the embedded
// engine. Prints wall time, files/s, lines/s, results and peak RSS.
// Run with `npm run bench:detection` (it builds dist/ first). Never fails on timing.
import { performance } from "node:perf_hooks";

const { loadRulePacks, bundledRulesDir } = await import("../dist/app/detection/rule-packs.js");
const { createEmbeddedEngine } = await import("../dist/app/detection/embedded/embedded-engine.js");

const FILES = Number(process.env.BENCH_FILES ?? 300);
const LINES_PER_FILE = Number(process.env.BENCH_LINES ?? 100);
const out = (line) => process.stdout.write(`${line}\n`);
const rssMb = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`;

/** Ordinary code with a sprinkling of risky lines, so rules have something to find and much to reject. */
const GENERATORS = {
  py: (i, n) => {
    const lines = ["import os", "import subprocess", "import requests", ""];
    for (let k = 0; lines.length < n; k += 1) {
      lines.push(`def handler_${i}_${k}(request, db):`);
      lines.push(`    user_id = request.args.get("id_${k}")`);
      lines.push(`    rows = db.execute("SELECT * FROM t WHERE id = %s", (user_id,))`);
      if (k % 7 === 0) lines.push(`    db.execute("SELECT * FROM t WHERE id = " + user_id)`);
      if (k % 11 === 0) lines.push(`    subprocess.run(user_id, shell=True)`);
      if (k % 13 === 0) lines.push(`    requests.get("https://example.com/" + user_id, verify=False)`);
      lines.push(`    total = sum(r["amount"] for r in rows if r["amount"] > ${k})`);
      lines.push(`    return {"total": total, "count": len(rows)}`);
      lines.push("");
    }
    return lines.slice(0, n).join("\n") + "\n";
  },
  js: (i, n) => {
    const lines = ['"use strict";', 'const crypto = require("crypto");', ""];
    for (let k = 0; lines.length < n; k += 1) {
      lines.push(`function handler_${i}_${k}(req, res, db) {`);
      lines.push(`  const id = req.query.id_${k};`);
      lines.push(`  const rows = db.query("SELECT * FROM t WHERE id = ?", [id]);`);
      if (k % 7 === 0) lines.push(`  document.getElementById("out").innerHTML = id;`);
      if (k % 11 === 0) lines.push(`  const token = Math.random().toString(36);`);
      if (k % 13 === 0) lines.push(`  const h = crypto.createHash("md5").update(id).digest("hex");`);
      lines.push(`  res.json({ total: rows.reduce((s, r) => s + r.amount, ${k}) });`);
      lines.push("}");
      lines.push("");
    }
    return lines.slice(0, n).join("\n") + "\n";
  },
  ts: (i, n) => {
    const lines = ['import { exec } from "node:child_process";', ""];
    for (let k = 0; lines.length < n; k += 1) {
      lines.push(`export async function handler_${i}_${k}(input: string, limit: number): Promise<number> {`);
      lines.push(`  const parts = input.split(",").map((p) => p.trim());`);
      if (k % 9 === 0) lines.push("  exec(`ls ${input}`);");
      if (k % 10 === 0) lines.push(`  const f = eval(input);`);
      lines.push(`  return parts.filter((p) => p.length < limit).length + ${k};`);
      lines.push("}");
      lines.push("");
    }
    return lines.slice(0, n).join("\n") + "\n";
  },
  tsx: (i, n) => {
    const lines = ['import React from "react";', ""];
    for (let k = 0; lines.length < n; k += 1) {
      lines.push(`export function View${i}_${k}({ html, title }: { html: string; title: string }) {`);
      lines.push(
        k % 5 === 0
          ? `  return <div dangerouslySetInnerHTML={{ __html: html }} />;`
          : `  return <h1>{title}</h1>;`,
      );
      lines.push("}");
      lines.push("");
    }
    return lines.slice(0, n).join("\n") + "\n";
  },
};
const EXTS = ["py", "js", "ts", "tsx"];

const targets = [];
for (let i = 0; i < FILES; i += 1) {
  const ext = EXTS[i % EXTS.length];
  targets.push({ path: `src/mod${i}/file${i}.${ext}`, content: GENERATORS[ext](i, LINES_PER_FILE) });
}
const totalLines = targets.reduce((s, t) => s + t.content.split("\n").length - 1, 0);

const pack = await loadRulePacks([bundledRulesDir()], process.cwd());
const engine = createEmbeddedEngine();
// Warm-up on one file: loads the grammars and compiles patterns, reported separately.
const w0 = performance.now();
await engine.run(pack, targets.slice(0, 1), { timeoutMs: 600_000 });
const warmMs = performance.now() - w0;

const t0 = performance.now();
const output = await engine.run(pack, targets, { timeoutMs: 600_000 });
const wallMs = performance.now() - t0;

out("detection benchmark (embedded engine, bundled rules)");
const rows = [
  ["rules", `${pack.rules.length} (pack ${pack.digest.slice(0, 12)})`],
  ["files", `${targets.length} (${EXTS.join(", ")})`],
  ["lines", String(totalLines)],
  ["warm-up (1 file)", `${warmMs.toFixed(0)} ms`],
  ["wall time", `${wallMs.toFixed(0)} ms (target < 2000 ms)`],
  ["files/s", (targets.length / (wallMs / 1000)).toFixed(0)],
  ["lines/s", (totalLines / (wallMs / 1000)).toFixed(0)],
  ["results", String(output.results.length)],
  [
    "errors",
    `${output.errors.length} (${output.errors.filter((e) => e.type === "UnsupportedRule").length} unsupported rules)`,
  ],
  ["peak RSS", rssMb()],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) out(`  ${k.padEnd(width)}  ${v}`);
