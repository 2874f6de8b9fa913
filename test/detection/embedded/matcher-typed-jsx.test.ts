/** JSX attributes with an ellipsis value, and typed metavariables on literals. */
import { describe, expect, it } from "vitest";
import { UnsupportedPatternError } from "../../../app/detection/embedded/match-types.js";
import type { EmbeddedLanguage } from "../../../app/detection/embedded/match-types.js";
import { check, find, type Case } from "./matcher-helpers.js";

const JSX_CODE = 'const a = <a href="x" />;\nconst b = <Link href={url}>t</Link>;\nconst c = <a id="q" />;\n';

const cases: Array<[EmbeddedLanguage, Case]> = [
  [
    "tsx",
    {
      name: "href=... matches string and expression values, binding the tag",
      pattern: "<$EL href=... />",
      code: JSX_CODE,
      expect: [
        ['<a href="x" />', { $EL: "a" }],
        ["<Link href={url}>t</Link>", { $EL: "Link" }],
      ],
    },
  ],
  [
    "javascript",
    {
      name: "href=... in JavaScript",
      pattern: "<$EL href=... />",
      code: JSX_CODE,
      expect: [
        ['<a href="x" />', { $EL: "a" }],
        ["<Link href={url}>t</Link>", { $EL: "Link" }],
      ],
    },
  ],
  [
    "javascript",
    {
      name: 'href="..." matches only string values',
      pattern: '<$EL href="..." />',
      code: JSX_CODE,
      expect: [['<a href="x" />', { $EL: "a" }]],
    },
  ],
  [
    "javascript",
    {
      name: "an opening-tag pattern <a href=...> matches the element",
      pattern: "<a href=...>",
      code: 'const a = <a href="x">t</a>;\nconst b = <a href={u} />;\nconst c = <b href="x" />;\n',
      expect: ['<a href="x">t</a>', "<a href={u} />"],
    },
  ],
  [
    "tsx",
    {
      name: "href=... does not match an element without href",
      pattern: "<$EL href=... />",
      code: 'const c = <a id="q" />;\n',
      expect: [],
    },
  ],
  [
    "javascript",
    {
      name: "JS ($X: string) matches a string literal",
      pattern: "foo(($X: string))",
      code: 'foo("a");\nfoo(1);\nfoo(x);\n',
      expect: [['foo("a")', { $X: '"a"' }]],
    },
  ],
  [
    "typescript",
    {
      name: "TS ($X: number) matches a numeric literal",
      pattern: "foo(($X: number))",
      code: 'foo("a");\nfoo(1.5);\nfoo(x);\n',
      expect: [["foo(1.5)", { $X: "1.5" }]],
    },
  ],
  [
    "typescript",
    {
      name: "TS ($X: int) and ($X: float) match numeric literals",
      pattern: "foo(($X: int), ($Y: float))",
      code: "foo(1, 2);\nfoo(1, y);\n",
      expect: [["foo(1, 2)", { $X: "1", $Y: "2" }]],
    },
  ],
  [
    "javascript",
    {
      name: "JS ($X: string) as the whole pattern",
      pattern: "($X: string)",
      code: "f('q', 3);\n",
      expect: [["'q'", { $X: "'q'" }]],
    },
  ],
  [
    "python",
    {
      name: "Python ($X: str) matches a string literal",
      pattern: "foo(($X: str))",
      code: 'foo("a")\nfoo(1)\nfoo(x)\n',
      expect: [['foo("a")', { $X: '"a"' }]],
    },
  ],
  [
    "python",
    {
      name: "Python ($X: int) matches number literals",
      pattern: "foo(($X: int))",
      code: 'foo("a")\nfoo(1)\nfoo(2.5)\nfoo(y)\n',
      expect: [
        ["foo(1)", { $X: "1" }],
        ["foo(2.5)", { $X: "2.5" }],
      ],
    },
  ],
  [
    "python",
    {
      name: "Python typed metavariables in keyword arguments",
      pattern: "foo(($X: float), k=($Y: str))",
      code: 'foo(1, k="a")\nfoo(1, k=2)\n',
      expect: [['foo(1, k="a")', { $X: "1", $Y: '"a"' }]],
    },
  ],
];

describe("structural matcher: JSX ellipsis attributes and typed literal metavariables", () => {
  for (const [language, c] of cases) it(`${language}: ${c.name}`, () => check(language, c));

  it.each([
    ["python", "foo(($X: Foo))"],
    ["typescript", "foo(($X: Foo))"],
    ["javascript", "foo(($X: Request))"],
  ] as const)("%s: other types stay unsupported (%s)", (language, pattern) => {
    const run = (): unknown => find(language, pattern, "foo(1)\n");
    expect(run).toThrow(UnsupportedPatternError);
    expect(run).toThrow("typed metavariables are not supported");
  });
});
