import { describe, expect, it } from "vitest";
import { parseIdentity, parseTrailers } from "../../app/attribution/trailers.js";

type Pair = [key: string, value: string];

const cases: { name: string; message: string; expected: Pair[] }[] = [
  {
    name: "plain trailer block",
    message: "Fix bug\n\nBody text.\n\nSigned-off-by: Alice <alice@example.com>\n",
    expected: [["Signed-off-by", "Alice <alice@example.com>"]],
  },
  {
    name: "lower-case key keeps its spelling, token is lower-case",
    message: "Fix\n\nco-authored-by: Claude <noreply@anthropic.com>",
    expected: [["co-authored-by", "Claude <noreply@anthropic.com>"]],
  },
  {
    name: "blank before the colon, as git allows",
    message: "Fix\n\nSigned-off-by : Alice <alice@example.com>",
    expected: [["Signed-off-by", "Alice <alice@example.com>"]],
  },
  {
    name: "continuation lines are joined with one space",
    message: "Fix\n\nAgent-Signature: claude-code AAAA\n  BBBB\n\tCCCC\nAgent-ID: codex",
    expected: [
      ["Agent-Signature", "claude-code AAAA BBBB CCCC"],
      ["Agent-ID", "codex"],
    ],
  },
  {
    name: "several co-authors stay in order",
    message: "Fix\n\nCo-authored-by: A <a@x.org>\nCo-authored-by: B <b@x.org>\nCo-Authored-By: C <c@x.org>",
    expected: [
      ["Co-authored-by", "A <a@x.org>"],
      ["Co-authored-by", "B <b@x.org>"],
      ["Co-Authored-By", "C <c@x.org>"],
    ],
  },
  { name: "a one-paragraph message has no trailers", message: "Agent-ID: claude-code\n", expected: [] },
  {
    name: "one-paragraph title made of trailers only",
    message: "Co-authored-by: Claude <noreply@anthropic.com>\nAgent-ID: codex",
    expected: [],
  },
  {
    name: "trailer-looking text in a middle paragraph does not count",
    message:
      "Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nThis paragraph is prose, not trailers.",
    expected: [],
  },
  {
    name: "comment lines are skipped",
    message: "Fix\n\n# Please enter the commit message\nAgent-ID: cursor\n# trailing comment\n",
    expected: [["Agent-ID", "cursor"]],
  },
  {
    name: "trailing blank lines are ignored",
    message: "Fix\n\nAgent-ID: cursor\n\n\n   \n",
    expected: [["Agent-ID", "cursor"]],
  },
  {
    name: "CRLF line endings",
    message: "Fix\r\n\r\nAgent-ID: cursor\r\nMade-with: Cursor\r\n",
    expected: [
      ["Agent-ID", "cursor"],
      ["Made-with", "Cursor"],
    ],
  },
  {
    name: "mixed paragraph with a recognised trailer and >= 25% trailers",
    message: "Fix\n\nSome closing words\nmore words\nSigned-off-by: A <a@x.org>",
    expected: [["Signed-off-by", "A <a@x.org>"]],
  },
  {
    name: "mixed paragraph with a recognised agent trailer",
    message: "Fix\n\nWritten with help.\nCo-authored-by: Cursor <cursoragent@cursor.com>",
    expected: [["Co-authored-by", "Cursor <cursoragent@cursor.com>"]],
  },
  {
    name: "mixed paragraph without a recognised trailer is not a block",
    message: "Fix\n\nSome prose here\nReviewed-on: https://example.com/1",
    expected: [],
  },
  {
    name: "recognised trailer below 25% is not a block",
    message: "Fix\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@x.org>",
    expected: [],
  },
  {
    name: "cherry-pick line counts for the block but is not a trailer",
    message: "Fix\n\nsome text\n(cherry picked from commit abc)\nAgent-ID: codex",
    expected: [["Agent-ID", "codex"]],
  },
  {
    name: "a key with spaces is not a trailer key",
    message: "Fix\n\nCo authored by: Claude <noreply@anthropic.com>",
    expected: [],
  },
  {
    name: "a continuation after a non-trailer line is dropped",
    message: "Fix\n\nnot a trailer\n  indented\nSigned-off-by: A <a@x.org>\nAgent-ID: codex",
    expected: [
      ["Signed-off-by", "A <a@x.org>"],
      ["Agent-ID", "codex"],
    ],
  },
  {
    name: "empty value is kept",
    message: "Fix\n\nClaude-Session:\nAgent-ID: x",
    expected: [
      ["Claude-Session", ""],
      ["Agent-ID", "x"],
    ],
  },
  {
    name: "leading blank lines before the title",
    message: "\n\nFix\n\nAgent-ID: aider",
    expected: [["Agent-ID", "aider"]],
  },
];

describe("parseTrailers", () => {
  it.each(cases)("$name", ({ message, expected }) => {
    expect(parseTrailers(message).map((t) => [t.key, t.value])).toEqual(expected);
  });

  it("fills token and raw", () => {
    const [t] = parseTrailers("Fix\n\nCo-Authored-By: Claude\n  <noreply@anthropic.com>");
    expect(t).toEqual({
      key: "Co-Authored-By",
      token: "co-authored-by",
      value: "Claude <noreply@anthropic.com>",
      raw: "Co-Authored-By: Claude\n  <noreply@anthropic.com>",
    });
  });
});

describe("parseIdentity", () => {
  it.each([
    ["Claude <noreply@anthropic.com>", { name: "Claude", email: "noreply@anthropic.com" }],
    ["aider (gpt-4o) <Aider@Aider.Chat>", { name: "aider (gpt-4o)", email: "aider@aider.chat" }],
    ["<bot@example.com>", { name: "", email: "bot@example.com" }],
    ["  Jane Doe   <jane@example.com>  ", { name: "Jane Doe", email: "jane@example.com" }],
  ])("parses %s", (value, expected) => {
    expect(parseIdentity(value)).toEqual(expected);
  });

  it.each(["Claude", "noreply@anthropic.com", "Claude <not an email>", "A <a@x> trailing"])(
    "rejects %s",
    (value) => {
      expect(parseIdentity(value)).toBeNull();
    },
  );
});
