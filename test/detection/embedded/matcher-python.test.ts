/**
 * Python cases modelled on the examples of Semgrep's pattern-syntax
 * documentation (ellipsis, metavariables, deep expressions, equivalences),
 * each with the exact matched text and bindings, plus negative cases.
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const cases: Case[] = [
  // Expressions match anywhere, nested included.
  {
    name: "sub-expression",
    pattern: "1 + func(42)",
    code: "foo(1 + func(42)) + bar()\n",
    expect: ["1 + func(42)"],
  },
  {
    name: "statement nested at any depth",
    pattern: "return 42",
    code: "def foo(x):\n  if x > 1:\n     if x > 2:\n       return 42\n  return 42\n  return 43\n",
    expect: ["return 42", "return 42"],
  },
  {
    name: "nested calls both match",
    pattern: "$F(...)",
    code: "foo(bar(x))\n",
    expect: [
      ["foo(bar(x))", { $F: "foo" }],
      ["bar(x)", { $F: "bar" }],
    ],
  },
  // Ellipsis in arguments.
  {
    name: "call with any arguments",
    pattern: "insecure_function(...)",
    code: 'insecure_function("MALICIOUS_STRING", arg1, arg2)\ninsecure_function()\nsecure_function(1)\n',
    expect: ['insecure_function("MALICIOUS_STRING", arg1, arg2)', "insecure_function()"],
  },
  {
    name: "arguments after a match",
    pattern: "func(1, ...)",
    code: 'func(1, "extra stuff", False)\nfunc(1)\nfunc(2, 1)\n',
    expect: ['func(1, "extra stuff", False)', "func(1)"],
  },
  {
    name: "arguments before a match",
    pattern: "func(..., 1)",
    code: 'func("extra stuff", False, 1)\nfunc(1)\nfunc(1, 2)\n',
    expect: ['func("extra stuff", False, 1)', "func(1)"],
  },
  {
    name: "keyword argument anywhere",
    pattern: "requests.get(..., verify=False, ...)",
    code: "requests.get(verify=False, url=URL)\nrequests.get(URL, verify=False, timeout=3)\nrequests.get(URL, verify=False)\nrequests.get(URL)\nrequests.get(URL, verify=True)\n",
    expect: [
      "requests.get(verify=False, url=URL)",
      "requests.get(URL, verify=False, timeout=3)",
      "requests.get(URL, verify=False)",
    ],
  },
  {
    name: "keyword argument metavariables",
    pattern: "$FUNC(..., $KEY=$VALUE, ...)",
    code: "requests.get(u, verify=False)\nprint(x)\n",
    expect: [["requests.get(u, verify=False)", { $FUNC: "requests.get", $KEY: "verify", $VALUE: "False" }]],
  },
  {
    name: "exact arguments: keyword order is free, extra keywords are not",
    pattern: "f($X, verify=False)",
    code: "f(url, verify=False)\nf(url, timeout=3, verify=False)\nf(verify=False)\n",
    expect: [["f(url, verify=False)", { $X: "url" }]],
  },
  {
    name: "keyword arguments in any order",
    pattern: "f(a=1, b=2)",
    code: "f(b=2, a=1)\nf(a=1)\nf(a=1, b=3)\n",
    expect: ["f(b=2, a=1)"],
  },
  {
    name: "a positional metavariable does not take a keyword argument",
    pattern: "f($X)",
    code: "f(a=1)\nf(a)\n",
    expect: [["f(a)", { $X: "a" }]],
  },
  // Method calls and chains.
  {
    name: "method call on any object",
    pattern: "$OBJECT.extractall(...)",
    code: "tarball.extractall('/path/to/directory')\ntarball.extract('x')\n",
    expect: [["tarball.extractall('/path/to/directory')", { $OBJECT: "tarball" }]],
  },
  {
    name: "receiver bound to an attribute chain",
    pattern: "$X.get(...)",
    code: "a.b.get(1)\n",
    expect: [["a.b.get(1)", { $X: "a.b" }]],
  },
  {
    name: "ellipsis in a method chain",
    pattern: "$O.foo(). ... .bar()",
    code: "obj.foo().other_method(1,2).again(3,4).bar()\nobj.foo().bar()\nobj.baz().bar()\n",
    expect: [
      ["obj.foo().other_method(1,2).again(3,4).bar()", { $O: "obj" }],
      ["obj.foo().bar()", { $O: "obj" }],
    ],
  },
  // Function and class definitions.
  {
    name: "mutable default argument",
    pattern: "def $FUNC(..., $ARG={}, ...):\n    ...",
    code: "def parse_data(parser, data={}):\n    pass\ndef ok(parser, data=None):\n    pass\n",
    expect: [["def parse_data(parser, data={}):\n    pass", { $FUNC: "parse_data", $ARG: "data" }]],
  },
  {
    name: "function body ellipsis then a nested return",
    pattern: "def $F(self, ...):\n    ...\n    return $X",
    code: "class A:\n    def m(self, a):\n        if a:\n            return 1\n        x = 2\n    def n(a):\n        return a\n",
    expect: [["def m(self, a):\n        if a:\n            return 1\n        x = 2", { $F: "m", $X: "1" }]],
  },
  {
    name: "class with a given parent",
    pattern: "class $CLASS(InsecureBaseClass):\n    ...",
    code: "class DataRetriever(InsecureBaseClass):\n    def __init__(self):\n        pass\nclass B(Other):\n    pass\n",
    expect: [
      [
        "class DataRetriever(InsecureBaseClass):\n    def __init__(self):\n        pass",
        { $CLASS: "DataRetriever" },
      ],
    ],
  },
  {
    name: "decorators match in any order, extra decorators allowed",
    pattern: "@app.route(...)\ndef $F(...):\n    ...",
    code: "@login\n@app.route('/x')\ndef view():\n    return 1\n@login\ndef other():\n    pass\n",
    expect: [["@login\n@app.route('/x')\ndef view():\n    return 1", { $F: "view" }]],
  },
  {
    name: "class with any parents, none included",
    pattern: "class $C(...):\n    ...",
    code: "class A:\n    pass\nclass B(C, D):\n    pass\n",
    expect: [
      ["class A:\n    pass", { $C: "A" }],
      ["class B(C, D):\n    pass", { $C: "B" }],
    ],
  },
  {
    name: "lambda",
    pattern: "lambda $X: $X + 1",
    code: "f = lambda y: y + 1\ng = lambda y: z + 1\n",
    expect: [["lambda y: y + 1", { $X: "y" }]],
  },
  {
    name: "with statement",
    pattern: "with open($F) as $H:\n    ...",
    code: "with open('x') as fh:\n    data = fh.read()\nwith lock:\n    pass\n",
    expect: [["with open('x') as fh:\n    data = fh.read()", { $F: "'x'", $H: "fh" }]],
  },
  {
    name: "try/except, finally clause not required by the pattern",
    pattern: "try:\n    ...\nexcept $E:\n    ...",
    code: "try:\n    x()\nexcept ValueError:\n    pass\nfinally:\n    y()\n",
    expect: [["try:\n    x()\nexcept ValueError:\n    pass\nfinally:\n    y()", { $E: "ValueError" }]],
  },
  // Strings.
  {
    name: "string ellipsis matches any literal, not a variable",
    pattern: 'crypto.set_secret_key("...")',
    code: "crypto.set_secret_key(\"HARDCODED SECRET\")\ncrypto.set_secret_key('x')\ncrypto.set_secret_key(secret)\n",
    expect: ['crypto.set_secret_key("HARDCODED SECRET")', "crypto.set_secret_key('x')"],
  },
  {
    name: "string content regardless of quote style",
    pattern: 'open("/etc/passwd")',
    code: 'open(\'/etc/passwd\')\nopen("""/etc/passwd""")\nopen(\'/etc/shadow\')\n',
    expect: ["open('/etc/passwd')", 'open("""/etc/passwd""")'],
  },
  {
    name: "an f-string with interpolation is not a string literal",
    pattern: '"..."',
    code: "x = f\"a{b}\"\ny = 'z'\n",
    expect: ["'z'"],
  },
  {
    name: "literal metavariable binds the content without quotes",
    pattern: 'foo("$X")',
    code: 'foo(\'bar\')\nfoo(bar)\nfoo("""multi""")\n',
    expect: [
      ["foo('bar')", { $X: "bar" }],
      ['foo("""multi""")', { $X: "multi" }],
    ],
  },
  {
    name: "string regex",
    pattern: 'requests.get("=~/dev\\./i")',
    code: "requests.get('api.DEV.corp.com')\nrequests.get('api.prod.com')\n",
    expect: ["requests.get('api.DEV.corp.com')"],
  },
  {
    name: "f-string with an interpolated metavariable",
    pattern: 'cursor.execute(f"...{$X}...")',
    code: 'cursor.execute(f"SELECT * FROM t WHERE id = {uid}")\ncursor.execute(f\'{q!r:>3}\')\ncursor.execute("SELECT 1")\n',
    expect: [
      ['cursor.execute(f"SELECT * FROM t WHERE id = {uid}")', { $X: "uid" }],
      ["cursor.execute(f'{q!r:>3}')", { $X: "q" }],
    ],
  },
  {
    name: "f-string text pieces with an ellipsis",
    pattern: 'log(f"user {$U} ...")',
    code: 'log(f"user {name} logged in")\nlog(f"admin {name} logged in")\n',
    expect: [['log(f"user {name} logged in")', { $U: "name" }]],
  },
  {
    name: 'f"..." matches only f-strings',
    pattern: 'f"..."',
    code: 'a = f"x{y}"\nb = "plain"\nc = F\'z\'\n',
    expect: ['f"x{y}"', "F'z'"],
  },
  {
    name: "implicitly concatenated string literal compares by joined content",
    pattern: 'requests.get("https://example.com")',
    code: "requests.get('https://' 'example.com')\nrequests.get('https://' 'example.org')\n",
    expect: ["requests.get('https://' 'example.com')"],
  },
  // Containers.
  {
    name: "list ending with an item",
    pattern: "user_list = [..., 10]",
    code: "user_list = [8, 9, 10]\nuser_list = [10, 9]\n",
    expect: ["user_list = [8, 9, 10]"],
  },
  {
    name: "any dict",
    pattern: "user_dict = {...}",
    code: "user_dict = {'username': 'password'}\nuser_dict = [1]\n",
    expect: ["user_dict = {'username': 'password'}"],
  },
  {
    name: "dict item metavariables",
    pattern: "user_dict = {..., $KEY: $VALUE, ...}",
    code: "user_dict = {'username': 'password', 'address': 'zipcode'}\n",
    // One match per item that fits (Semgrep enumerates them), in item order.
    expect: [
      [
        "user_dict = {'username': 'password', 'address': 'zipcode'}",
        { $KEY: "'username'", $VALUE: "'password'" },
      ],
      [
        "user_dict = {'username': 'password', 'address': 'zipcode'}",
        { $KEY: "'address'", $VALUE: "'zipcode'" },
      ],
    ],
  },
  {
    name: "dict items in any order, no extra items without ellipsis",
    pattern: '{"a": 1, "b": 2}',
    code: "{'b': 2, 'a': 1}\n{'a': 1}\n{'a': 1, 'b': 2, 'c': 3}\n",
    expect: ["{'b': 2, 'a': 1}"],
  },
];

describe("structural matcher: Python", () => {
  for (const c of cases) it(c.name, () => check("python", c));
});
