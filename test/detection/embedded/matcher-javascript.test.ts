/**
 * JavaScript cases modelled on Semgrep's documented pattern semantics
 * (import/require aliasing, JSX, functions and arrows, objects, templates).
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const cases: Case[] = [
  // Import / require equivalences.
  {
    name: "require: destructured, renamed and module variable",
    pattern: "child_process.execSync(...)",
    code: "const { execSync } = require('child_process');\nlet ls = execSync('ls');\nconst { execSync: es } = require('child_process');\nes('pwd');\nconst cp = require('child_process');\ncp.execSync('id');\nother.execSync('no');\n",
    expect: ["execSync('ls')", "es('pwd')", "cp.execSync('id')"],
  },
  {
    name: "ES imports: named, namespace and default",
    pattern: "child_process.exec(...)",
    code: "import { exec } from 'child_process';\nexec(x);\nimport * as c from 'child_process';\nc.exec(y);\nimport d from 'child_process';\nd.exec(z);\n",
    expect: ["exec(x)", "c.exec(y)", "d.exec(z)"],
  },
  {
    name: "named import with a rename",
    pattern: "fs.readFileSync($P)",
    code: "import { readFileSync as rfs } from 'fs';\nrfs(path);\nreadFileSync(path);\n",
    expect: [["rfs(path)", { $P: "path" }]],
  },
  {
    name: "imported names match in any order",
    pattern: 'import { $X } from "react";',
    code: "import { useState, useEffect } from 'react';\nimport { x } from 'vue';\n",
    expect: [
      ["import { useState, useEffect } from 'react';", { $X: "useState" }],
      ["import { useState, useEffect } from 'react';", { $X: "useEffect" }],
    ],
  },
  {
    name: "require call with any string",
    pattern: 'require("...")',
    code: "const a = require('a');\nconst b = require(name);\n",
    expect: ["require('a')"],
  },
  // Assignments and declarations.
  {
    name: "member assignment",
    pattern: "$EL.innerHTML = $X",
    code: "el.innerHTML = html;\ndocument.body.innerHTML = '<b>';\nel.outerHTML = x;\n",
    expect: [
      ["el.innerHTML = html", { $EL: "el", $X: "html" }],
      ["document.body.innerHTML = '<b>'", { $EL: "document.body", $X: "'<b>'" }],
    ],
  },
  {
    name: "assignment pattern matches a variable declaration",
    pattern: 'let $X = require("...")',
    code: "const fs = require('fs');\nvar a = 1;\n",
    expect: [["const fs = require('fs');", { $X: "fs" }]],
  },
  {
    name: "assignment pattern matches a declarator",
    pattern: '$X = require("...")',
    code: "const fs = require('fs');\nb = require(\"b\");\n",
    expect: [
      ["fs = require('fs')", { $X: "fs" }],
      ['b = require("b")', { $X: "b" }],
    ],
  },
  {
    name: "var, let and const are equivalent",
    pattern: 'var $X = "hello";',
    code: "var x = \"hello\";\nlet y = \"hello\";\nconst z = 'hello';\nconst w = 'bye';\n",
    expect: ['var x = "hello";', 'let y = "hello";', "const z = 'hello';"],
  },
  // Functions.
  {
    name: "ellipsis as a function name: named, anonymous and arrow functions",
    pattern: "function ...($X) { ... }",
    code: "function foo(a) { return a; }\nvar bar = function (a) { return a; };\nconst baz = (a) => { return a; };\nconst two = (a, b) => a;\n",
    expect: [
      ["function foo(a) { return a; }", { $X: "a" }],
      ["function (a) { return a; }", { $X: "a" }],
      ["(a) => { return a; }", { $X: "a" }],
    ],
  },
  {
    name: "callback as function or arrow with a concise body",
    pattern: "$APP.get(..., function ($REQ, $RES) { ... })",
    code: "app.get('/', function (req, res) { res.send(1); });\napp.get('/', (req, res) => res.send(1));\napp.get('/', handler);\n",
    expect: [
      ["app.get('/', function (req, res) { res.send(1); })", { $APP: "app", $REQ: "req", $RES: "res" }],
      ["app.get('/', (req, res) => res.send(1))", { $APP: "app", $REQ: "req", $RES: "res" }],
    ],
  },
  {
    name: "class method as a class-member pattern",
    pattern: "$M(...) { ... }",
    code: "class A { m(x) { return x; } static s() {} }\n",
    expect: [
      ["m(x) { return x; }", { $M: "m" }],
      ["static s() {}", { $M: "s" }],
    ],
  },
  {
    name: "prototype method assignment",
    pattern: "$X.prototype.$M = function (...) { ... }",
    code: "Foo.prototype.bar = function (a, b) { return a; };\nFoo.bar = function () {};\n",
    expect: [["Foo.prototype.bar = function (a, b) { return a; }", { $X: "Foo", $M: "bar" }]],
  },
  // JSX.
  {
    name: "JSX attribute: extra attributes allowed, singleton also matches an element with children",
    pattern: "<$EL dangerouslySetInnerHTML={...} />",
    code: "a = <div id='x' dangerouslySetInnerHTML={{ __html: h }} />;\nb = <span dangerouslySetInnerHTML={y}>text</span>;\nc = <p id='z' />;\n",
    expect: [
      ["<div id='x' dangerouslySetInnerHTML={{ __html: h }} />", { $EL: "div" }],
      ["<span dangerouslySetInnerHTML={y}>text</span>", { $EL: "span" }],
    ],
  },
  {
    name: "JSX attribute value metavariable",
    pattern: "<a href={$URL}>...</a>",
    code: "x = <a href={u} target='_blank'>go</a>;\ny = <b href={u}>no</b>;\n",
    expect: [["<a href={u} target='_blank'>go</a>", { $URL: "u" }]],
  },
  // Expressions.
  {
    name: "constructor call",
    pattern: "new $C(...)",
    code: "const x = new Foo(1, 2);\nconst y = Foo(1);\n",
    expect: [["new Foo(1, 2)", { $C: "Foo" }]],
  },
  {
    name: "constructor call without parentheses",
    pattern: "new $C(...)",
    code: "a = new Foo;\n",
    expect: [["new Foo", { $C: "Foo" }]],
  },
  {
    name: "template literal text piece with an ellipsis",
    pattern: "`SELECT ...${$X}`",
    code: "q = `SELECT * FROM t WHERE id=${id}`;\nr = `DELETE FROM t WHERE id=${id}`;\n",
    expect: [["`SELECT * FROM t WHERE id=${id}`", { $X: "id" }]],
  },
  {
    name: "await",
    pattern: "await $X",
    code: "async function f() { await g(); return h(); }\n",
    expect: [["await g()", { $X: "g()" }]],
  },
  {
    name: "optional chaining matches plain member access patterns",
    pattern: "$X.foo(...)",
    code: "a?.foo(1);\nb.foo();\nc.bar();\n",
    expect: [
      ["a?.foo(1)", { $X: "a" }],
      ["b.foo()", { $X: "b" }],
    ],
  },
  {
    name: "template literal with a substitution",
    pattern: "`...${$X}...`",
    code: "q = `select ${id} from t`;\nr = `plain`;\n",
    expect: [["`select ${id} from t`", { $X: "id" }]],
  },
  { name: "any regular expression", pattern: "/.../", code: "re = /a+b/g;\nx = 'a';\n", expect: ["/a+b/g"] },
  {
    name: "string content regardless of quotes, template without substitution included",
    pattern: 'foo("bar")',
    code: "foo('bar'); foo(`bar`); foo(\"baz\");\n",
    expect: ["foo('bar')", "foo(`bar`)"],
  },
  {
    name: "string literal argument, not a function",
    pattern: 'setTimeout("...", ...)',
    code: "setTimeout('alert(1)', 10); setTimeout(() => 1, 10);\n",
    expect: ["setTimeout('alert(1)', 10)"],
  },
  {
    name: "object properties in any order with implicit ellipsis",
    pattern: "foo({a: $X})",
    code: "foo({b: 2, a: 1});\nfoo({b: 2});\n",
    expect: [["foo({b: 2, a: 1})", { $X: "1" }]],
  },
  {
    name: "object-property pattern",
    pattern: "$K: $V",
    code: "o = { a: 1, b: f() };\n",
    expect: [
      ["a: 1", { $K: "a", $V: "1" }],
      ["b: f()", { $K: "b", $V: "f()" }],
    ],
  },
  {
    name: "unification",
    pattern: "$X == $X",
    code: "if (a == a) {}\nif (a == b) {}\nif (a === a) {}\n",
    expect: [["a == a", { $X: "a" }]],
  },
  {
    name: "deep expression",
    pattern: "db.query(<... req.body ...>)",
    code: "db.query('x' + req.body.id);\ndb.query('x' + id);\n",
    expect: ["db.query('x' + req.body.id)"],
  },
  // Statements.
  {
    name: "if pattern without else matches an if with else",
    pattern: "if ($X) { ... }",
    code: "if (c) { x(); } else { y(); }\n",
    expect: [["if (c) { x(); } else { y(); }", { $X: "c" }]],
  },
  {
    name: "statement sequence with ellipsis into a nested block",
    pattern: "foo();\n...\nbar();",
    code: "foo();\nbaz();\nif (c) { bar(); }\n",
    expect: ["foo();\nbaz();\nif (c) { bar();"],
  },
  {
    name: "expression statement pattern matches the expression",
    pattern: "eval($X);",
    code: "eval(code);\nconst r = eval(other);\n",
    expect: [
      ["eval(code)", { $X: "code" }],
      ["eval(other)", { $X: "other" }],
    ],
  },
  {
    name: "different method is not a match",
    pattern: "console.log(...)",
    code: "console.warn(1);\n",
    expect: [],
  },
];

describe("structural matcher: JavaScript", () => {
  for (const c of cases) it(c.name, () => check("javascript", c));
});
