/**
 * Python statement-level cases modelled on Semgrep's documentation: statement
 * sequences and their ellipsis, metavariable unification, deep expressions,
 * import aliasing, literals.
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const cases: Case[] = [
  // Conditionals and statements.
  {
    name: "if with any body",
    pattern: "if $CONDITION:\n    ...",
    code: "if can_make_request:\n    check_status()\n    make_request()\n    return\n",
    expect: [
      [
        "if can_make_request:\n    check_status()\n    make_request()\n    return",
        { $CONDITION: "can_make_request" },
      ],
    ],
  },
  {
    name: "metavariable as a statement body",
    pattern: "if $CONDITION:\n    $BODY",
    code: "if can_make_request:\n    single_request_statement()\n",
    expect: [
      [
        "if can_make_request:\n    single_request_statement()",
        { $CONDITION: "can_make_request", $BODY: "single_request_statement()" },
      ],
    ],
  },
  {
    name: "useless assignment (metavariable reused across statements)",
    pattern: "$X = $Y\n$X = $Z",
    code: "initial_value = 10\ninitial_value = get_initial_value()\na = 1\nb = 2\n",
    expect: [
      [
        "initial_value = 10\ninitial_value = get_initial_value()",
        { $X: "initial_value", $Y: "10", $Z: "get_initial_value()" },
      ],
    ],
  },
  {
    name: "statement ellipsis: same block",
    pattern: "foo()\n...\nbar()",
    code: "foo()\nbaz()\nbar()\n",
    expect: ["foo()\nbaz()\nbar()"],
  },
  {
    name: "statement ellipsis goes into a nested block",
    pattern: "foo()\n...\nbar()",
    code: "foo()\nbaz()\nif cond:\n    bar()\n",
    expect: ["foo()\nbaz()\nif cond:\n    bar()"],
  },
  {
    name: "statement ellipsis does not jump from an inner block to an outer one",
    pattern: "foo()\n...\nbar()",
    code: "if cond:\n    foo()\nbaz()\nbar()\n",
    expect: [],
  },
  {
    name: "implicit deep expression statement in a sequence",
    pattern: "foo()\nbar()",
    code: "foo()\nx = bar()\nfoo()\nreturn bar()\n",
    expect: ["foo()\nx = bar()", "foo()\nreturn bar()"],
  },
  {
    name: "open then close on every path",
    pattern: "$X = open(...)\n...\n$X.close()",
    code: "f = open('a')\nif x:\n    f.close()\ng = open('b')\nh.close()\n",
    expect: [["f = open('a')\nif x:\n    f.close()", { $X: "f" }]],
  },
  // Metavariable unification.
  {
    name: "same metavariable twice: equal operands only",
    pattern: "$X == $X",
    code: "if node.id == node.id:\n    pass\nif a == b:\n    pass\n",
    expect: [["node.id == node.id", { $X: "node.id" }]],
  },
  {
    name: "unification ignores whitespace",
    pattern: "$X == $X",
    code: "f(a+b) == f(a + b)\nf(a) == f(b)\n",
    expect: [["f(a+b) == f(a + b)", { $X: "f(a+b)" }]],
  },
  {
    name: "anonymous metavariable does not unify",
    pattern: "$_ == $_",
    code: "a == b\n",
    expect: [["a == b", {}]],
  },
  {
    name: "ellipsis metavariable unifies sequences",
    pattern: "foo($...ARGS, 3, $...ARGS)",
    code: "foo(1,2,3,1,2)\nfoo(1,2,3,2,1)\n",
    expect: [["foo(1,2,3,1,2)", { "$...ARGS": "1,2" }]],
  },
  {
    name: "expression metavariables",
    pattern: "$X + $Y",
    code: "foo() + bar()\ncurrent + total\n",
    expect: [
      ["foo() + bar()", { $X: "foo()", $Y: "bar()" }],
      ["current + total", { $X: "current", $Y: "total" }],
    ],
  },
  {
    name: "ellipsis absorbs further operands of a binary operator",
    pattern: "$X = 1 + 2 + ...",
    code: "foo = 1 + 2 + 3 + 4\nbaz = 1 + 2 - 3\n",
    expect: [["foo = 1 + 2 + 3 + 4", { $X: "foo" }]],
  },
  // Deep expressions.
  {
    name: "deep expression in a condition",
    pattern: "if <... $USER.is_admin() ...>:\n    ...",
    code: "if user.authenticated() and user.is_admin() and user.has_group(gid):\n    go()\nif user.ok():\n    go()\n",
    expect: [
      ["if user.authenticated() and user.is_admin() and user.has_group(gid):\n    go()", { $USER: "user" }],
    ],
  },
  {
    name: "deep expression in an argument",
    pattern: "sql.query(<... user_input ...>)",
    code: "sql.query('SELECT ' + user_input)\nsql.query('SELECT 1')\n",
    expect: ["sql.query('SELECT ' + user_input)"],
  },
  // Imports and aliasing.
  {
    name: "import metavariable",
    pattern: "import $X",
    code: "import random\nfrom a import b\n",
    expect: [["import random", { $X: "random" }]],
  },
  {
    name: "from-import with an alias",
    pattern: "os.system(...)",
    code: "from os import system as run\nrun('ls')\nimport os as o\no.system('x')\nos.system('y')\nsystem('z')\n",
    expect: ["run('ls')", "o.system('x')", "os.system('y')"],
  },
  {
    name: "aliased submodule import",
    pattern: "subprocess.Popen(...)",
    code: "import subprocess.Popen as sub_popen\nsub_popen('ls')\n",
    expect: ["sub_popen('ls')"],
  },
  {
    name: "module imported from a package",
    pattern: "foo.bar.baz.qux(...)",
    code: "from foo.bar import baz\nbaz.qux()\nbaz.other()\n",
    expect: ["baz.qux()"],
  },
  {
    name: "decorator through an import",
    pattern: "@django.views.decorators.csrf.csrf_exempt\ndef $F(...):\n    ...",
    code: "from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef foo():\n    return 1\n",
    expect: [["@csrf_exempt\ndef foo():\n    return 1", { $F: "foo" }]],
  },
  {
    name: "a bare name matches expressions but not the import",
    pattern: "foo",
    code: "import foo\nx += foo()\nreturn bar + foo\n",
    expect: ["foo", "foo"],
  },
  // Literals, parentheses, comments.
  {
    name: "numbers compare by value",
    pattern: "sleep(16)",
    code: "sleep(0x10)\nsleep(16)\nsleep(17)\n",
    expect: ["sleep(0x10)", "sleep(16)"],
  },
  {
    name: "parentheses and comments are ignored",
    pattern: "foo(a, b)",
    code: "foo((a), b)\nfoo(a, # note\n    b)\nfoo(a)\n",
    expect: ["foo((a), b)", "foo(a, # note\n    b)"],
  },
  {
    name: "different callee is not a match",
    pattern: "print(...)",
    code: "printf(x)\npprint(y)\n",
    expect: [],
  },
];

describe("structural matcher: Python statements, unification, imports", () => {
  for (const c of cases) it(c.name, () => check("python", c));
});
