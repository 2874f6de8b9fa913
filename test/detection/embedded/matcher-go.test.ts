/**
 * Go cases: Semgrep's documented pattern features (calls with `...`,
 * metavariables, statement sequences, deep expressions, strings) and the
 * shapes the bundled Go rules use, each with the exact matched text and
 * bindings, plus negative cases.
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const fn = (body: string): string =>
  `package main\n\nfunc handler() {\n${body
    .split("\n")
    .map((l) => (l === "" ? l : `\t${l}`))
    .join("\n")}\n}\n`;

const cases: Case[] = [
  {
    name: "call with any arguments",
    pattern: "exec.Command(...)",
    code: fn('exec.Command("ls", dir)\nexec.Command()\nexec.CommandContext(ctx, "ls")'),
    expect: ['exec.Command("ls", dir)', "exec.Command()"],
  },
  {
    name: "metavariables for receiver, method and arguments",
    pattern: "$DB.$METHOD($Q, ...)",
    code: fn("rows, err := db.Query(q, id)\ndb.Exec()"),
    expect: [["db.Query(q, id)", { $DB: "db", $METHOD: "Query", $Q: "q" }]],
  },
  {
    name: "single-argument package call (a call, not a type conversion)",
    pattern: "$PKG.Sprintf($F)",
    code: fn('s := fmt.Sprintf("x")\nt := fmt.Sprintf("%s", v)'),
    expect: [['fmt.Sprintf("x")', { $PKG: "fmt", $F: '"x"' }]],
  },
  {
    name: "nested call argument and trailing ellipsis",
    pattern: "$DB.$M(fmt.Sprintf($FORMAT, ...), ...)",
    code: fn('db.Query(fmt.Sprintf("SELECT %s", name))\ndb.Query("SELECT 1", fmt.Sprintf("%d", n))'),
    expect: [
      ['db.Query(fmt.Sprintf("SELECT %s", name))', { $DB: "db", $M: "Query", $FORMAT: '"SELECT %s"' }],
    ],
  },
  {
    name: "string concatenation with any string",
    pattern: '"..." + $X',
    code: fn('q := "SELECT * FROM t WHERE id = " + id\nn := a + b\nr := `raw ` + v'),
    expect: [
      ['"SELECT * FROM t WHERE id = " + id', { $X: "id" }],
      ["`raw ` + v", { $X: "v" }],
    ],
  },
  {
    name: "exact string content, either quote style",
    pattern: 'os.Getenv("HOME")',
    code: fn('a := os.Getenv("HOME")\nb := os.Getenv(`HOME`)\nc := os.Getenv("PATH")'),
    expect: ['os.Getenv("HOME")', "os.Getenv(`HOME`)"],
  },
  {
    name: "composite literal with a field among others",
    pattern: "tls.Config{..., InsecureSkipVerify: true, ...}",
    code: fn(
      "a := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}\nb := &tls.Config{InsecureSkipVerify: false}\nc := tls.Config{}",
    ),
    expect: ["tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}"],
  },
  {
    name: "composite literal without ellipsis needs exactly those fields",
    pattern: "tls.Config{InsecureSkipVerify: true}",
    code: fn(
      "a := &tls.Config{MinVersion: 1, InsecureSkipVerify: true}\nb := &tls.Config{InsecureSkipVerify: true}",
    ),
    expect: ["tls.Config{InsecureSkipVerify: true}"],
  },
  {
    name: "field assignment",
    pattern: "$CFG.InsecureSkipVerify = true",
    code: fn("cfg.InsecureSkipVerify = true\ncfg.InsecureSkipVerify = false\nx = true"),
    expect: [["cfg.InsecureSkipVerify = true", { $CFG: "cfg" }]],
  },
  {
    name: "short variable declaration binds one name, not a list",
    pattern: "$X := $Y",
    code: fn("a := 1\nb, err := f()"),
    expect: [["a := 1", { $X: "a", $Y: "1" }]],
  },
  {
    name: "statement sequence with a reused metavariable",
    pattern: "$Q := fmt.Sprintf(...)\n...\n$DB.Query($Q)",
    code: fn('q := fmt.Sprintf("SELECT %s", n)\nlog.Print(q)\nrows, _ := db.Query(q)\ndb.Query(other)'),
    expect: [
      ['q := fmt.Sprintf("SELECT %s", n)\n\tlog.Print(q)\n\trows, _ := db.Query(q)', { $Q: "q", $DB: "db" }],
    ],
  },
  {
    name: "`...` in a sequence enters a nested block",
    pattern: "f := os.Open(...)\n...\nf.Close()",
    code: fn("f := os.Open(p)\nif ok {\n\tf.Close()\n}"),
    expect: ["f := os.Open(p)\n\tif ok {\n\t\tf.Close()"],
  },
  {
    name: "function declaration with any parameters, result and body",
    pattern: "func $F(...) {\n  ...\n}",
    code: "package main\n\nfunc a(x int) (int, error) {\n\treturn x, nil\n}\n\nfunc b() {}\n",
    expect: [
      ["func a(x int) (int, error) {\n\treturn x, nil\n}", { $F: "a" }],
      ["func b() {}", { $F: "b" }],
    ],
  },
  {
    name: "a result type in the pattern must be there",
    pattern: "func $F(...) error {\n  ...\n}",
    code: "package main\n\nfunc a() error { return nil }\n\nfunc b() {}\n",
    expect: [["func a() error { return nil }", { $F: "a" }]],
  },
  {
    name: "if without else matches an if with else",
    pattern: "if $ERR != nil {\n  ...\n}",
    code: fn("if err != nil {\n\treturn\n} else {\n\tlog.Print(1)\n}\nif err == nil {\n}"),
    expect: [["if err != nil {\n\t\treturn\n\t} else {\n\t\tlog.Print(1)\n\t}", { $ERR: "err" }]],
  },
  {
    name: "if with an initializer also matches a pattern without one",
    pattern: "if $E != nil {\n  ...\n}",
    code: fn("if err := g(); err != nil {\n\treturn\n}\nif x == nil {\n}"),
    expect: [["if err := g(); err != nil {\n\t\treturn\n\t}", { $E: "err" }]],
  },
  {
    name: "an initializer in the pattern must be there",
    pattern: "if $V := $F(); $V != nil {\n  ...\n}",
    code: fn("if err := g(); err != nil {\n}\nif err != nil {\n}"),
    expect: [["if err := g(); err != nil {\n\t}", { $V: "err", $F: "g" }]],
  },
  {
    name: "import paths are not string expressions",
    pattern: '"..."',
    code: 'package main\n\nimport (\n\t"fmt"\n)\n\nfunc h() {\n\tfmt.Println("x")\n}\n',
    expect: ['"x"'],
  },
  {
    name: "for-range loop with metavariables",
    pattern: "for _, $V := range $L {\n  ...\n}",
    code: fn("for _, v := range items {\n\tuse(v)\n}\nfor i := 0; i < n; i++ {\n}"),
    expect: [["for _, v := range items {\n\t\tuse(v)\n\t}", { $V: "v", $L: "items" }]],
  },
  {
    name: "go statement with a function literal",
    pattern: "go func() {\n  ...\n}()",
    code: fn("go func() {\n\twork()\n}()\ngo work()"),
    expect: ["go func() {\n\t\twork()\n\t}()"],
  },
  {
    name: "defer with a metavariable receiver",
    pattern: "defer $X.Close()",
    code: fn("defer rows.Close()\ndefer f.Sync()\nrows.Close()"),
    expect: [["defer rows.Close()", { $X: "rows" }]],
  },
  {
    name: "deep expression binds every sub-expression that fits",
    pattern: "$DB.Exec(<... $ID ...>)",
    code: fn('db.Exec("DELETE FROM t WHERE id = " + id)'),
    expect: [
      ['db.Exec("DELETE FROM t WHERE id = " + id)', { $DB: "db", $ID: '"DELETE FROM t WHERE id = " + id' }],
      ['db.Exec("DELETE FROM t WHERE id = " + id)', { $DB: "db", $ID: '"DELETE FROM t WHERE id = "' }],
      ['db.Exec("DELETE FROM t WHERE id = " + id)', { $DB: "db", $ID: "id" }],
    ],
  },
  {
    name: "variadic argument syntax is kept",
    pattern: "append($S, $X...)",
    code: fn("s = append(s, more...)\ns = append(s, one)"),
    expect: [["append(s, more...)", { $S: "s", $X: "more" }]],
  },
  {
    name: "a different package or a missing argument does not match",
    pattern: 'md5.Sum("...")',
    code: fn('sha1.Sum("x")\nmd5.Sum()\nmd5.Sum(data)'),
    expect: [],
  },
];

describe("structural matcher: Go", () => {
  for (const c of cases) it(c.name, () => check("go", c));
});
