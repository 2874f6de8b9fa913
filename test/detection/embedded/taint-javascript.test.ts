/**
 * Taint mode on JavaScript and TypeScript, table-driven: each case is a
 * snippet whose reported lines carry a `// hit` comment.
 */
import { describe, expect, it } from "vitest";
import { jsRule, loadRule, markedLines, reportedLines } from "./taint-helpers.js";

const basic = loadRule(jsRule());

const CASES: Array<[string, string]> = [
  ["a source directly in a sink", "sink(source()); // hit\nsink(other());\n"],
  [
    "through declarations, assignments and template literals",
    [
      "function f() {",
      "  const a = source();",
      "  let b;",
      "  b = a;",
      "  var c = `select * from t where id = ${b}`;",
      "  sink(c); // hit",
      '  sink("id: " + b); // hit',
      "  sink(`constant`);",
      "}",
    ].join("\n"),
  ],
  [
    "destructuring takes the taint of the destructured value",
    [
      "function f() {",
      "  const { user, ...rest } = source();",
      "  const [first] = source();",
      "  sink(user); // hit",
      "  sink(rest); // hit",
      "  sink(first); // hit",
      "}",
    ].join("\n"),
  ],
  [
    "sanitized values are clean",
    "function f() {\n  const x = source();\n  sink(clean(x));\n  const y = clean(x);\n  sink(y);\n  sink(x); // hit\n}\n",
  ],
  [
    "re-assigning a clean value untaints",
    'function f() {\n  let x = source();\n  x = "constant";\n  sink(x);\n}\n',
  ],
  [
    "a source in another function does not reach (intraprocedural)",
    "function producer() {\n  const data = source();\n  return data;\n}\nfunction consumer(data) {\n  sink(data);\n}\n",
  ],
  [
    "callbacks and arrow functions see the enclosing variables",
    [
      "function f(items) {",
      "  const x = source();",
      "  items.forEach((item) => sink(x)); // hit",
      "  items.forEach(function (x) {",
      "    sink(x);",
      "  });",
      "}",
    ].join("\n"),
  ],
  [
    "if/else and switch join their branches",
    [
      "function f(c) {",
      "  let x = source();",
      "  if (c) {",
      '    x = "ok";',
      "  }",
      "  sink(x); // hit",
      "  let y;",
      "  switch (c) {",
      "    case 1:",
      "      y = source();",
      "      break;",
      "    default:",
      '      y = "ok";',
      "  }",
      "  sink(y); // hit",
      "  let z = source();",
      "  if (c) {",
      '    z = "a";',
      "  } else {",
      '    z = "b";',
      "  }",
      "  sink(z);",
      "}",
    ].join("\n"),
  ],
  [
    "loops reach a fixpoint",
    [
      "function f(items) {",
      '  let prev = "";',
      "  for (const item of items) {",
      "    sink(prev); // hit",
      "    prev = source();",
      "  }",
      '  let acc = "";',
      "  for (let i = 0; i < 3; i++) {",
      "    acc += next;",
      "    next = source();",
      "  }",
      "  sink(acc); // hit",
      "}",
    ].join("\n"),
  ],
  [
    "object properties are field-sensitive",
    [
      "function f(o) {",
      "  o.a = source();",
      "  sink(o.a); // hit",
      "  sink(o.b);",
      "  sink(o); // hit",
      "  this.value = source();",
      "  sink(this.value); // hit",
      "}",
    ].join("\n"),
  ],
  [
    "new expressions, awaits, ternaries and spreads propagate",
    [
      "async function f(c) {",
      "  const x = source();",
      "  sink(new URL(x)); // hit",
      "  sink(await fetch(x)); // hit",
      '  sink(c ? x : "y"); // hit',
      "  sink([...x]); // hit",
      "  sink({ ...x }); // hit",
      "  sink({ x }); // hit",
      "}",
    ].join("\n"),
  ],
];

describe("taint mode on JavaScript / TypeScript", () => {
  it.each(CASES)("%s", async (_name, code) => {
    expect(await reportedLines(basic, "t.js", code)).toEqual(markedLines(code));
  });

  it("runs on TypeScript with type annotations", async () => {
    const code = [
      "class Svc {",
      "  constructor(private db: Db) {}",
      "  run(input: string): void {",
      "    const q: string = `select ${source()}` as string;",
      "    sink(q); // hit",
      "    sink(input);",
      "  }",
      "}",
    ].join("\n");
    expect(await reportedLines(basic, "t.ts", code)).toEqual(markedLines(code));
  });

  it("express handlers: request fields are sources inside handler functions", async () => {
    const rule = loadRule(`    mode: taint
    message: user input reaches $RES.send
    severity: WARNING
    languages: [javascript]
    pattern-sources:
      - patterns:
          - pattern-inside: function ($REQ, $RES) {...}
          - pattern-either:
              - pattern: $REQ.query
              - pattern: $REQ.body
    pattern-sinks:
      - patterns:
          - pattern: $RES.send($BODY)
          - focus-metavariable: $BODY
`);
    const code = [
      "app.get('/a', function (req, res) {",
      "  const name = req.query.name;",
      "  res.send('hello ' + name); // hit",
      "  res.send('static');",
      "});",
      "res.send(req.query);",
    ].join("\n");
    expect(await reportedLines(rule, "app.js", code)).toEqual(markedLines(code));
  });

  it("focus-metavariable on the sink and parameters as sources", async () => {
    const rule = loadRule(`    mode: taint
    message: m
    severity: WARNING
    languages: [javascript]
    pattern-sources:
      - patterns:
          - pattern-inside: function $F(..., $ARG, ...) {...}
          - focus-metavariable: $ARG
    pattern-sinks:
      - patterns:
          - pattern: $DB.query($SQL, ...)
          - focus-metavariable: $SQL
`);
    const code = [
      "function find(id, opts) {",
      '  db.query("select * from t where id = " + id); // hit',
      '  db.query("select 1", [id]);',
      "}",
    ].join("\n");
    expect(await reportedLines(rule, "q.js", code)).toEqual(markedLines(code));
  });

  it("the taint: block syntax", async () => {
    const rule = loadRule(`    mode: taint
    message: m
    severity: WARNING
    languages: [javascript]
    taint:
      sources:
        - source(...)
      sanitizers:
        - pattern: clean(...)
      sinks:
        - all:
            - pattern: sink($X)
          where:
            - focus: $X
`);
    const code = "const a = source();\nsink(a); // hit\nsink(clean(a));\n";
    expect(await reportedLines(rule, "t.js", code)).toEqual(markedLines(code));
  });
});
