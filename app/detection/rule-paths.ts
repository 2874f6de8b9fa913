/**
 * Does a rule apply to a repository-relative path? Semgrep semantics:
 * `paths.include` (when non-empty) keeps only matching paths, `paths.exclude`
 * drops matching paths; both are gitignore-style patterns, so `*.py` matches
 * at any depth, `/src` only at the root, and a directory pattern covers
 * everything below it. The rule's languages must also cover the file.
 */
import ignore, { type Ignore } from "ignore";
import { ruleLanguagesCover } from "./language-of.js";
import type { Rule } from "./types.js";

interface CompiledPaths {
  include: Ignore | null;
  exclude: Ignore | null;
}

const cache = new WeakMap<Rule["paths"], CompiledPaths>();

function compile(paths: Rule["paths"]): CompiledPaths {
  let compiled = cache.get(paths);
  if (compiled === undefined) {
    compiled = {
      include: paths.include.length > 0 ? ignore().add(paths.include) : null,
      exclude: paths.exclude.length > 0 ? ignore().add(paths.exclude) : null,
    };
    cache.set(paths, compiled);
  }
  return compiled;
}

/** True when the rule's `paths:` filter lets `path` through (the path must be relative, "/"-separated). */
export function rulePathsAllow(paths: Rule["paths"], path: string): boolean {
  const { include, exclude } = compile(paths);
  if (include !== null && !include.ignores(path)) return false;
  if (exclude !== null && exclude.ignores(path)) return false;
  return true;
}

/** True when the rule runs on the file: its path filter lets the path through and its languages cover it. */
export function ruleAppliesToPath(rule: Pick<Rule, "paths" | "languages">, path: string): boolean {
  return ruleLanguagesCover(rule.languages, path) && rulePathsAllow(rule.paths, path);
}
