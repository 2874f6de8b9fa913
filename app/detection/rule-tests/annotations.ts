/**
 * Semgrep test annotations in a rule's target file: a comment
 * `ruleid: <id>[, <id>...]` says the next non-comment line must be matched
 * (a finding starting on it), `ok: <id>` says it must not be;
 * `todoruleid` / `todook` mark known gaps and are ignored. An annotation at
 * the end of a code line applies to that line.
 */
import { languageOf } from "../language-of.js";

export interface Annotation {
  kind: "ruleid" | "ok";
  ruleIds: string[];
  /** 1-based line the annotation is about. */
  line: number;
  /** 1-based line the comment is on. */
  commentLine: number;
}

const KINDS = "todoruleid|todook|ruleid|ok";

/** Comment markers of a target file: `#` for Python, `//` for the C-like languages, both when unknown. */
export function commentMarkersFor(path: string): string[] {
  const language = languageOf(path);
  if (language === "python") return ["#"];
  if (language === null) return ["#", "//"];
  return ["//"];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function parseIds(text: string): string[] {
  return text
    .replace(/\s*(\*\/|-->)\s*$/, "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
}

export function parseAnnotations(text: string, markers: readonly string[]): Annotation[] {
  const marker = markers.map(escape).join("|");
  const whole = new RegExp(`^\\s*(?:${marker})\\s*(${KINDS})\\s*:\\s*(.*)$`);
  const commentOnly = new RegExp(`^\\s*(?:${marker})`);
  const trailing = new RegExp(`(?:${marker})\\s*(${KINDS})\\s*:\\s*(.*)$`);
  const annotations: Annotation[] = [];
  let pending: Array<Omit<Annotation, "line">> = [];
  const record = (kind: string, ids: string, commentLine: number, into: Array<Omit<Annotation, "line">>) => {
    if (kind === "ruleid" || kind === "ok") into.push({ kind, ruleIds: parseIds(ids), commentLine });
  };
  text.split("\n").forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/\r$/, "");
    const own = whole.exec(line);
    if (own !== null) {
      record(own[1] ?? "", own[2] ?? "", lineNumber, pending);
      return;
    }
    if (commentOnly.test(line)) return;
    const here: Array<Omit<Annotation, "line">> = [];
    const tail = trailing.exec(line);
    if (tail !== null) record(tail[1] ?? "", tail[2] ?? "", lineNumber, here);
    for (const annotation of [...pending, ...here]) annotations.push({ ...annotation, line: lineNumber });
    pending = [];
  });
  return annotations;
}
