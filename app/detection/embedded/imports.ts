/**
 * Import aliasing (Semgrep's import equivalences): a pattern naming
 * `os.system` also matches `system` after `from os import system`, `o.system`
 * after `import os as o`, and in JavaScript `cp.exec` after
 * `const cp = require("child_process")` / `import * as cp from "child_process"`,
 * `exec` after `import { exec } from "child_process"` or
 * `const { exec } = require("child_process")`, and in Java `MessageDigest`
 * after `import java.security.MessageDigest;`.
 */
import { escapeRegex, stringContent } from "./target-tree.js";
import type { FileState, TNode } from "./target-tree.js";

/** Local name → fully qualified dotted name, from the file's imports (computed once per file). */
export function importAliases(file: FileState): ReadonlyMap<string, string> {
  if (file.aliasMemo) return file.aliasMemo;
  const aliases = new Map<string, string>();
  if (file.spec.family === "python") pythonAliases(file, aliases);
  else if (file.spec.family === "js") jsAliases(file, aliases);
  else if (file.spec.family === "java") javaAliases(file, aliases);
  file.aliasMemo = aliases;
  return aliases;
}

function dotted(t: TNode): string {
  return t.text.replace(/\s+/g, "");
}

function pythonAliases(file: FileState, aliases: Map<string, string>): void {
  if (!file.text.includes("import")) return;
  for (const stmt of file.findAll(["import_statement", "import_from_statement"])) {
    const items = stmt.sig();
    if (stmt.kind === "import_statement") {
      for (const item of items.slice(1)) {
        const parts = item.sig();
        const local = parts[parts.length - 1];
        if (item.kind === "aliased_import" && parts[0] && local) aliases.set(local.text, dotted(parts[0]));
      }
      continue;
    }
    const module = items[1];
    if (!module || module.kind !== "dotted_name") continue;
    for (const item of items.slice(3)) {
      if (item.kind === "dotted_name") aliases.set(item.text, `${dotted(module)}.${dotted(item)}`);
      else if (item.kind === "aliased_import") {
        const parts = item.sig();
        const local = parts[parts.length - 1];
        if (parts[0] && local) aliases.set(local.text, `${dotted(module)}.${dotted(parts[0])}`);
      }
    }
  }
}

/** Java `import a.b.C;` and `import static a.b.C.m;` (not `a.b.*`): the last name stands for the whole. */
function javaAliases(file: FileState, aliases: Map<string, string>): void {
  if (!file.text.includes("import")) return;
  for (const stmt of file.findAll(["import_declaration"])) {
    const items = stmt.sig();
    if (items.some((c) => c.kind === "asterisk")) continue;
    const name = items.find((c) => c.kind === "scoped_identifier");
    const last = name?.sig().at(-1);
    if (name && last) aliases.set(last.text, dotted(name));
  }
}

/** `require("m")` → "m", `require("m").x` → "m.x", otherwise null. */
function requiredModule(t: TNode, file: FileState): string | null {
  const spec = file.spec;
  if (spec.members.has(t.kind)) {
    const parts = t.sig();
    const obj = parts[0];
    const prop = parts[parts.length - 1];
    const base = obj ? requiredModule(obj, file) : null;
    return base !== null && prop && spec.identifiers.has(prop.kind) ? `${base}.${prop.text}` : null;
  }
  if (t.kind !== "call_expression") return null;
  const [callee, args] = t.sig();
  if (!callee || callee.text !== "require" || !args) return null;
  const arg = args.sig()[0];
  return arg && spec.strings.has(arg.kind) ? stringContent(arg) : null;
}

function jsAliases(file: FileState, aliases: Map<string, string>): void {
  const text = file.text;
  if (text.includes("import")) {
    for (const stmt of file.findAll(["import_statement"])) {
      const items = stmt.sig();
      const source = items.find((c) => file.spec.strings.has(c.kind));
      const module = source ? stringContent(source) : null;
      const clause = items.find((c) => c.kind === "import_clause");
      if (module === null || !clause) continue;
      for (const part of clause.sig()) {
        if (part.kind === "identifier") aliases.set(part.text, module);
        else if (part.kind === "namespace_import") {
          const local = part.sig().at(-1);
          if (local) aliases.set(local.text, module);
        } else if (part.kind === "named_imports") {
          for (const spec of part.sig()) {
            const names = spec.sig().filter((c) => c.named);
            const name = names[0];
            const local = names[names.length - 1];
            if (name && local) aliases.set(local.text, `${module}.${name.text}`);
          }
        }
      }
    }
  }
  if (!text.includes("require")) return;
  for (const decl of file.findAll(["variable_declarator"], file.root, ["require"])) {
    const items = decl.sig();
    const target = items[0];
    const value = items[items.length - 1];
    const module = value && value !== target ? requiredModule(value, file) : null;
    if (!target || module === null) continue;
    if (target.kind === "identifier") aliases.set(target.text, module);
    else if (target.kind === "object_pattern") {
      for (const prop of target.sig()) {
        if (prop.kind === "shorthand_property_identifier_pattern")
          aliases.set(prop.text, `${module}.${prop.text}`);
        else if (prop.kind === "pair_pattern") {
          const [key, local] = prop.sig();
          if (key && local?.kind === "identifier") aliases.set(local.text, `${module}.${key.text}`);
        }
      }
    }
  }
}

/** The qualified name an identifier or attribute chain resolves to through an import alias, or null. */
export function resolveDotted(t: TNode, file: FileState): string | null {
  const spec = file.spec;
  const aliases = importAliases(file);
  if (aliases.size === 0) return null;
  const parts: string[] = [];
  let cur: TNode | undefined = t;
  while (cur && spec.members.has(cur.kind)) {
    const items: readonly TNode[] = cur.sig();
    const prop = items[items.length - 1];
    if (!prop || !spec.identifiers.has(prop.kind)) return null;
    parts.unshift(prop.text);
    cur = items[0];
  }
  if (!cur || !spec.identifiers.has(cur.kind)) return null;
  const base = aliases.get(cur.text);
  return base === undefined ? null : [base, ...parts].join(".");
}

/**
 * A regex (Rust/JS syntax) matching every way `chain` ("a.b.c") can be spelled
 * in this file: literally, or through an import alias of one of its prefixes.
 * A chain ending in ".*" ("a.b.*", the object of `a.b.$X`) is also spelled by
 * any local name imported from under "a.b".
 */
export function chainSpellings(chain: string, file: FileState): string {
  const under = chain.endsWith(".*");
  const name = under ? chain.slice(0, -2) : chain;
  const spellings = new Set([name]);
  for (const [local, qualified] of importAliases(file)) {
    if (name === qualified || name.startsWith(`${qualified}.`))
      spellings.add(local + name.slice(qualified.length));
    else if (under && qualified.startsWith(`${name}.`)) spellings.add(local);
  }
  const sep = file.spec.family === "js" ? "\\s*\\??\\.\\s*" : "\\s*\\.\\s*";
  return [...spellings].map((s) => s.split(".").map(escapeRegex).join(sep)).join("|");
}
