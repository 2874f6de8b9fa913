/**
 * Candidate nodes for a pattern's root, found by ast-grep (in Rust) instead of
 * walking the tree through napi. Each compiled pattern registers a query: its
 * root kinds plus regexes the node text must match (identifiers, operators,
 * string contents, and the file's spellings of dotted names after import
 * aliasing). The first candidate request on a file runs one search covering
 * the queries of every pattern registered so far, so a file costs about one
 * tree search however many patterns are run on it; results are pooled on the
 * file and each pattern filters the pool with its own query.
 */
import { chainSpellings } from "./imports.js";
import type { EmbeddedLanguage } from "./match-types.js";
import type { FileState, TNode } from "./target-tree.js";

export interface CandidateQuery {
  readonly id: number;
  readonly kinds: ReadonlySet<string>;
  /** Regex sources valid both in JavaScript and in ast-grep's Rust regex. */
  readonly regexes: readonly string[];
  readonly compiled: readonly RegExp[];
  /** Dotted names ("os.system") the node text must contain in one of the file's spellings. */
  readonly chains: readonly string[];
}

/** Queries beyond this many are searched one by one rather than in the shared first search. */
const MAX_SHARED = 256;
let nextId = 0;

export class CandidateIndex {
  private readonly queries = new Map<EmbeddedLanguage, CandidateQuery[]>();
  private readonly plain = new Map<string, CandidateQuery>();

  /** The (registered once) query for nodes of `kinds` whose text matches every regex. */
  query(language: EmbeddedLanguage, kinds: readonly string[], regexes: readonly string[]): CandidateQuery {
    const key = `${language}\u0000${kinds.join(",")}\u0000${regexes.join("\u0000")}`;
    let q = this.plain.get(key);
    if (!q) {
      q = this.register(language, kinds, regexes, []);
      this.plain.set(key, q);
    }
    return q;
  }

  register(
    language: EmbeddedLanguage,
    kinds: readonly string[],
    regexes: readonly string[],
    chains: readonly string[],
  ): CandidateQuery {
    const q: CandidateQuery = {
      id: nextId++,
      kinds: new Set(kinds),
      regexes,
      compiled: regexes.map((r) => new RegExp(r)),
      chains,
    };
    const list = this.queries.get(language) ?? [];
    list.push(q);
    this.queries.set(language, list);
    return q;
  }

  /** Per language, the queries candidates were asked for (on any file). */
  private readonly used = new Map<EmbeddedLanguage, Set<number>>();

  /** Nodes of the query's kinds whose text passes its filters. */
  candidates(file: FileState, q: CandidateQuery): TNode[] {
    const pool = (file.pool ??= { covered: new Set(), byKind: new Map(), seen: new Map() });
    if (!pool.covered.has(q.id)) {
      // Queries whose filters fail on the whole text cannot match any node of it; they are left out (and covered).
      // Once files of this language were searched, only the queries used on them are shared.
      const used = this.used.get(file.language);
      const shared =
        pool.covered.size === 0
          ? (this.queries.get(file.language) ?? [])
              .filter((p) => {
                if (p.compiled.every((r) => r.test(file.text))) return !used || used.has(p.id);
                pool.covered.add(p.id);
                return false;
              })
              .slice(0, MAX_SHARED)
          : [];
      const pending = shared.includes(q) ? shared : [...shared, q];
      // Per kind, one regex: the alternation of each query's most selective filter (a superset of every query).
      // Only names and strings are numerous enough for a regex (compiled by ast-grep on every search) to pay
      // off; other kinds are fetched whole and filtered here.
      const spec = file.spec;
      const numerous = (kind: string): boolean =>
        spec.identifiers.has(kind) || spec.strings.has(kind) || spec.stringParts.has(kind);
      const byKind = new Map<string, Set<string> | null>();
      for (const p of pending) {
        pool.covered.add(p.id);
        let key: string | null | undefined;
        for (const kind of p.kinds) {
          const alts = byKind.get(kind);
          if (alts === null) continue;
          if (!numerous(kind)) {
            byKind.set(kind, null);
            continue;
          }
          key ??= spellings(p, file)[0] ?? p.regexes[0] ?? null;
          byKind.set(kind, key === null ? null : (alts ?? new Set()).add(key));
        }
      }
      const rules: Record<string, unknown>[] = [];
      for (const [kind, alts] of byKind) {
        const rule = file.rule([kind], alts ? [[...alts].map((a) => `(?:${a})`).join("|")] : []);
        if (rule) rules.push(rule);
      }
      const found =
        rules.length === 0 ? [] : file.search(rules.length === 1 ? (rules[0] ?? {}) : { any: rules });
      for (const t of found) {
        if (pool.seen.has(t)) continue;
        pool.seen.set(t, pool.seen.size);
        const same = pool.byKind.get(t.kind);
        if (same) same.push(t);
        else pool.byKind.set(t.kind, [t]);
      }
    }
    // Empty files (language probes, pattern validation) say nothing about what real files need.
    if (file.text !== "") {
      const used = this.used.get(file.language) ?? new Set<number>();
      this.used.set(file.language, used.add(q.id));
    }
    // The pool's nodes of the query's kinds, in pool order.
    let nodes: TNode[] = [];
    for (const kind of q.kinds) {
      const same = pool.byKind.get(kind);
      if (same) nodes = nodes.length === 0 ? same : [...nodes, ...same];
    }
    if (nodes.length > 0 && q.kinds.size > 1) nodes = [...nodes].sort((a, b) => order(a) - order(b));
    const filters = [...q.compiled, ...spelled(q, file).map((s) => s.re)];
    if (filters.length === 0) return [...nodes];
    const out: TNode[] = [];
    for (const t of nodes) {
      const text = t.text;
      if (filters.every((r) => r.test(text))) out.push(t);
    }
    return out;

    function order(t: TNode): number {
      return pool.seen.get(t) ?? 0;
    }
  }
}

const spellingMemo = new WeakMap<FileState, Map<string, { source: string; re: RegExp }>>();

/** Per chain of the query, its spellings in this file: regex source and compiled (once per file and chain). */
function spelled(q: CandidateQuery, file: FileState): Array<{ source: string; re: RegExp }> {
  if (q.chains.length === 0) return [];
  let memo = spellingMemo.get(file);
  if (!memo) {
    memo = new Map();
    spellingMemo.set(file, memo);
  }
  const out: Array<{ source: string; re: RegExp }> = [];
  for (const chain of q.chains) {
    let entry = memo.get(chain);
    if (!entry) {
      const source = chainSpellings(chain, file);
      entry = { source, re: new RegExp(source) };
      memo.set(chain, entry);
    }
    out.push(entry);
  }
  return out;
}

function spellings(q: CandidateQuery, file: FileState): string[] {
  return spelled(q, file).map((s) => s.source);
}
