/**
 * Per-language tables that tell the structural matcher how to read tree-sitter
 * trees with Semgrep's semantics: which nodes are statement lists, strings,
 * numbers, attribute chains; which tokens are punctuation; which children a
 * pattern may leave out; which lists are unordered.
 */
import type { EmbeddedLanguage } from "./match-types.js";

export type Family = "python" | "js" | "go" | "java";

/** A list whose items (after `lead` ordered items, before `trail` ordered items) match in any order. */
export interface UnorderedList {
  lead: number;
  trail: number;
  /** Extra target items are allowed even when the pattern has no `...`. */
  implicitEllipsis: boolean;
}

export interface LangSpec {
  family: Family;
  comments: ReadonlySet<string>;
  /** Statement lists: children are statements, matched as sequences (with deep `...`). */
  blocks: ReadonlySet<string>;
  /** Anonymous tokens ignored when comparing children. */
  punctuation: ReadonlySet<string>;
  /** Extra anonymous tokens ignored under parents whose kind starts with "jsx_". */
  jsxPunctuation: ReadonlySet<string>;
  strings: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  parens: ReadonlySet<string>;
  expressionStatement: string;
  /** Attribute/member access kinds (`a.b`). */
  members: ReadonlySet<string>;
  /** Call kinds; their first significant child is the callee. */
  calls: ReadonlySet<string>;
  subscripts: ReadonlySet<string>;
  identifiers: ReadonlySet<string>;
  /** Python keyword argument kind (matched by name in any order). */
  keywordArgument: string | null;
  argumentLists: ReadonlySet<string>;
  /** Target children a pattern may omit: parent kind (or "*") → child kinds. */
  optional: ReadonlyMap<string, ReadonlySet<string>>;
  /** Extra target kinds a pattern node of this kind may match (children compared as usual). */
  equivalents: ReadonlyMap<string, readonly string[]>;
  /** Function-like kinds compared by (name, parameters, body). */
  functions: ReadonlySet<string>;
  unordered: ReadonlyMap<string, UnorderedList>;
  /** Leaves whose whitespace-only text is ignored (JSX text). */
  textLeaves: ReadonlySet<string>;
  /** Lists whose anonymous children are all punctuation: their significant children are the named ones. */
  namedOnly: ReadonlySet<string>;
  /** Import statements: a bare identifier pattern does not match inside them (Semgrep: `foo` ≠ `import foo`). */
  imports: ReadonlySet<string>;
  /** Text pieces of interpolated strings (f-strings, template literals). */
  stringParts: ReadonlySet<string>;
  /** Named delimiter nodes of strings, ignored like punctuation. */
  delimiters: ReadonlySet<string>;
  /** Binary operations: `a + b + ...` absorbs further operands of the same operator. */
  binaries: ReadonlySet<string>;
  /** Nodes that are not expressions: `<... $X ...>` looks inside them but never binds one as a whole. */
  nonExpressions: ReadonlySet<string>;
  /** Optional tails: parent kind → the token that starts them (`else` ...), dropped when the pattern has no such token. */
  optionalTails?: ReadonlyMap<string, string>;
  /** Optional children named by grammar field: parent kind → field names (Go function results). */
  optionalFields?: ReadonlyMap<string, readonly string[]>;
  /**
   * Patterns may rely on tree-sitter's error recovery: a missing `;` is ignored,
   * and a node whose text is one placeholder (`...` as a Java class member or
   * parameter, parsed with a missing name) stands for that placeholder.
   */
  lenient?: boolean;
  /** With `lenient`: a parse error starting with this keyword is this (partial) statement. */
  partialStatements?: ReadonlyMap<string, string>;
}

const set = (...items: string[]): ReadonlySet<string> => new Set(items);

const PYTHON: LangSpec = {
  family: "python",
  comments: set("comment"),
  blocks: set("module", "block"),
  punctuation: set(",", ";", "(", ")", "[", "]", "{", "}", ":", ".", "line_continuation"),
  jsxPunctuation: set(),
  strings: set("string", "concatenated_string"),
  numbers: set("integer", "float"),
  parens: set("parenthesized_expression"),
  expressionStatement: "expression_statement",
  members: set("attribute"),
  calls: set("call"),
  subscripts: set("subscript"),
  identifiers: set("identifier"),
  keywordArgument: "keyword_argument",
  argumentLists: set("argument_list"),
  optional: new Map([
    ["*", set("comment", "format_specifier", "type_conversion")],
    ["function_definition", set("async", "->", "type")],
    ["class_definition", set("argument_list", "type_parameter")],
    ["if_statement", set("elif_clause", "else_clause")],
    ["for_statement", set("async", "else_clause")],
    ["while_statement", set("else_clause")],
    ["try_statement", set("else_clause", "finally_clause")],
    ["with_statement", set("async")],
    ["assignment", set("type")],
  ]),
  equivalents: new Map([["dictionary", ["set"]]]),
  functions: set(),
  unordered: new Map([
    ["dictionary", { lead: 0, trail: 0, implicitEllipsis: false }],
    ["set", { lead: 0, trail: 0, implicitEllipsis: false }],
    ["import_statement", { lead: 1, trail: 0, implicitEllipsis: true }],
    ["import_from_statement", { lead: 3, trail: 0, implicitEllipsis: true }],
    ["decorated_definition", { lead: 0, trail: 1, implicitEllipsis: true }],
  ]),
  textLeaves: set(),
  namedOnly: set(
    "module",
    "block",
    "argument_list",
    "parameters",
    "lambda_parameters",
    "list",
    "tuple",
    "set",
    "dictionary",
    "expression_list",
  ),
  imports: set("import_statement", "import_from_statement", "future_import_statement"),
  stringParts: set("string_content"),
  delimiters: set("string_start", "string_end"),
  binaries: set("binary_operator", "boolean_operator"),
  nonExpressions: set(
    "argument_list",
    "keyword_argument",
    "dictionary_splat",
    "list_splat",
    "pair",
    "interpolation",
    "type_conversion",
    "format_specifier",
    "escape_sequence",
    "string_content",
    "string_start",
    "string_end",
    "parameters",
    "lambda_parameters",
  ),
};

const JS_OPTIONAL_ANY = set(
  "comment",
  "html_comment",
  "async",
  "type_annotation",
  "type_parameters",
  "type_arguments",
  "optional_chain",
  "accessibility_modifier",
  "override_modifier",
  "readonly",
  "decorator",
  "regex_flags",
  "omitting_type_annotation",
  "asserts_annotation",
  "type_predicate_annotation",
);

const JS: LangSpec = {
  family: "js",
  comments: set("comment", "html_comment"),
  blocks: set("program", "statement_block"),
  punctuation: set(
    ",",
    ";",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ".",
    "var",
    "let",
    "const",
    '"',
    "'",
    "`",
    "${",
  ),
  jsxPunctuation: set("<", ">", "</", "/>"),
  strings: set("string", "template_string"),
  numbers: set("number"),
  // `{e}` in JSX is as transparent as parentheses: `attr={$X}` also matches `attr="s"`.
  parens: set("parenthesized_expression", "jsx_expression"),
  expressionStatement: "expression_statement",
  members: set("member_expression"),
  calls: set("call_expression", "new_expression"),
  subscripts: set("subscript_expression"),
  identifiers: set(
    "identifier",
    "property_identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
    "type_identifier",
    "statement_identifier",
  ),
  keywordArgument: null,
  argumentLists: set("arguments"),
  optional: new Map([
    ["*", JS_OPTIONAL_ANY],
    ["if_statement", set("else_clause")],
    ["try_statement", set("catch_clause", "finally_clause")],
  ]),
  equivalents: new Map([
    ["assignment_expression", ["variable_declarator"]],
    ["variable_declaration", ["lexical_declaration"]],
    ["lexical_declaration", ["variable_declaration"]],
    ["jsx_self_closing_element", ["jsx_element"]],
  ]),
  functions: set(
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "generator_function_declaration",
    "generator_function",
    "method_definition",
  ),
  unordered: new Map([
    ["object", { lead: 0, trail: 0, implicitEllipsis: true }],
    ["object_pattern", { lead: 0, trail: 0, implicitEllipsis: true }],
    ["named_imports", { lead: 0, trail: 0, implicitEllipsis: true }],
    ["lexical_declaration", { lead: 0, trail: 0, implicitEllipsis: true }],
    ["variable_declaration", { lead: 0, trail: 0, implicitEllipsis: true }],
    ["jsx_opening_element", { lead: 1, trail: 0, implicitEllipsis: true }],
    ["jsx_self_closing_element", { lead: 1, trail: 0, implicitEllipsis: true }],
  ]),
  textLeaves: set("jsx_text"),
  namedOnly: set(
    "program",
    "statement_block",
    "arguments",
    "formal_parameters",
    "array",
    "object",
    "class_body",
    "named_imports",
    "object_pattern",
    "array_pattern",
  ),
  imports: set("import_statement"),
  stringParts: set("string_fragment"),
  delimiters: set(),
  binaries: set("binary_expression"),
  nonExpressions: set(
    "arguments",
    "pair",
    "property_identifier",
    "private_property_identifier",
    "computed_property_name",
    "template_substitution",
    "string_fragment",
    "escape_sequence",
    "formal_parameters",
    "type_annotation",
    "type_arguments",
    "jsx_attribute",
    "jsx_opening_element",
    "jsx_closing_element",
    "jsx_text",
  ),
};

const GO_TYPES = [
  "type_identifier",
  "qualified_type",
  "pointer_type",
  "slice_type",
  "array_type",
  "map_type",
  "channel_type",
  "function_type",
  "interface_type",
  "struct_type",
  "generic_type",
];

const GO: LangSpec = {
  family: "go",
  comments: set("comment"),
  blocks: set("source_file", "statement_list"),
  punctuation: set(",", ";", "(", ")", "[", "]", "{", "}", ":", ".", "\n", "", '"', "`"),
  jsxPunctuation: set(),
  strings: set("interpreted_string_literal", "raw_string_literal"),
  numbers: set("int_literal", "float_literal", "imaginary_literal"),
  parens: set("parenthesized_expression"),
  expressionStatement: "expression_statement",
  members: set("selector_expression"),
  calls: set("call_expression"),
  subscripts: set("index_expression"),
  identifiers: set("identifier", "field_identifier", "package_identifier", "type_identifier", "label_name"),
  keywordArgument: null,
  argumentLists: set("argument_list"),
  optional: new Map([["*", set("comment")]]),
  equivalents: new Map(),
  functions: set(),
  unordered: new Map(),
  textLeaves: set(),
  namedOnly: set(
    "source_file",
    "statement_list",
    "argument_list",
    "parameter_list",
    "expression_list",
    "literal_value",
    "import_spec_list",
  ),
  imports: set("import_declaration"),
  stringParts: set(),
  delimiters: set(),
  binaries: set("binary_expression"),
  nonExpressions: set(
    "argument_list",
    "expression_list",
    "literal_value",
    "literal_element",
    "keyed_element",
    "field_identifier",
    "package_identifier",
    "interpreted_string_literal_content",
    "raw_string_literal_content",
    "escape_sequence",
    "parameter_list",
    "parameter_declaration",
    "variadic_parameter_declaration",
    "range_clause",
    "for_clause",
    ...GO_TYPES,
  ),
  optionalTails: new Map([["if_statement", "else"]]),
  optionalFields: new Map([
    ["function_declaration", ["result", "type_parameters"]],
    ["method_declaration", ["result"]],
    ["func_literal", ["result"]],
    // `if err := f(); err != nil { ... }` is also an `if err != nil { ... }` (Semgrep moves the initializer out).
    ["if_statement", ["initializer"]],
    ["expression_switch_statement", ["initializer"]],
    ["type_switch_statement", ["initializer"]],
  ]),
};

const JAVA_TYPES = [
  "type_identifier",
  "scoped_type_identifier",
  "generic_type",
  "array_type",
  "integral_type",
  "floating_point_type",
  "boolean_type",
  "void_type",
  "type_arguments",
  "type_parameters",
  "dimensions",
];

const JAVA: LangSpec = {
  family: "java",
  comments: set("line_comment", "block_comment"),
  blocks: set("program", "block", "constructor_body"),
  punctuation: set(",", ";", "(", ")", "[", "]", "{", "}", ".", "@", '"'),
  jsxPunctuation: set(),
  strings: set("string_literal"),
  numbers: set(
    "decimal_integer_literal",
    "hex_integer_literal",
    "octal_integer_literal",
    "binary_integer_literal",
    "decimal_floating_point_literal",
    "hex_floating_point_literal",
  ),
  parens: set("parenthesized_expression"),
  expressionStatement: "expression_statement",
  members: set("field_access"),
  calls: set("method_invocation", "object_creation_expression"),
  subscripts: set("array_access"),
  identifiers: set("identifier", "type_identifier"),
  keywordArgument: null,
  argumentLists: set("argument_list", "annotation_argument_list"),
  optional: new Map([
    ["*", set("line_comment", "block_comment", "modifiers", "type_parameters", "throws", "dimensions")],
    ["try_statement", set("catch_clause", "finally_clause")],
    ["class_declaration", set("superclass", "super_interfaces", "permits")],
  ]),
  equivalents: new Map([
    ["local_variable_declaration", ["field_declaration"]],
    ["annotation", ["marker_annotation"]],
  ]),
  functions: set(),
  unordered: new Map([["modifiers", { lead: 0, trail: 0, implicitEllipsis: true }]]),
  textLeaves: set(),
  namedOnly: set(
    "program",
    "block",
    "constructor_body",
    "class_body",
    "interface_body",
    "argument_list",
    "formal_parameters",
    "array_initializer",
    "annotation_argument_list",
  ),
  imports: set("import_declaration", "package_declaration"),
  stringParts: set(),
  delimiters: set(),
  binaries: set("binary_expression"),
  nonExpressions: set(
    "argument_list",
    "annotation_argument_list",
    "string_fragment",
    "escape_sequence",
    "formal_parameters",
    "formal_parameter",
    "catch_formal_parameter",
    "modifiers",
    "annotation",
    "marker_annotation",
    "element_value_pair",
    "variable_declarator",
    "array_initializer",
    ...JAVA_TYPES,
  ),
  optionalTails: new Map([["if_statement", "else"]]),
  lenient: true,
  partialStatements: new Map([["try", "try_statement"]]),
};

/** The tables for a language, or null when the structural matcher does not support it. */
export function specFor(language: EmbeddedLanguage): LangSpec | null {
  switch (language) {
    case "python":
      return PYTHON;
    case "javascript":
    case "typescript":
    case "tsx":
      return JS;
    case "go":
      return GO;
    case "java":
      return JAVA;
  }
}

/** Target child kinds that may be skipped under `parentKind` when the pattern's list lacks them. */
export function optionalKinds(spec: LangSpec, parentKind: string): readonly ReadonlySet<string>[] {
  const out: ReadonlySet<string>[] = [];
  const any = spec.optional.get("*");
  if (any) out.push(any);
  const own = spec.optional.get(parentKind);
  if (own) out.push(own);
  return out;
}
