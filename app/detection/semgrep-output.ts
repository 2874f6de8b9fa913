/**
 * Semgrep's `--json` output (semgrep-interfaces `cli_output`), parsed with zod
 * and turned into an `EngineOutput` whose paths are relative to the scan root
 * again. Unknown fields (fingerprint, engine_kind, time, ...) are ignored.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { z } from "zod";
import type { EngineError, EngineOutput, EngineResult, Position } from "./types.js";

const position = z.object({
  line: z.number().int(),
  col: z.number().int(),
  offset: z.number().int().default(0),
});

const resultSchema = z.object({
  check_id: z.string(),
  path: z.string(),
  start: position,
  end: position,
  extra: z.object({
    message: z.string().default(""),
    severity: z.string().default("INFO"),
    metadata: z.record(z.string(), z.unknown()).default({}),
    lines: z.string().default(""),
    metavars: z
      .record(z.string(), z.object({ abstract_content: z.string(), start: position, end: position }))
      .optional(),
  }),
});

const errorSchema = z.object({
  code: z.number().int().default(0),
  level: z.string().default("error"),
  type: z.union([z.string(), z.array(z.unknown())]),
  message: z.string().default(""),
  rule_id: z.string().optional(),
  path: z.string().optional(),
});

export const semgrepOutputSchema = z.object({
  version: z.string().default("unknown"),
  results: z.array(resultSchema),
  errors: z.array(errorSchema).default([]),
  paths: z.object({ scanned: z.array(z.string()).default([]) }).default({ scanned: [] }),
});

export type SemgrepOutput = z.infer<typeof semgrepOutputSchema>;

/** Parse Semgrep's stdout; null when it is not JSON in Semgrep's shape. */
export function parseSemgrepOutput(stdout: string): SemgrepOutput | null {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return null;
  }
  const parsed = semgrepOutputSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface OutputContext {
  /** Directory the targets were written to (real path). */
  root: string;
  /** Directory Semgrep ran in (relative paths in its output are relative to it). */
  cwd: string;
  /** Target contents by root-relative path. */
  contents: ReadonlyMap<string, string>;
  ruleIds: ReadonlySet<string>;
}

/** Root-relative "/"-separated path, or null when `path` is not under the root. */
function rootRelative(path: string, ctx: OutputContext): string | null {
  const rel = relative(ctx.root, isAbsolute(path) ? path : resolve(ctx.cwd, path));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return null;
  return rel.split(sep).join("/");
}

/** Semgrep prefixes rule ids with the config file's directory in some setups; map back to our id. */
function ruleIdOf(checkId: string, ruleIds: ReadonlySet<string>): string {
  if (ruleIds.has(checkId)) return checkId;
  let best: string | null = null;
  for (const id of ruleIds) {
    if (checkId.endsWith(`.${id}`) && (best === null || id.length > best.length)) best = id;
  }
  return best ?? checkId;
}

/** The source lines of a range (Semgrep prints "requires login" instead when not logged in). */
function linesOf(content: string, start: Position, end: Position): string {
  return content
    .split("\n")
    .slice(start.line - 1, Math.max(start.line, end.line))
    .map((line) => line.replace(/\r$/, ""))
    .join("\n");
}

function scrub(text: string, ctx: OutputContext): string {
  return text.split(`${ctx.root}${sep}`).join("").split(ctx.root).join(".");
}

function levelOf(level: string): EngineError["level"] {
  return level === "warn" || level === "info" ? level : "error";
}

export function toEngineOutput(output: SemgrepOutput, ctx: OutputContext): EngineOutput {
  const results: EngineResult[] = [];
  const errors: EngineError[] = [];
  for (const result of output.results) {
    const path = rootRelative(result.path, ctx);
    const content = path === null ? undefined : ctx.contents.get(path);
    if (path === null || content === undefined) {
      errors.push({
        code: 2,
        level: "error",
        type: "UnexpectedResultPath",
        message: `semgrep reported ${result.check_id} on ${scrub(result.path, ctx)}, which was not a scan target`,
      });
      continue;
    }
    const { extra } = result;
    const lines =
      extra.lines === "" || extra.lines === "requires login"
        ? linesOf(content, result.start, result.end)
        : extra.lines;
    results.push({
      check_id: ruleIdOf(result.check_id, ctx.ruleIds),
      path,
      start: result.start,
      end: result.end,
      extra: {
        message: extra.message,
        severity: extra.severity,
        metadata: extra.metadata,
        lines,
        ...(extra.metavars === undefined ? {} : { metavars: extra.metavars }),
      },
    });
  }
  for (const error of output.errors) {
    const path = error.path === undefined ? null : rootRelative(error.path, ctx);
    errors.push({
      code: error.code,
      level: levelOf(error.level),
      type: error.type,
      message: scrub(error.message, ctx),
      ...(error.rule_id === undefined ? {} : { rule_id: ruleIdOf(error.rule_id, ctx.ruleIds) }),
      ...(error.path === undefined ? {} : { path: path ?? scrub(error.path, ctx) }),
    });
  }
  const scanned = output.paths.scanned.flatMap((path) => {
    const rel = rootRelative(path, ctx);
    return rel === null ? [] : [rel];
  });
  return { results, errors, paths: { scanned }, version: output.version };
}
