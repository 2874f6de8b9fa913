/**
 * Taint mode on Python, table-driven: each case is a snippet whose reported
 * lines carry a `# hit` comment (the cases follow the behaviours Semgrep's
 * taint-mode documentation describes; the code is our own).
 */
import { describe, expect, it } from "vitest";
import { loadRule, markedLines, pythonRule, reportedLines } from "./taint-helpers.js";

const basic = loadRule(pythonRule());

const CASES: Array<[string, string]> = [
  ["a source directly in a sink", "sink(source())  # hit\nsink(other())\n"],
  [
    "through variables and re-assignments",
    "def f():\n    a = source()\n    b = a\n    c = b\n    sink(c)  # hit\n    sink(d)\n",
  ],
  [
    "through f-strings, concatenation, % formatting and format()",
    [
      "def f():",
      "    x = source()",
      '    sink(f"rm {x}")  # hit',
      '    sink("rm " + x)  # hit',
      '    sink("rm %s" % x)  # hit',
      '    sink("rm {}".format(x))  # hit',
      '    sink("rm " + "x")',
      "",
    ].join("\n"),
  ],
  [
    "through calls, methods, attributes, subscripts and containers (not slices: opaque in Semgrep's IL)",
    [
      "def f():",
      "    x = source()",
      "    sink(wrap(x))  # hit",
      "    sink(x.strip().lower())  # hit",
      "    sink(x.field)  # hit",
      '    sink(x["k"])  # hit',
      "    sink(x[1:])",
      "    sink([1, x])  # hit",
      '    sink({"k": x})  # hit',
      "    sink(wrap(1))",
      "",
    ].join("\n"),
  ],
  [
    "sanitized values are clean, the variable itself is not",
    [
      "def f():",
      "    x = source()",
      "    sink(clean(x))",
      "    y = clean(x)",
      "    sink(y)",
      '    sink("a" + clean(x))',
      "    sink(x)  # hit",
      "",
    ].join("\n"),
  ],
  [
    "re-assigning a clean value untaints",
    'def f():\n    x = source()\n    x = "constant"\n    sink(x)\n    x = source()\n    sink(x)  # hit\n',
  ],
  [
    "augmented assignments keep and add taint",
    'def f():\n    x = "a"\n    x += source()\n    sink(x)  # hit\n    y = source()\n    y += "b"\n    sink(y)  # hit\n',
  ],
  [
    "a source in another function does not reach (intraprocedural)",
    "def producer():\n    data = source()\n    return data\n\ndef consumer(data):\n    sink(data)\n",
  ],
  [
    "module-level taint does not enter named functions",
    "data = source()\nsink(data)  # hit\n\ndef later():\n    sink(data)\n",
  ],
  [
    "if/else: taint from either branch flows after it",
    [
      "def f(c):",
      "    x = source()",
      "    if c:",
      '        x = "ok"',
      "    sink(x)  # hit",
      "",
      "def g(c):",
      "    if c:",
      "        y = source()",
      "    elif d:",
      '        y = "b"',
      "    else:",
      '        y = "a"',
      "    sink(y)  # hit",
      "",
      "def h(c):",
      "    z = source()",
      "    if c:",
      '        z = "a"',
      "    else:",
      '        z = "b"',
      "    sink(z)",
      "",
    ].join("\n"),
  ],
  [
    "loops reach a fixpoint (taint from a later iteration)",
    [
      "def f(items):",
      '    prev = ""',
      "    for item in items:",
      "        sink(prev)  # hit",
      "        prev = source()",
      "",
      "def g():",
      '    acc = ""',
      "    while cond():",
      "        acc = acc + part",
      "        part = source()",
      "    sink(acc)  # hit",
      "",
    ].join("\n"),
  ],
  [
    "for loops, comprehensions and with-as bind the iterated / entered value",
    [
      "def f():",
      "    for row in source():",
      "        sink(row)  # hit",
      "    sink([r for r in source()])  # hit",
      "    with open(source()) as fh:",
      "        sink(fh)  # hit",
      "",
    ].join("\n"),
  ],
  [
    "tuple assignments pair elements",
    'def f():\n    a, b = source(), "ok"\n    sink(a)  # hit\n    sink(b)\n    c, d = source()\n    sink(d)  # hit\n',
  ],
  [
    "field sensitivity: an attribute assigned clean is clean, the others keep the object's taint",
    [
      "def f(obj):",
      "    obj.a = source()",
      "    sink(obj.a)  # hit",
      "    sink(obj.b)",
      "    sink(obj)  # hit",
      "    o = source()",
      '    o.safe = "x"',
      "    sink(o.safe)",
      "    sink(o.other)  # hit",
      "",
    ].join("\n"),
  ],
  ["code after return is not analysed", "def f():\n    x = source()\n    return 1\n    sink(x)\n"],
  [
    "try/except: taint from the try body reaches the handler",
    [
      "def f():",
      '    x = "a"',
      "    try:",
      "        x = source()",
      "        risky()",
      "    except ValueError as e:",
      "        sink(x)  # hit",
      "        sink(e)",
      "",
    ].join("\n"),
  ],
  [
    "lambdas see the enclosing function's variables",
    "def f():\n    x = source()\n    g = lambda: sink(x)  # hit\n    h = lambda x: sink(x)\n",
  ],
];

describe("taint mode on Python", () => {
  it.each(CASES)("%s", async (_name, code) => {
    expect(await reportedLines(basic, "t.py", code)).toEqual(markedLines(code));
  });

  it("reports the sink's range with the sink's and the source's metavariables", async () => {
    const rule = loadRule(`    mode: taint
    message: $SRC flows into $CMD
    severity: ERROR
    languages: [python]
    pattern-sources: [{ pattern: "request.args.get($SRC)" }]
    pattern-sinks: [{ pattern: "os.system($CMD)" }]
`);
    const code =
      'import os\ndef view(request):\n    name = request.args.get("n")\n    cmd = "ls " + name\n    os.system(cmd)\n';
    const { runRules } = await import("./taint-helpers.js");
    const out = await runRules([rule], { "v.py": code });
    expect(out.errors).toEqual([]);
    expect(out.results).toHaveLength(1);
    const [result] = out.results;
    expect(result?.start).toMatchObject({ line: 5, col: 5 });
    expect(result?.end).toMatchObject({ line: 5, col: 19 });
    expect(result?.extra.message).toBe('"n" flows into cmd');
    expect(Object.keys(result?.extra.metavars ?? {}).sort()).toEqual(["$CMD", "$SRC"]);
  });

  it("focus-metavariable on the sink: only the focused argument counts", async () => {
    const rule = loadRule(
      pythonRule(
        "",
        `
      - patterns:
          - pattern: cursor.execute($QUERY, $PARAMS)
          - focus-metavariable: $QUERY`,
      ),
    );
    const code = [
      "def f():",
      "    q = source()",
      '    cursor.execute("select 1", q)',
      "    cursor.execute(q, ())  # hit",
      "",
    ].join("\n");
    expect(await reportedLines(rule, "t.py", code)).toEqual(markedLines(code));
  });

  it("an exact sink on a call checks its arguments, not the receiver; exact: false checks everything inside", async () => {
    const sinks = (exact: string) => `
      - pattern: $OBJ.run(...)
${exact}`;
    const code = 'def f():\n    t = source()\n    t.run("x")\n    other.run(t)  # hit\n';
    expect(await reportedLines(loadRule(pythonRule("", sinks(""))), "t.py", code)).toEqual([4]);
    expect(
      await reportedLines(loadRule(pythonRule("", sinks("        exact: false"))), "t.py", code),
    ).toEqual([3, 4]);
  });

  it("parameters matched by a source are tainted on entry", async () => {
    const rule = loadRule(`    mode: taint
    message: m
    severity: ERROR
    languages: [python]
    pattern-sources:
      - patterns:
          - pattern-inside: |
              def $HANDLER(request, ...):
                  ...
          - pattern: request
    pattern-sinks: [{ pattern: "eval(...)" }]
`);
    const code =
      "def handler(request, other):\n    eval(request.body)  # hit\n    eval(other)\n\ndef plain(x):\n    eval(x)\n";
    expect(await reportedLines(rule, "t.py", code)).toEqual(markedLines(code));
  });

  it("by-side-effect sanitizers clean the variable from there on; plain ones only the occurrence", async () => {
    const sanitizer = (bySideEffect: string) =>
      pythonRule().replace(
        "pattern-sanitizers: [{ pattern: clean(...) }]",
        `pattern-sanitizers:
      - patterns:
          - pattern: validate($X)
          - focus-metavariable: $X
${bySideEffect}`,
      );
    const code = "def f():\n    x = source()\n    validate(x)\n    sink(x)\n";
    expect(await reportedLines(loadRule(sanitizer("        by-side-effect: true")), "t.py", code)).toEqual(
      [],
    );
    expect(await reportedLines(loadRule(sanitizer("")), "t.py", code)).toEqual([4]);
  });

  it("by-side-effect sources taint the matched variable afterwards", async () => {
    const rule = (mode: string) =>
      loadRule(`    mode: taint
    message: m
    severity: ERROR
    languages: [python]
    pattern-sources:
      - patterns:
          - pattern: make_tainted($X)
          - focus-metavariable: $X
        by-side-effect: ${mode}
    pattern-sinks: [{ pattern: "sink(...)" }]
`);
    const code = "def f(data):\n    make_tainted(data)\n    sink(data)  # hit\n";
    expect(await reportedLines(rule("true"), "t.py", code)).toEqual([3]);
    expect(await reportedLines(rule("only"), "t.py", code)).toEqual([3]);
    expect(await reportedLines(rule("false"), "t.py", code)).toEqual([]);
    const inPlace = "def f(data):\n    sink(make_tainted(data))\n";
    expect(await reportedLines(rule("true"), "t.py", inPlace)).toEqual([2]);
    expect(await reportedLines(rule("only"), "t.py", inPlace)).toEqual([]);
  });

  it("propagators move taint from one metavariable to another", async () => {
    const rule = loadRule(
      pythonRule(`    pattern-propagators:
      - pattern: $TO.append($FROM)
        from: $FROM
        to: $TO
`),
    );
    const code =
      "def f():\n    items = []\n    sink(items)\n    items.append(source())\n    sink(items)  # hit\n";
    expect(await reportedLines(rule, "t.py", code)).toEqual(markedLines(code));
  });

  it("taint_unify_mvars: the source and the sink must agree on shared metavariables", async () => {
    const body = (unify: string) => `    mode: taint
    message: m
    severity: ERROR
    languages: [python]
    options: { taint_unify_mvars: ${unify} }
    pattern-sources: [{ pattern: "read($NAME)" }]
    pattern-sinks: [{ pattern: "write($NAME, ...)" }]
`;
    const code = "def f():\n    a = read(x)\n    write(x, a)\n    write(y, a)\n";
    expect(await reportedLines(loadRule(body("true")), "t.py", code)).toEqual([3]);
    expect(await reportedLines(loadRule(body("false")), "t.py", code)).toEqual([3, 4]);
  });

  it("taint_assume_safe_functions and taint_assume_safe_indexes", async () => {
    const code = "def f(d):\n    x = source()\n    sink(wrap(x))\n    sink(d[x])\n    sink(x.strip())\n";
    expect(await reportedLines(basic, "t.py", code)).toEqual([3, 4, 5]);
    const safe = loadRule(
      pythonRule("    options: { taint_assume_safe_functions: true, taint_assume_safe_indexes: true }"),
    );
    expect(await reportedLines(safe, "t.py", code)).toEqual([5]);
  });

  it("sanitizers cover everything inside them unless exact; a sanitized assignment assigns clean data", async () => {
    const code = [
      "def f():",
      "    x = source()",
      "    y = x",
      "    clean(sink(x))",
      "    clean(y := x)",
      "    sink(y)",
      "",
    ].join("\n");
    expect(await reportedLines(basic, "t.py", code)).toEqual([]);
    const exact = loadRule(
      pythonRule().replace("[{ pattern: clean(...) }]", "[{ pattern: clean(...), exact: true }]"),
    );
    expect(await reportedLines(exact, "t.py", code)).toEqual([4, 6]);
  });

  it("long operator chains do not overflow the stack", async () => {
    const terms = [
      ...Array.from({ length: 3000 }, () => '"a"'),
      "x",
      ...Array.from({ length: 3000 }, () => '"b"'),
    ];
    const code = `def f():\n    x = source()\n    y = ${terms.join(" + ")}\n    sink(y)  # hit\n`;
    expect(await reportedLines(basic, "t.py", code)).toEqual([4]);
  });

  it("not-conflicting sanitizers ignore matches that are also sources or sinks", async () => {
    const rule = loadRule(
      pythonRule().replace(
        "pattern-sanitizers: [{ pattern: clean(...) }]",
        "pattern-sanitizers: [{ pattern: $F(...), not-conflicting: true }]",
      ),
    );
    const code = "def f():\n    sink(source())  # hit\n    sink(other(source()))\n";
    expect(await reportedLines(rule, "t.py", code)).toEqual(markedLines(code));
  });
});
