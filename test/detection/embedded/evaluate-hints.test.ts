/**
 * Filters pushed down to pattern leaves must not change any result:
 * metavariable-regex literals (only nodes whose text holds them are matched)
 * and pattern-inside regions (only regions holding a positive range whose
 * bindings can unify). Each case is evaluated with the structural matcher as
 * is and with one that ignores the filter; both must give the same matches.
 */
import { describe, expect, it } from "vitest";
import type { Condition, Formula } from "../../../app/detection/types.js";
import { evaluateFormula } from "../../../app/detection/embedded/evaluate-formula.js";
import type { EmbeddedLanguage, PatternMatcher } from "../../../app/detection/embedded/match-types.js";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";

const p = (pattern: string): Formula => ({ kind: "pattern", pattern });
const rx = (regex: string): Formula => ({ kind: "regex", regex });
const either = (...branches: Formula[]): Formula => ({ kind: "either", branches });
function all(parts: Partial<Extract<Formula, { kind: "all" }>>): Formula {
  return {
    kind: "all",
    positives: [],
    inside: [],
    negatives: [],
    notInside: [],
    conditions: [],
    focus: [],
    ...parts,
  };
}
const re = (metavariable: string, regex: string): Condition => ({
  kind: "metavariable-regex",
  metavariable,
  regex,
});
const mvp = (metavariable: string, formula: Formula): Condition => ({
  kind: "metavariable-pattern",
  metavariable,
  formula,
  language: null,
});

const matcher = createStructuralMatcher();
const unfiltered: PatternMatcher = {
  parseFile: (language, text) => matcher.parseFile(language, text),
  match: (pattern, file) => matcher.match(pattern, file),
};

function results(m: PatternMatcher, language: EmbeddedLanguage, code: string, formula: Formula): string[] {
  return evaluateFormula(formula, m.parseFile(language, code), m).map((r) => {
    const b = Object.entries(r.bindings)
      .map(([k, v]) => `${k}=${v.text}@${v.start}`)
      .sort();
    return `${code.slice(r.start, r.end)} {${b.join(" ")}}`;
  });
}

const py = `
import subprocess
def f(db, request):
    q = "SELECT " + request.args.get("id")
    db.execute(q)
    db.executemany("SELECT 1", rows)
    db.run(q)
    cur.execute("x" + y)
    execute = db.prepare(q)
    subprocess.run(q, shell=True)
    token = "abcdefgh"
    api_key = "12345678"
`;

const js = `
const q = "SELECT * FROM t WHERE id = " + id;
db.query(q);
db.all("SELECT 1" + x);
conn.get(\`SELECT \${x}\`);
res.send(req.query.file);
const secretKey = "abcdefgh";
cfg.api_key = "12345678";
`;

const pyFlow = `
def handler(request, db):
    url = request.args.get("u")
    other = request.form.get("v")
    if url:
        requests.get(url, timeout=3)
    requests.get(other + "x")
    q = "SELECT " + url
    db.execute(q)
    db.execute("SELECT " + other)
    def inner():
        w = request.args["w"]
        requests.post(w)
    return requests.get(  url  )
`;

const cases: Array<[string, EmbeddedLanguage, string, Formula]> = [
  [
    "inside binds the sink's argument (taint-like), nested blocks and spacing",
    "python",
    pyFlow,
    all({
      inside: [p("$URL = request.$SOURCE.get(...)\n...\n")],
      positives: [either(p("requests.$METHOD($URL, ...)"), p("httpx.$METHOD($URL, ...)"))],
      conditions: [re("$SOURCE", "^(args|form)$")],
    }),
  ],
  [
    "two insides, one by subscript",
    "python",
    pyFlow,
    all({
      inside: [
        either(p("$URL = request.$SOURCE.get(...)\n...\n"), p("$URL = request.$SOURCE[...]\n...\n")),
        p("def $F(...):\n    ...\n"),
      ],
      positives: [p("requests.$METHOD($URL, ...)")],
    }),
  ],
  [
    "inside and positive share a concatenated query",
    "python",
    pyFlow,
    all({
      inside: [p("$SQL = $A + $B\n...\n")],
      positives: [p("$DB.execute($SQL)")],
    }),
  ],
  [
    "inside of a call whose argument must unify with a string",
    "python",
    pyFlow,
    all({ inside: [p("$DB.execute($Q)")], positives: [p('"SELECT " + $X')] }),
  ],
  [
    "regex positive inside a statement run",
    "python",
    pyFlow,
    all({ inside: [p("$V = request.$S.get(...)\n...\n")], positives: [rx("requests\\.\\w+")] }),
  ],
  [
    "one conjunct binds the metavariable",
    "python",
    py,
    all({ positives: [p("$DB.$EXECUTE($Q, ...)")], conditions: [re("$EXECUTE", "^(execute|executemany)$")] }),
  ],
  [
    "either branches and an inside that does not bind it",
    "python",
    py,
    all({
      positives: [
        either(
          p("$DB.$EXECUTE($Q + $X, ...)"),
          all({ inside: [p("$Q = $A + $B\n...\n")], positives: [p("$DB.$EXECUTE($Q, ...)")] }),
        ),
      ],
      conditions: [re("$EXECUTE", "^(execute|executemany)$"), re("$A", "^[\"']SELECT")],
    }),
  ],
  [
    "the metavariable bound by two conjuncts (unification decides)",
    "python",
    py,
    all({
      inside: [p("$Q = $A + $B\n...\n")],
      positives: [p("$DB.$M($Q, ...)")],
      conditions: [re("$Q", "^q$"), re("$M", "^execute$")],
    }),
  ],
  [
    "a nested metavariable-pattern binds it too",
    "python",
    py,
    all({
      positives: [all({ positives: [p("$DB.$M($Q)")], conditions: [mvp("$Q", p("$EXECUTE"))] })],
      conditions: [re("$EXECUTE", "^q$")],
    }),
  ],
  [
    "regex capture groups bind names",
    "python",
    py,
    all({
      positives: [all({ positives: [p("$DB.$M($Q, ...)")], conditions: [re("$M", "^(?P<V>exec)ute$")] })],
      conditions: [re("$V", "^exec$")],
    }),
  ],
  [
    "secrets with focus",
    "javascript",
    js,
    all({
      positives: [
        either(
          p("const $NAME = $VALUE;"),
          p("$OBJ.$NAME = $VALUE"),
          all({ positives: [p("{..., $NAME: $VALUE, ...}")], focus: ["$VALUE"] }),
        ),
      ],
      conditions: [
        re("$NAME", "(?i)^[\\w$]*(secret_?key|api_?key)$"),
        re("$VALUE", "^[\"'][^\"']{6,}[\"']$"),
      ],
    }),
  ],
  [
    "sql concatenation with a negative",
    "javascript",
    js,
    all({
      positives: [
        either(
          p("$DB.$METHOD($QUERY + $X, ...)"),
          all({ inside: [p("const $VAR = $QUERY + $X;\n...\n")], positives: [p("$DB.$METHOD($VAR, ...)")] }),
        ),
      ],
      negatives: [p('$DB.$METHOD("..." + "...", ...)')],
      conditions: [re("$METHOD", "^(query|all|get)$"), re("$QUERY", "(?i)^[\"'`]\\s*select\\b")],
    }),
  ],
  [
    "a property chain",
    "javascript",
    js,
    all({
      positives: [p("$RES.$SEND(req.$SOURCE.$F)")],
      conditions: [re("$SEND", "^send$"), re("$SOURCE", "^query$")],
    }),
  ],
];

describe("filters pushed down to pattern leaves change no result", () => {
  it.each(cases)("%s", (_name, language, code, formula) => {
    const expected = results(unfiltered, language, code, formula);
    expect(results(matcher, language, code, formula)).toEqual(expected);
  });

  it("the cases do match something", () => {
    const total = cases.reduce(
      (n, [, language, code, formula]) => n + results(matcher, language, code, formula).length,
      0,
    );
    expect(total).toBeGreaterThan(8);
  });
});
