/** TypeScript / TSX cases: type annotations a pattern leaves out, TS-only syntax, JSX in .tsx only. */
import { describe, expect, it } from "vitest";
import { UnsupportedPatternError } from "../../../app/detection/embedded/match-types.js";
import { check, find, type Case } from "./matcher-helpers.js";

const cases: Case[] = [
  {
    name: "function pattern ignores parameter and return types",
    pattern: "function $F(...) { ... }",
    code: "function f(x: number, y?: string): void { return; }\n",
    expect: [["function f(x: number, y?: string): void { return; }", { $F: "f" }]],
  },
  {
    name: "typed parameter in the pattern",
    pattern: "function $F($X: string) { ... }",
    code: "function a(p: string) {}\nfunction b(p: number) {}\n",
    expect: [["function a(p: string) {}", { $F: "a", $X: "p" }]],
  },
  {
    name: "assignment pattern matches an annotated declaration",
    pattern: "$X = $Y",
    code: "let x: number = 5;\n",
    expect: [["x: number = 5", { $X: "x", $Y: "5" }]],
  },
  {
    name: "type arguments are optional in the target",
    pattern: "foo($X)",
    code: "foo<T>(a);\nfoo(b);\n",
    expect: [
      ["foo<T>(a)", { $X: "a" }],
      ["foo(b)", { $X: "b" }],
    ],
  },
  {
    name: "as expression",
    pattern: "$X as any",
    code: "const y = foo as any;\nconst z = foo as string;\n",
    expect: [["foo as any", { $X: "foo" }]],
  },
  {
    name: "method with modifiers and return type",
    pattern: "$M(...) { ... }",
    code: "class A { private m(): void {} }\n",
    expect: [["private m(): void {}", { $M: "m" }]],
  },
  {
    name: "import aliasing in TypeScript",
    pattern: "child_process.spawn(..., {shell: true})",
    code: "import { spawn } from 'child_process';\nspawn('ls', [], { shell: true, cwd: d });\nspawn('ls', []);\n",
    expect: ["spawn('ls', [], { shell: true, cwd: d })"],
  },
  {
    name: "non-null assertion is its own expression",
    pattern: "$X.innerHTML = $Y",
    code: "el!.innerHTML = v;\n",
    expect: [["el!.innerHTML = v", { $X: "el!", $Y: "v" }]],
  },
];

describe("structural matcher: TypeScript", () => {
  for (const c of cases) it(c.name, () => check("typescript", c));

  it("JSX patterns run on .tsx files", () => {
    expect(
      find(
        "tsx",
        "<$EL dangerouslySetInnerHTML={...} />",
        "const x = <div dangerouslySetInnerHTML={h} />;\n",
      ),
    ).toEqual([{ text: "<div dangerouslySetInnerHTML={h} />", bindings: { $EL: "div" } }]);
  });

  it("a JSX pattern on a .ts file is not an error and never matches", () => {
    expect(find("typescript", "<$EL dangerouslySetInnerHTML={...} />", "const x = 1;\n")).toEqual([]);
  });

  it("typed metavariables are reported as unsupported", () => {
    expect(() => find("typescript", "($X: DomSanitizer).sanitize(...)", "s.sanitize(x);\n")).toThrow(
      UnsupportedPatternError,
    );
  });
});
