import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../app/cli/main.js";
import { describeCapabilities } from "../../app/detection/capabilities.js";
import { DETECTOR_PATHS_ENV, loadDetectors } from "../../app/detection/load-detectors.js";
import { runDetectors } from "../../app/detection/run-detectors.js";
import type { EngineOutput } from "../../app/detection/types.js";
import { captureIo } from "../helpers/capture-io.js";

const TODO_DETECTOR = `
export default {
  id: "todo-finder",
  version: "1.2.3",
  async detect(targets) {
    const results = [];
    for (const t of targets) {
      t.content.split("\\n").forEach((text, i) => {
        if (text.includes("TODO")) {
          results.push({
            check_id: "todo-finder.todo", path: t.path,
            start: { line: i + 1, col: 1, offset: 0 }, end: { line: i + 1, col: text.length + 1, offset: 0 },
            extra: { message: "TODO left in code", severity: "INFO", metadata: {}, lines: text },
          });
        }
      });
    }
    results.push({ check_id: "todo-finder.todo", path: "../../etc/passwd",
      start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 },
      extra: { message: "x", severity: "INFO", metadata: {}, lines: "" } });
    return { results };
  },
};`;

const THROWING = `export default { id: "boom", version: "0", async detect() { throw new Error("exploded"); } };`;
const SLOW = `export default { id: "slow", version: "0", detect() { return new Promise(() => {}); } };`;
const GARBAGE = `export default { id: "garbage", version: "0", async detect() { return { results: [{ nope: 1 }] }; } };`;
const NOT_A_DETECTOR = `export default { name: "missing id" };`;

let dir = "";
const empty: EngineOutput = { results: [], errors: [], paths: { scanned: ["a.py"] }, version: "test" };
const targets = [{ path: "a.py", content: "x = 1\n# TODO: fix\n" }];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ap-detectors-"));
  for (const [name, text] of Object.entries({ TODO_DETECTOR, THROWING, SLOW, GARBAGE, NOT_A_DETECTOR })) {
    await writeFile(join(dir, `${name}.mjs`), text);
  }
});

const env = (...names: string[]) => ({
  [DETECTOR_PATHS_ENV]: names.map((n) => join(dir, `${n}.mjs`)).join(delimiter),
});

describe("custom detectors", () => {
  it("loads modules named by the environment and merges their results, dropping paths it was not given", async () => {
    const loaded = await loadDetectors(env("TODO_DETECTOR"));
    expect(loaded.map((d) => [d.detector.id, d.detector.version])).toEqual([["todo-finder", "1.2.3"]]);
    const out = await runDetectors(loaded, targets, empty, 1000);
    expect(out.results.map((r) => [r.check_id, r.path, r.start.line])).toEqual([
      ["todo-finder.todo", "a.py", 2],
    ]);
    expect(out.errors.map((e) => e.message)).toEqual([
      "detector todo-finder: 1 result(s) for files it was not given were dropped",
    ]);
  });

  it("turns a throwing, hanging or garbage-answering detector into a named error, not silence", async () => {
    const loaded = await loadDetectors(env("THROWING", "SLOW", "GARBAGE"));
    const out = await runDetectors(loaded, targets, empty, 200);
    expect(out.results).toEqual([]);
    expect(out.errors.map((e) => [e.type, e.message])).toEqual([
      ["DetectorError", "detector boom: exploded"],
      ["DetectorError", "detector slow: timed out after 200 ms"],
      ["DetectorError", expect.stringMatching(/^detector garbage: bad output/)],
    ]);
  });

  it("refuses relative paths, missing files, wrong shapes and duplicate ids", async () => {
    await expect(loadDetectors({ [DETECTOR_PATHS_ENV]: "rel/x.mjs" })).rejects.toThrow(
      /must be an absolute path/,
    );
    await expect(loadDetectors({ [DETECTOR_PATHS_ENV]: join(dir, "nope.mjs") })).rejects.toThrow(
      /no such file/,
    );
    await expect(loadDetectors(env("NOT_A_DETECTOR"))).rejects.toMatchObject({ code: "BAD_DETECTOR" });
    await expect(loadDetectors(env("TODO_DETECTOR", "TODO_DETECTOR"))).rejects.toThrow(/already loaded/);
    expect(await loadDetectors({})).toEqual([]);
  });
});

describe("capabilities", () => {
  it("lists engines, the bundled pack with its digest, unsupported rules with reasons, and detectors", async () => {
    const caps = await describeCapabilities({
      rules: [],
      bundled: true,
      env: { ...env("TODO_DETECTOR"), PATH: "" },
      cwd: process.cwd(),
    });
    expect(caps.engines).toEqual([
      expect.objectContaining({ name: "embedded", available: true }),
      expect.objectContaining({ name: "semgrep", available: false }),
    ]);
    expect(caps.rulePack.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(caps.rulePack.rules).toBeGreaterThanOrEqual(40);
    expect(caps.rules.length).toBe(caps.rulePack.rules);
    for (const u of caps.unsupported) {
      expect(caps.rules.map((r) => r.id)).toContain(u.ruleId);
      expect(u.reason.length).toBeGreaterThan(5);
    }
    expect(caps.detectors).toEqual([
      { id: "todo-finder", version: "1.2.3", module: join(dir, "TODO_DETECTOR.mjs") },
    ]);
  });

  it("is a CLI command with JSON output", async () => {
    const io = captureIo({ PATH: "" });
    expect(await main(["capabilities", "--json"], io)).toBe(0);
    const parsed = JSON.parse(io.out) as { rulePack: { rules: number } };
    expect(parsed.rulePack.rules).toBeGreaterThanOrEqual(40);
  });
});
