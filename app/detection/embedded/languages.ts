/**
 * Grammar registration and parsing for the structural matcher. Nothing happens
 * at import time: the dynamic grammars (Python, Go, Java) are registered on the
 * first parse. @ast-grep/napi accepts exactly one `registerDynamicLanguage`
 * call per process (later calls are silently ignored), so every part of the
 * program must parse through `parseSource` / `ensureGrammars` here.
 */
import { kind, Lang, parse, parseAsync, registerDynamicLanguage } from "@ast-grep/napi";
import type { SgRoot } from "@ast-grep/napi";
import python from "@ast-grep/lang-python";
import go from "@ast-grep/lang-go";
import java from "@ast-grep/lang-java";
import type { EmbeddedLanguage } from "./match-types.js";

let registered = false;

/** Registers the dynamic grammars once per process. Safe to call repeatedly. */
export function ensureGrammars(): void {
  if (registered) return;
  registerDynamicLanguage({ python, go, java });
  registered = true;
}

/** The @ast-grep/napi language name for one of our languages. */
export function grammarName(language: EmbeddedLanguage): string {
  switch (language) {
    case "python":
      return "python";
    case "javascript":
      return Lang.JavaScript;
    case "typescript":
      return Lang.TypeScript;
    case "tsx":
      return Lang.Tsx;
    case "go":
      return "go";
    case "java":
      return "java";
  }
}

/** Parses `text` with the language's tree-sitter grammar. Offsets in the tree are UTF-16 indices. */
export function parseSource(language: EmbeddedLanguage, text: string): SgRoot {
  ensureGrammars();
  try {
    return parse(grammarName(language), text);
  } catch (e) {
    throw parseError(language, e);
  }
}

/** parseSource on a worker thread (ast-grep's parseAsync), so parsing overlaps work on the main thread. */
export async function parseSourceAsync(language: EmbeddedLanguage, text: string): Promise<SgRoot> {
  ensureGrammars();
  try {
    return await parseAsync(grammarName(language), text);
  } catch (e) {
    throw parseError(language, e);
  }
}

function parseError(language: EmbeddedLanguage, e: unknown): unknown {
  if (e instanceof Error && /not supported/.test(e.message)) {
    return new Error(
      `${language} grammar is not registered: registerDynamicLanguage ran elsewhere first (call ensureGrammars() from languages.ts instead)`,
    );
  }
  return e;
}

const kindValidity = new Map<string, boolean>();

/** The subset of `kinds` that exist in the language's grammar (ast-grep rejects rules naming unknown kinds). */
export function knownKinds(language: EmbeddedLanguage, kinds: readonly string[]): string[] {
  ensureGrammars();
  const grammar = grammarName(language);
  return kinds.filter((k) => {
    const cacheKey = `${grammar}\0${k}`;
    let ok = kindValidity.get(cacheKey);
    if (ok === undefined) {
      ok = kind(grammar, k) !== 0;
      kindValidity.set(cacheKey, ok);
    }
    return ok;
  });
}
