/**
 * Taint values and the variable environment of the taint analysis.
 *
 * A taint is a set of source-match ids (which sources the data may come from),
 * capped at MAX_SOURCES so code matched by many sources (a `$X` source) stays
 * cheap; the empty set is "clean". The environment maps l-value paths (`x`,
 * `x.a`, `self.a.b`) to taints, with Semgrep's field sensitivity: reading
 * `x.a` uses the entry for `x.a`, else the closest prefix (`x` tainted makes
 * `x.a` tainted), plus whatever is recorded for extensions (`x.a.b`) since the
 * value read carries its fields; an entry holding the empty set is an explicit
 * "clean" that hides a tainted prefix. Assigning a path replaces it and drops
 * its extensions. `dead` marks an environment after return/raise/break.
 */
export type Taint = ReadonlySet<number>;

export const CLEAN: Taint = new Set<number>();

/** At most this many distinct sources are kept per value (enough to report and to unify metavariables). */
export const MAX_SOURCES = 8;

export function union(a: Taint, b: Taint): Taint {
  if (b.size === 0 || a === b) return a;
  if (a.size === 0) return b;
  if (a.size >= MAX_SOURCES) return a;
  let out: Set<number> | null = null;
  for (const id of b) {
    if (a.has(id) || (out?.has(id) ?? false)) continue;
    out ??= new Set(a);
    if (out.size >= MAX_SOURCES) break;
    out.add(id);
  }
  return out ?? a;
}

export function unionAll(taints: Iterable<Taint>): Taint {
  let out = CLEAN;
  for (const t of taints) out = union(out, t);
  return out;
}

function sameTaint(a: Taint, b: Taint): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

function parentPath(path: string): string | null {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? null : path.slice(0, dot);
}

export class TaintEnv {
  private readonly vars: Map<string, Taint>;
  dead = false;

  constructor(vars?: Map<string, Taint>) {
    this.vars = vars ?? new Map();
  }

  clone(): TaintEnv {
    const out = new TaintEnv(new Map(this.vars));
    out.dead = this.dead;
    return out;
  }

  /** The entry for `path` or its closest prefix (no extensions). */
  private lookup(path: string): Taint {
    for (let p: string | null = path; p !== null; p = parentPath(p)) {
      const found = this.vars.get(p);
      if (found !== undefined) return found;
    }
    return CLEAN;
  }

  /** What reading `path` gives: its (or its closest prefix's) taint plus its extensions' taints. */
  read(path: string): Taint {
    let out = this.lookup(path);
    const prefix = `${path}.`;
    for (const [key, taint] of this.vars) if (key.startsWith(prefix)) out = union(out, taint);
    return out;
  }

  /** `path = value`: replaces the entry (CLEAN records an explicit clean) and drops its extensions. */
  set(path: string, taint: Taint): void {
    const prefix = `${path}.`;
    for (const key of [...this.vars.keys()]) if (key.startsWith(prefix)) this.vars.delete(key);
    this.vars.set(path, taint);
  }

  /** Adds taint to `path` (a partial update such as `x[i] = v`, or a side effect); never cleans. */
  add(path: string, taint: Taint): void {
    if (taint.size === 0) return;
    this.vars.set(path, union(this.lookup(path), taint));
  }

  /** Replaces this environment's contents by `other`'s. */
  assign(other: TaintEnv): void {
    this.vars.clear();
    for (const [k, v] of other.vars) this.vars.set(k, v);
    this.dead = other.dead;
  }

  equals(other: TaintEnv): boolean {
    if (this.dead !== other.dead || this.vars.size !== other.vars.size) return false;
    for (const [k, v] of this.vars) {
      const o = other.vars.get(k);
      if (o === undefined || !sameTaint(v, o)) return false;
    }
    return true;
  }

  /** The join of control-flow paths: a path is tainted if it is on either side; dead sides do not count. */
  static join(envs: readonly TaintEnv[]): TaintEnv {
    const live = envs.filter((e) => !e.dead);
    if (live.length === 0) {
      const out = envs[0]?.clone() ?? new TaintEnv();
      out.dead = true;
      return out;
    }
    if (live.length === 1) return (live[0] as TaintEnv).clone();
    const keys = new Set<string>();
    for (const e of live) for (const k of e.vars.keys()) keys.add(k);
    const vars = new Map<string, Taint>();
    for (const key of keys) vars.set(key, unionAll(live.map((e) => e.lookup(key))));
    return new TaintEnv(vars);
  }
}
