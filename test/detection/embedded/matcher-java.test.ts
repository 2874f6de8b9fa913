/**
 * Java cases: Semgrep's documented pattern features (calls, `...` as a single
 * item, metavariables, statement sequences, deep expressions, strings,
 * equivalences) and the shapes the bundled Java rules use, each with the
 * exact matched text and bindings, plus negative cases.
 */
import { describe, it } from "vitest";
import { check, type Case } from "./matcher-helpers.js";

const method = (body: string): string =>
  `class A {\n  void run(String s) throws Exception {\n${body
    .split("\n")
    .map((l) => (l === "" ? l : `    ${l}`))
    .join("\n")}\n  }\n}\n`;

const cases: Case[] = [
  {
    name: "qualified call with any arguments",
    pattern: "System.out.println(...)",
    code: method('System.out.println("hi " + s);\nSystem.err.println(s);\nSystem.out.println();'),
    expect: ['System.out.println("hi " + s)', "System.out.println()"],
  },
  {
    name: "method call on any receiver, argument bound",
    pattern: "$LOGGER.log($MSG)",
    code: method("logger.log(s);\nMath.log(2.0);\nlogger.log(a, b);"),
    expect: [
      ["logger.log(s)", { $LOGGER: "logger", $MSG: "s" }],
      ["Math.log(2.0)", { $LOGGER: "Math", $MSG: "2.0" }],
    ],
  },
  {
    name: "chained call: the receiver is itself a call",
    pattern: "$FACTORY.getInstance($ALG, ...)",
    code: method(
      'byte[] d = MessageDigest.getInstance("MD5").digest(data);\nCipher.getInstance("AES", provider);',
    ),
    expect: [
      ['MessageDigest.getInstance("MD5")', { $FACTORY: "MessageDigest", $ALG: '"MD5"' }],
      ['Cipher.getInstance("AES", provider)', { $FACTORY: "Cipher", $ALG: '"AES"' }],
    ],
  },
  {
    name: "`...` as the single right-hand side of an assignment",
    pattern: "foo = ...;",
    code: method("foo = bar(1, 2);\nfoo += 1;\nbaz = 3;"),
    expect: ["foo = bar(1, 2)"],
  },
  {
    name: "`...` as the single condition of an if",
    pattern: "if (...)\n  return 42;",
    code: "class A {\n  int f(int x) {\n    if (x > 1) return 42;\n    if (x > 2) return 43;\n    return 0;\n  }\n}\n",
    expect: ["if (x > 1) return 42;"],
  },
  {
    name: "object creation, with and without arguments",
    pattern: "new $C(...)",
    code: method('Object a = new Socket("h", 80);\nObject b = new ArrayList<>();\nint[] c = new int[3];'),
    expect: [
      ['new Socket("h", 80)', { $C: "Socket" }],
      ["new ArrayList<>()", { $C: "ArrayList<>" }],
    ],
  },
  {
    name: "string concatenation inside a deep expression",
    pattern: '$STMT.executeQuery(<... "..." + $X ...>)',
    code: method(
      'stmt.executeQuery("SELECT * FROM t WHERE a = \'" + s + "\'");\nstmt.executeQuery("SELECT 1");\nstmt.executeQuery(q + "x");',
    ),
    expect: [['stmt.executeQuery("SELECT * FROM t WHERE a = \'" + s + "\'")', { $STMT: "stmt", $X: "s" }]],
  },
  {
    name: "exact string content and literal metavariable",
    pattern: 'Cipher.getInstance("$ALG")',
    code: method('Cipher.getInstance("AES/ECB/PKCS5Padding");\nCipher.getInstance(alg);'),
    expect: [['Cipher.getInstance("AES/ECB/PKCS5Padding")', { $ALG: "AES/ECB/PKCS5Padding" }]],
  },
  {
    name: "field access assignment",
    pattern: "$X.debug = true;",
    code: method("this.debug = true;\nconfig.debug = true;\nconfig.debug = false;"),
    expect: [
      ["this.debug = true", { $X: "this" }],
      ["config.debug = true", { $X: "config" }],
    ],
  },
  {
    name: "statement sequence with `...` and a reused metavariable",
    pattern: 'String $SQL = "..." + $X;\n...\n$STMT.$M($SQL);',
    code: method(
      'String sql = "SELECT " + s;\nlog(sql);\nResultSet r = st.executeQuery(sql);\nst.executeQuery(other);',
    ),
    expect: [
      [
        'String sql = "SELECT " + s;\n    log(sql);\n    ResultSet r = st.executeQuery(sql);',
        { $SQL: "sql", $X: "s", $STMT: "st", $M: "executeQuery" },
      ],
    ],
  },
  {
    name: "method with any modifiers, parameters and body",
    pattern: "void $F(...) { ... }",
    code: "class A {\n  @Override\n  public void run() throws IOException { go(); }\n  int size() { return 0; }\n}\n",
    expect: [["@Override\n  public void run() throws IOException { go(); }", { $F: "run" }]],
  },
  {
    name: "annotations and modifiers in the pattern are a subset of the target's",
    pattern: "@RequestMapping(...)\npublic $T $F(...) { ... }",
    code: 'class C {\n  @RequestMapping("/a")\n  @ResponseBody\n  public String a() { return ""; }\n  public String b() { return ""; }\n  @RequestMapping("/c")\n  private String c() { return ""; }\n}\n',
    expect: [
      [
        '@RequestMapping("/a")\n  @ResponseBody\n  public String a() { return ""; }',
        { $T: "String", $F: "a" },
      ],
    ],
  },
  {
    name: "typed parameter binds its name",
    pattern: "$R $F(String $P) { ... }",
    code: "class A {\n  int f(String name) { return 0; }\n  int g(int n) { return 0; }\n}\n",
    expect: [["int f(String name) { return 0; }", { $R: "int", $F: "f", $P: "name" }]],
  },
  {
    name: "class with any body and a concrete parent",
    pattern: "class $C extends HttpServlet { ... }",
    code: "class A extends HttpServlet {\n  void f() {}\n}\nclass B extends Object {}\nclass D {}\n",
    expect: [["class A extends HttpServlet {\n  void f() {}\n}", { $C: "A" }]],
  },
  {
    name: "try without catch in the pattern matches a try with catch and finally",
    pattern: "try {\n  ...\n}",
    code: method("try {\n  go();\n} catch (IOException e) {\n  log(e);\n} finally {\n  close();\n}"),
    expect: [
      "try {\n      go();\n    } catch (IOException e) {\n      log(e);\n    } finally {\n      close();\n    }",
    ],
  },
  {
    name: "local variable pattern also matches a field",
    pattern: 'String $K = "...";',
    code: 'class A {\n  private static final String KEY = "secret";\n  void f() {\n    String v = "x";\n    String w = g();\n  }\n}\n',
    expect: [
      ['private static final String KEY = "secret";', { $K: "KEY" }],
      ['String v = "x";', { $K: "v" }],
    ],
  },
  {
    name: "import equivalence: fully qualified name matches the imported short name",
    pattern: 'java.security.MessageDigest.getInstance("MD5")',
    code: 'import java.security.MessageDigest;\nclass A {\n  void f() {\n    MessageDigest.getInstance("MD5");\n    other.MessageDigest.getInstance("MD5");\n  }\n}\n',
    expect: ['MessageDigest.getInstance("MD5")'],
  },
  {
    name: "`...` among class members",
    pattern: "class $C {\n  ...\n  void $M() { ... }\n  ...\n}",
    code: "class A {\n  int x;\n  void m() {}\n  int y;\n}\nclass B {\n  void n(int a) {}\n}\n",
    expect: [["class A {\n  int x;\n  void m() {}\n  int y;\n}", { $C: "A", $M: "m" }]],
  },
  {
    name: "if without else matches an if with else",
    pattern: "if ($X == null) {\n  ...\n}",
    code: method("if (s == null) {\n  return;\n} else {\n  go();\n}\nif (s != null) {\n}"),
    expect: [["if (s == null) {\n      return;\n    } else {\n      go();\n    }", { $X: "s" }]],
  },
  {
    name: "a different method name or argument count does not match",
    pattern: "$S.executeQuery($Q)",
    code: method("st.executeUpdate(q);\nst.executeQuery(q, 1);\nexecuteQuery(q);"),
    expect: [],
  },
];

describe("structural matcher: Java", () => {
  for (const c of cases) it(c.name, () => check("java", c));
});
