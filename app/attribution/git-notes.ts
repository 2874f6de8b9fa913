/**
 * Git notes written by agent tooling (refs/notes/ai). The Git AI Standard
 * v3.0.0 ("authorship/3.0.0") note is an attestation section — a file path
 * line, then indented "<prompt-hash> <lines>" lines ("6-8", "16,21,25") — a
 * divider line "---", and JSON metadata whose `prompts` map each hash to
 * `{ agent_id: { tool, model }, … }`. Parsed leniently: a note that is JSON
 * only, `prompts` given as an array, or a plain-text "agent: <id>" /
 * "tool: <id>" / "Agent-ID: <id>" line are accepted too; anything else yields
 * no agent. Tool names are normalised with normalizeAgentId.
 */
import { normalizeAgentId } from "./agent-ids.js";

export interface NotePrompt {
  hash: string;
  /** The tool as written in the note. */
  tool: string;
  model: string | null;
}

export interface NoteRange {
  hash: string;
  start: number;
  end: number;
}

export interface NoteFile {
  path: string;
  ranges: NoteRange[];
}

export interface AuthorshipNote {
  schemaVersion: string | null;
  files: NoteFile[];
  prompts: NotePrompt[];
}

export interface NoteAgent {
  /** Normalised agent id. */
  agent: string;
  tool: string;
  model: string | null;
  /** Lines attributed to this agent in the attestation section. */
  lines: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

function tryJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function promptFrom(hash: string, v: Json): NotePrompt | null {
  if (!isObject(v)) return null;
  const agentId = v["agent_id"];
  const tool = isObject(agentId) ? str(agentId["tool"]) : (str(v["tool"]) ?? str(v["agent"]));
  if (tool === null) return null;
  const model = isObject(agentId) ? str(agentId["model"]) : str(v["model"]);
  return { hash, tool, model };
}

function promptsFrom(meta: Json | undefined): NotePrompt[] {
  if (!isObject(meta)) return [];
  const prompts = meta["prompts"];
  const out: NotePrompt[] = [];
  if (isObject(prompts)) {
    for (const [hash, v] of Object.entries(prompts)) {
      const p = promptFrom(hash, v);
      if (p) out.push(p);
    }
  } else if (Array.isArray(prompts)) {
    for (const v of prompts) {
      const hash = isObject(v) ? (str(v["hash"]) ?? str(v["id"]) ?? "") : "";
      const p = promptFrom(hash, v);
      if (p) out.push(p);
    }
  }
  if (out.length === 0) {
    const p = promptFrom("", meta);
    if (p) out.push(p);
  }
  return out;
}

function parseRanges(hash: string, spec: string): NoteRange[] {
  const ranges: NoteRange[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start >= 1 && end >= start) ranges.push({ hash, start, end });
  }
  return ranges;
}

function parseAttestation(lines: readonly string[]): NoteFile[] {
  const files: NoteFile[] = [];
  let current: NoteFile | null = null;
  for (const line of lines) {
    if (line.trim() === "") continue;
    if (/^\s/.test(line)) {
      const m = /^\s+(\S+)\s+(\S.*)$/.exec(line);
      if (current && m) current.ranges.push(...parseRanges(m[1] ?? "", m[2] ?? ""));
      continue;
    }
    const path = line.trim().replace(/^"(.*)"$/, "$1");
    current = { path, ranges: [] };
    files.push(current);
  }
  return files;
}

function plainTextPrompts(text: string): NotePrompt[] {
  const out: NotePrompt[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(?:agent[-_ ]?id|agent|tool)\s*[:=]\s*([A-Za-z0-9][\w.-]*)\s*$/i.exec(line);
    if (m?.[1]) out.push({ hash: "", tool: m[1], model: null });
  }
  return out;
}

/** Parse a note; null when it holds nothing this module understands. */
export function parseAuthorshipNote(note: string): AuthorshipNote | null {
  const text = note.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return null;
  const lines = text.split("\n");
  const divider = lines.findIndex((l) => l.trim() === "---");
  const attestation = divider >= 0 ? lines.slice(0, divider) : [];
  const metaText = divider >= 0 ? lines.slice(divider + 1).join("\n") : text;
  const meta = tryJson(metaText);
  let prompts = promptsFrom(meta);
  if (prompts.length === 0 && meta === undefined) prompts = plainTextPrompts(text);
  if (prompts.length === 0) return null;
  const schema = isObject(meta) ? str(meta["schema_version"]) : null;
  return { schemaVersion: schema, files: parseAttestation(attestation), prompts };
}

/** The agents a note names, most attributed lines first (ties: order of appearance). */
export function noteAgents(note: string): NoteAgent[] {
  const parsed = parseAuthorshipNote(note);
  if (parsed === null) return [];
  const linesByHash = new Map<string, number>();
  for (const f of parsed.files) {
    for (const r of f.ranges) linesByHash.set(r.hash, (linesByHash.get(r.hash) ?? 0) + r.end - r.start + 1);
  }
  const byAgent = new Map<string, NoteAgent>();
  for (const p of parsed.prompts) {
    const agent = normalizeAgentId(p.tool);
    if (agent === "") continue;
    const lines = linesByHash.get(p.hash) ?? 0;
    const seen = byAgent.get(agent);
    if (seen) seen.lines += lines;
    else byAgent.set(agent, { agent, tool: p.tool, model: p.model, lines });
  }
  return [...byAgent.values()].sort((a, b) => b.lines - a.lines);
}
