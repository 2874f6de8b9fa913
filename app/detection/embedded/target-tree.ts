/**
 * The target side of matching: a lazily materialised, memoised view of a
 * file's tree-sitter tree. Each napi node is converted at most once per file
 * (kind, named-ness, offsets, children), so matching many patterns against the
 * same file does not cross the napi boundary again for nodes already seen.
 * Candidate lookups by kind run inside ast-grep (Rust) and are cached per file.
 */
import type { NapiConfig, SgNode, SgRoot } from "@ast-grep/napi";
import type { CandidateIndex } from "./candidates.js";
import type { LangSpec } from "./lang-spec.js";
import { knownKinds } from "./languages.js";
import type { EmbeddedLanguage, PatternMatch } from "./match-types.js";

export class TNode {
  private kindMemo: string | undefined;
  private namedMemo: boolean | undefined;
  private startMemo = -1;
  private endMemo = -1;
  private childrenMemo: TNode[] | undefined;
  private sigMemo: TNode[] | undefined;
  private keyMemo: string | undefined;
  private textMemo: string | undefined;

  constructor(
    readonly sg: SgNode,
    readonly file: FileState,
    named?: boolean,
  ) {
    this.namedMemo = named;
  }

  get kind(): string {
    return (this.kindMemo ??= String(this.sg.kind()));
  }

  get named(): boolean {
    return (this.namedMemo ??= this.sg.isNamed());
  }

  get start(): number {
    if (this.startMemo < 0) this.loadRange();
    return this.startMemo;
  }

  get end(): number {
    if (this.endMemo < 0) this.loadRange();
    return this.endMemo;
  }

  get text(): string {
    if (this.textMemo === undefined) {
      this.textMemo =
        this.startMemo >= 0 ? this.file.text.slice(this.startMemo, this.endMemo) : this.sg.text();
    }
    return this.textMemo;
  }

  children(): readonly TNode[] {
    return (this.childrenMemo ??= this.sg.children().map((c) => this.file.wrap(c)));
  }

  private namedChildren(): TNode[] {
    return this.sg.namedChildren().map((c) => this.file.wrap(c, true));
  }

  get isLeaf(): boolean {
    return this.children().length === 0;
  }

  /** Children that take part in matching: no comments, punctuation or blank JSX text. */
  sig(): readonly TNode[] {
    if (this.sigMemo) return this.sigMemo;
    const spec = this.file.spec;
    if (spec.namedOnly.has(this.kind)) {
      const named = this.childrenMemo ? this.childrenMemo.filter((c) => c.named) : this.namedChildren();
      this.sigMemo = named.filter((c) => !spec.comments.has(c.kind));
      return this.sigMemo;
    }
    const jsx = this.kind.startsWith("jsx_");
    this.sigMemo = this.children().filter((c) => {
      const kind = c.kind;
      if (spec.comments.has(kind) || spec.delimiters.has(kind)) return false;
      if (!c.named && (spec.punctuation.has(kind) || (jsx && spec.jsxPunctuation.has(kind)))) return false;
      if (spec.textLeaves.has(kind) && c.text.trim() === "") return false;
      return true;
    });
    return this.sigMemo;
  }

  /** Normalised text used to unify metavariables: tokens joined by one space, comments dropped, strings by content. */
  key(): string {
    if (this.keyMemo !== undefined) return this.keyMemo;
    const spec = this.file.spec;
    let key: string;
    const content = spec.strings.has(this.kind) ? stringContent(this) : null;
    if (content !== null) key = `"${content}"`;
    // One word is one token, whatever the node: its key is its text (no need to look at children).
    else if (ONE_WORD.test(this.text)) key = this.text;
    else if (this.isLeaf) key = this.text.trim();
    else
      key = this.children()
        .filter((c) => !spec.comments.has(c.kind))
        .map((c) => c.key())
        .filter((k) => k !== "")
        .join(" ");
    this.keyMemo = key;
    return key;
  }

  private loadRange(): void {
    const r = this.sg.range();
    this.startMemo = r.start.index;
    this.endMemo = r.end.index;
  }
}

const ONE_WORD = /^[\w$]+$/;

const PY_STRING = /^([rRbBuUfF]*)("""|'''|"|')/;

/** The raw (unescaped) content of a non-interpolated string literal, or null. */
export function stringContent(t: TNode): string | null {
  const text = t.text;
  if (t.kind === "concatenated_string") {
    const parts = t.sig().map(stringContent);
    return parts.every((c) => c !== null) ? parts.join("") : null;
  }
  if (t.file.spec.family === "python") {
    const m = PY_STRING.exec(text);
    if (!m) return null;
    const prefix = m[1] ?? "";
    const quote = m[2] ?? '"';
    const body = text.slice(prefix.length + quote.length, text.length - quote.length);
    if (/[fF]/.test(prefix) && body.includes("{")) return null;
    return body;
  }
  if (text.length < 2) return null;
  if (text.startsWith("`") && text.includes("${")) return null;
  return text.slice(1, -1);
}

/** Statements of a block plus those of every block nested in it, in source (pre-)order. */
export interface FlatStatements {
  items: readonly TNode[];
  indexOf: ReadonlyMap<TNode, number>;
}

/** Everything the matcher keeps about one parsed file (the `tree` of a ParsedFile). */
export class FileState {
  readonly root: TNode;
  private readonly nodes = new Map<number, TNode>();
  private readonly candidatesMemo = new Map<string, TNode[]>();
  /** Candidate pool shared by the patterns run on this file (see candidates.ts). */
  pool:
    | {
        covered: Set<number>;
        /** Found nodes by kind, each list in search order. */
        byKind: Map<string, TNode[]>;
        /** Found node → its position in search order. */
        seen: Map<TNode, number>;
      }
    | undefined;
  private readonly flatMemo = new Map<TNode, FlatStatements>();
  aliasMemo: ReadonlyMap<string, string> | undefined;
  /** Matches per pattern (see structural-matcher.ts). */
  readonly matchMemo = new Map<string, PatternMatch[]>();

  /** `index`: file-wide lookups go through its shared candidate search (one ast-grep search per file). */
  constructor(
    readonly language: EmbeddedLanguage,
    readonly text: string,
    readonly spec: LangSpec,
    readonly sgRoot: SgRoot,
    private readonly index: CandidateIndex | null = null,
  ) {
    this.root = this.wrap(sgRoot.root());
  }

  /** The one TNode of a napi node (found by search or as a child), so its memoised views are shared. */
  wrap(sg: SgNode, named?: boolean): TNode {
    const id = sg.id();
    let node = this.nodes.get(id);
    if (!node) {
      node = new TNode(sg, this, named);
      this.nodes.set(id, node);
    }
    return node;
  }

  /** Nodes of the given kinds under `within` whose text matches every regex (ast-grep search, cached). */
  findAll(kinds: readonly string[], within: TNode = this.root, regexes: readonly string[] = []): TNode[] {
    const scope = within === this.root ? "" : `${within.start}:${within.end}:`;
    const cacheKey = `${scope}${kinds.join(",")}|${regexes.join("\u0000")}`;
    let found = this.candidatesMemo.get(cacheKey);
    if (!found) {
      const rule = this.rule(kinds, regexes);
      found = rule ? this.search(rule, within) : [];
      this.candidatesMemo.set(cacheKey, found);
    }
    return found;
  }

  /**
   * Nodes of the given kinds in the file, in source order, like findAll but
   * through the matcher's shared candidate search (no search of their own once
   * earlier files asked for them). Not for import lookups, which that search needs first.
   */
  lookup(kinds: readonly string[]): TNode[] {
    if (!this.index) return this.findAll(kinds);
    const cacheKey = `=${kinds.join(",")}`;
    let found = this.candidatesMemo.get(cacheKey);
    if (!found) {
      const q = this.index.query(this.language, kinds, []);
      found = this.index.candidates(this, q).sort((a, b) => a.start - b.start || b.end - a.end);
      this.candidatesMemo.set(cacheKey, found);
    }
    return found;
  }

  /** An ast-grep rule for nodes of `kinds` (those the grammar knows) matching every regex, or null. */
  rule(kinds: readonly string[], regexes: readonly string[]): Record<string, unknown> | null {
    const valid = knownKinds(this.language, kinds);
    if (valid.length === 0) return null;
    const byKind = valid.length === 1 ? { kind: valid[0] } : { any: valid.map((kind) => ({ kind })) };
    return regexes.length === 0 ? byKind : { all: [byKind, ...regexes.map((regex) => ({ regex }))] };
  }

  search(rule: Record<string, unknown>, within: TNode = this.root): TNode[] {
    return within.sg.findAll({ rule } as NapiConfig).map((n) => this.wrap(n));
  }

  private readonly kindSpans = new Map<ReadonlySet<string>, Spans>();
  private blockSpans: Spans | undefined;

  private spansOf(kinds: ReadonlySet<string> | null): Spans {
    if (kinds === null) {
      if (!this.blockSpans) this.blockSpans = spans(this.lookup([...this.spec.blocks]));
      return this.blockSpans;
    }
    let s = this.kindSpans.get(kinds);
    if (!s) {
      s = spans(this.lookup([...kinds]));
      this.kindSpans.set(kinds, s);
    }
    return s;
  }

  /**
   * Whether `t` is or contains a node of one of `kinds` (one search per kind
   * set; see match-kinds.ts). With `outsideBlocks`, nodes inside a block nested
   * in `t` do not count (statement matching never enters those blocks).
   */
  holdsKind(kinds: ReadonlySet<string>, t: TNode, outsideBlocks = false): boolean {
    const { starts, ends } = this.spansOf(kinds);
    const start = t.start;
    const end = t.end;
    // Nodes starting inside t are inside it, but for ancestors sharing its start: a short scan.
    for (let i = firstAtOrAfter(starts, start); i < starts.length && (starts[i] ?? 0) <= end; i++) {
      const nEnd = ends[i] ?? 0;
      if (nEnd > end) continue;
      if (!outsideBlocks || !this.inNestedBlock(starts[i] ?? 0, nEnd, t)) return true;
    }
    return false;
  }

  /** Whether [nStart, nEnd) lies in a block inside `t` (other than `t` itself). */
  private inNestedBlock(nStart: number, nEnd: number, t: TNode): boolean {
    const { starts, ends } = this.spansOf(null);
    // Blocks starting in [t.start, nStart], latest first.
    for (let i = firstAtOrAfter(starts, nStart + 1) - 1; i >= 0 && (starts[i] ?? 0) >= t.start; i--) {
      const bStart = starts[i] ?? 0;
      const bEnd = ends[i] ?? 0;
      if (bEnd >= nEnd && bEnd <= t.end && (bStart !== t.start || bEnd !== t.end)) return true;
    }
    return false;
  }

  flatStatements(block: TNode): FlatStatements {
    const memo = this.flatMemo.get(block);
    if (memo) return memo;
    const items = [...block.sig()];
    for (const nested of this.lookup([...this.spec.blocks])) {
      if (nested !== block && nested.start >= block.start && nested.end <= block.end)
        items.push(...nested.sig());
    }
    items.sort((a, b) => a.start - b.start || b.end - a.end);
    const flat = { items, indexOf: new Map(items.map((n, i) => [n, i])) };
    this.flatMemo.set(block, flat);
    return flat;
  }
}

interface Spans {
  starts: number[];
  ends: number[];
}

/** Offsets of nodes given in source order (by start, then outermost first). */
function spans(nodes: readonly TNode[]): Spans {
  return { starts: nodes.map((n) => n.start), ends: nodes.map((n) => n.end) };
}

/** Index of the first start >= `offset` in the ascending `starts`. */
function firstAtOrAfter(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
