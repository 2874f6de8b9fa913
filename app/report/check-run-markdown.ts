/**
 * Markdown helpers for the check-run output: escaping text that came from a
 * pull request (paths, titles, rule messages), links to files at head, and
 * fitting a document into GitHub's byte limit with a visible truncation note.
 */

/** Escape Markdown and HTML punctuation and flatten newlines, so untrusted text stays text. */
export function md(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A code span that survives backticks inside the text. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function link(text: string, url: string | null): string {
  return url === null ? text : `[${text}](${url})`;
}

/** `https://github.com/o/r/blob/<sha>/a%20b/c.ts#L3-L5`; null without a repository address. */
export function blobUrl(
  htmlUrl: string | null,
  sha: string,
  path: string,
  startLine?: number,
  endLine?: number,
): string | null {
  if (htmlUrl === null) return null;
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  let anchor = "";
  if (startLine !== undefined) {
    anchor = endLine !== undefined && endLine !== startLine ? `#L${startLine}-L${endLine}` : `#L${startLine}`;
  }
  return `${htmlUrl.replace(/\/+$/, "")}/blob/${sha}/${encoded}${anchor}`;
}

export function commitUrl(htmlUrl: string | null, sha: string): string | null {
  return htmlUrl === null ? null : `${htmlUrl.replace(/\/+$/, "")}/commit/${sha}`;
}

export function pct(n: number, total: number): string {
  return total === 0 ? "–" : `${((n / total) * 100).toFixed(1)}%`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cut a string to at most `max` UTF-8 bytes without splitting a character. */
export function cutBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const b = bytes(ch);
    if (used + b > max) break;
    out += ch;
    used += b;
  }
  return out;
}

/**
 * Join lines into at most `limit` bytes. When they do not fit, keep the first
 * lines that do and end with a note saying how many lines were left out, so a
 * truncated summary never passes for a complete one.
 */
export function fitLines(lines: readonly string[], limit: number, what: string, statedLimit = limit): string {
  const whole = lines.join("\n");
  if (bytes(whole) <= limit) return whole;
  const note = (omitted: number): string =>
    `\n\n> **Truncated:** GitHub limits the ${what} to ${statedLimit.toLocaleString("en-US")} bytes; ` +
    `${omitted.toLocaleString("en-US")} more lines are not shown. ` +
    "`agent-provenance analyze --json` gives the complete report.";
  const budget = limit - bytes(note(lines.length));
  if (budget <= 0) return cutBytes(whole, limit);
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = bytes(line) + (kept.length > 0 ? 1 : 0);
    if (used + cost > budget) {
      if (kept.length === 0) kept.push(cutBytes(line, budget));
      break;
    }
    kept.push(line);
    used += cost;
  }
  return kept.join("\n") + note(lines.length - kept.length);
}
