/**
 * Deep searches skip subtrees holding no node of the kinds a pattern can
 * match (match-kinds.ts). These cases reach a match only through the
 * indirections that pruning must keep: parentheses, import aliases, function
 * equivalence, JSX singletons, string parts, equivalent declaration kinds.
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const python: Case[] = [
  {
    name: "deep statement through parentheses",
    pattern: "foo($X)\n...\n",
    code: "y = (foo(1))\nz = 2\n",
    expect: ["y = (foo(1))\nz = 2"],
  },
  {
    name: "deep statement through an import alias",
    pattern: "os.system($X)\n...\n",
    code: "from os import system\ny = system(cmd)\n",
    expect: ["y = system(cmd)"],
  },
  {
    name: "deep expression through an import alias",
    pattern: "print(<... os.getcwd() ...>)",
    code: "import os as o\nprint('x' + o.getcwd())\n",
    expect: ["print('x' + o.getcwd())"],
  },
  {
    name: "assignment first in a statement run, nested call not entered",
    pattern: '$SQL = f"...{$X}..."\n...\n',
    code: 'q = f"select {a}"\nrun(q)\nprint(len(x))\n',
    expect: [['q = f"select {a}"\nrun(q)\nprint(len(x))', { $SQL: "q", $X: "a" }]],
  },
];

python.push(
  {
    name: "statement run in a nested block, not through the enclosing def",
    pattern: "$X = 1\n...\n",
    code: "def f():\n    if c:\n        x = 1\n        y()\n",
    expect: ["x = 1\n        y()"],
  },
  {
    name: "f-string interpolation found in a call argument, plain strings skipped",
    pattern: '$DB.execute(f"...{$X}...", ...)',
    code: 'db.execute("a {b}")\ndb.execute(f"a {b}")\ndb.execute(F"c{d}e", 1)\n',
    expect: ['db.execute(f"a {b}")', 'db.execute(F"c{d}e", 1)'],
  },
  {
    name: "a single name never matches an attribute chain through aliases",
    pattern: "foo($X)",
    code: "import m as foo\nfoo(1)\nfoo.bar(2)\n",
    expect: ["foo(1)"],
  },
);

const javascript: Case[] = [
  {
    name: "deep statement: a declaration kind and its equivalent",
    pattern: "var $X = require($M);\n...\n",
    code: 'const a = require("a");\nuse(a);\n',
    expect: ['const a = require("a");\nuse(a);'],
  },
  {
    name: "deep expression reaches an arrow function as a function",
    pattern: "setTimeout(<... function () { $B } ...>, ...)",
    code: "setTimeout(wrap(() => { go(); }), 1);\n",
    expect: ["setTimeout(wrap(() => { go(); }), 1)"],
  },
  {
    name: "deep expression reaches a JSX element through its self-closing pattern",
    pattern: "render(<... <div id={$X} /> ...>)",
    code: "render(wrap(<div id={a}>text</div>));\n",
    expect: ["render(wrap(<div id={a}>text</div>))"],
  },
  {
    name: "subscript patterns need a bracket; declarations match as assignments",
    pattern: "$T[$K] = $V",
    code: "let x = y;\na[b] = c;\nt[k] = v[k];\n",
    expect: ["a[b] = c", "t[k] = v[k]"],
  },
  {
    name: "template substitution inside a nested call",
    pattern: "q(`...${$X}...`)",
    code: "q(`a ${b}`);\nq('a ${b}');\nq(`plain`);\n",
    expect: ["q(`a ${b}`)"],
  },
];

describe("deep-search pruning keeps indirect matches (Python)", () => {
  for (const c of python) it(c.name, () => check("python", c));
});

describe("deep-search pruning keeps indirect matches (JavaScript)", () => {
  for (const c of javascript) it(c.name, () => check("javascript", c));
});
