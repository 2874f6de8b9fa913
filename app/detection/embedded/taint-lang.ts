/**
 * What the taint analysis needs to know about each grammar: which tree-sitter
 * kinds are variable references, attribute and index accesses, calls,
 * assignments, functions and lambdas, statements, and which are only types or
 * names (never evaluated). Python and JavaScript/TypeScript/TSX are covered;
 * other languages are refused by `taintLanguageProblem`.
 */
import type { EmbeddedLanguage } from "./match-types.js";

export type Family = "python" | "js";

export interface Access {
  object: string;
  member: string;
}

export interface Call {
  callee: string;
  args: string;
}

export interface Assignment {
  left: string;
  right: string;
  augmented: boolean;
}

export interface TaintLang {
  family: Family;
  /** Variable references. */
  identifiers: ReadonlySet<string>;
  /** `this` / `super`: read as the path "this". */
  self: ReadonlySet<string>;
  /** Attribute access `o.f`: the object field and the member-name field. */
  members: ReadonlyMap<string, Access>;
  /** Index access `a[i]`. */
  subscripts: ReadonlyMap<string, Access>;
  calls: ReadonlyMap<string, Call>;
  assignments: ReadonlyMap<string, Assignment>;
  /** Function definitions analysed on their own (a fresh environment). */
  functions: ReadonlySet<string>;
  /** Anonymous functions: analysed where they appear, with the environment there. */
  lambdas: ReadonlySet<string>;
  /** Statement-level kinds besides those named `*_statement`, `*_declaration`, `*_definition`, `*_clause`. */
  statements: ReadonlySet<string>;
  /** Never evaluated: types, names, punctuation-like nodes. */
  skip: ReadonlySet<string>;
  /** Destructuring / tuple targets whose named children are targets too. */
  patterns: ReadonlySet<string>;
  /** Sequence literals that pair element-wise with a sequence pattern (`a, b = x, y`). */
  sequences: ReadonlySet<string>;
  /** Slice indexes (`a[i:j]`), opaque to taint as in Semgrep's IL. */
  slices: ReadonlySet<string>;
  /** Binary operators with `left` / `right` fields (long left-nested chains are walked iteratively). */
  binary: ReadonlySet<string>;
  /** Comparison operators (for taint_assume_safe_comparisons). */
  comparisonKinds: ReadonlySet<string>;
  comparisonOperators: ReadonlySet<string>;
}

const PYTHON: TaintLang = {
  family: "python",
  identifiers: new Set(["identifier"]),
  self: new Set(),
  members: new Map([["attribute", { object: "object", member: "attribute" }]]),
  subscripts: new Map([["subscript", { object: "value", member: "subscript" }]]),
  calls: new Map([["call", { callee: "function", args: "arguments" }]]),
  assignments: new Map([
    ["assignment", { left: "left", right: "right", augmented: false }],
    ["augmented_assignment", { left: "left", right: "right", augmented: true }],
    ["named_expression", { left: "name", right: "value", augmented: false }],
  ]),
  functions: new Set(["function_definition"]),
  lambdas: new Set(["lambda"]),
  statements: new Set(["module", "block"]),
  skip: new Set([
    "comment",
    "type",
    "keyword_separator",
    "positional_separator",
    "import_prefix",
    "dotted_name",
    "relative_import",
    "aliased_import",
    "wildcard_import",
    "escape_sequence",
    "string_start",
    "string_content",
    "string_end",
    "format_specifier",
    "type_conversion",
    "ellipsis",
  ]),
  patterns: new Set([
    "pattern_list",
    "tuple_pattern",
    "list_pattern",
    "tuple",
    "list",
    "expression_list",
    "parenthesized_expression",
    "list_splat_pattern",
    "list_splat",
    "as_pattern_target",
  ]),
  sequences: new Set(["expression_list", "tuple", "list"]),
  binary: new Set(["binary_operator", "boolean_operator"]),
  slices: new Set(["slice"]),
  comparisonKinds: new Set(["comparison_operator"]),
  comparisonOperators: new Set(),
};

const JS: TaintLang = {
  family: "js",
  identifiers: new Set([
    "identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
  ]),
  self: new Set(["this", "super"]),
  members: new Map([["member_expression", { object: "object", member: "property" }]]),
  subscripts: new Map([["subscript_expression", { object: "object", member: "index" }]]),
  calls: new Map([
    ["call_expression", { callee: "function", args: "arguments" }],
    ["new_expression", { callee: "constructor", args: "arguments" }],
  ]),
  assignments: new Map([
    ["assignment_expression", { left: "left", right: "right", augmented: false }],
    ["augmented_assignment_expression", { left: "left", right: "right", augmented: true }],
    ["variable_declarator", { left: "name", right: "value", augmented: false }],
  ]),
  functions: new Set(["function_declaration", "generator_function_declaration", "method_definition"]),
  lambdas: new Set(["arrow_function", "function_expression", "function", "generator_function"]),
  statements: new Set([
    "program",
    "statement_block",
    "class_body",
    "switch_body",
    "switch_case",
    "switch_default",
  ]),
  skip: new Set([
    "comment",
    "type_annotation",
    "type_arguments",
    "type_parameters",
    "accessibility_modifier",
    "override_modifier",
    "property_identifier",
    "private_property_identifier",
    "type_identifier",
    "predefined_type",
    "statement_identifier",
    "string_fragment",
    "escape_sequence",
    "regex",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
    "import_statement",
    "ambient_declaration",
    "abstract_method_signature",
    "method_signature",
    "property_signature",
    "index_signature",
    "hash_bang_line",
    "optional_chain",
    "jsx_closing_element",
  ]),
  patterns: new Set([
    "array_pattern",
    "object_pattern",
    "rest_pattern",
    "pair_pattern",
    "assignment_pattern",
    "object_assignment_pattern",
    "parenthesized_expression",
  ]),
  sequences: new Set(["array"]),
  binary: new Set(["binary_expression"]),
  slices: new Set(),
  comparisonKinds: new Set(["binary_expression"]),
  comparisonOperators: new Set(["==", "!=", "===", "!==", "<", ">", "<=", ">=", "instanceof", "in"]),
};

export function taintLangFor(language: EmbeddedLanguage): TaintLang | null {
  switch (language) {
    case "python":
      return PYTHON;
    case "javascript":
    case "typescript":
    case "tsx":
      return JS;
    default:
      return null;
  }
}

/** Why taint mode cannot run on `language`, or null when it can. */
export function taintLanguageProblem(language: EmbeddedLanguage): string | null {
  return taintLangFor(language) === null ? "taint mode runs on python, javascript and typescript only" : null;
}

const STATEMENT = /(_statement|_declaration|_definition|_clause)$/;

/** Statement-level nodes: never sources, sinks or sanitizers themselves (Semgrep's IL has no statement nodes). */
export function isStatement(lang: TaintLang, kind: string): boolean {
  return lang.statements.has(kind) || STATEMENT.test(kind);
}
