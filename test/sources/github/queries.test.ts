import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import { blameQuery } from "../../../app/sources/github/blame.js";
import { treeEntriesQuery } from "../../../app/sources/github/inspect-files.js";
import { PULL_REQUEST_QUERY } from "../../../app/sources/github/pull-request-query.js";
import { objectsQuery } from "../../../app/sources/github/read-blobs.js";

const messages = (query: string): string[] => validate(query).map((e) => e.message);

describe("every GraphQL query the source sends is valid against GitHub's schema", () => {
  it("the pull-request query", () => {
    expect(messages(PULL_REQUEST_QUERY)).toEqual([]);
  });

  const item = (path: string, side: "head" | "base", withHistory = false, withBlame = false) => ({
    path,
    side,
    withHistory,
    withBlame,
  });
  it.each([
    ["head files only", [item("a", "head")]],
    ["head files with history", [item("a", "head", true), item("b", "head")]],
    ["head files with blame", [item("a", "head", false, true), item("b", "head", true)]],
    ["deleted files only", [item("a", "base")]],
    ["both sides", [item("a", "head", true, true), item("b", "base")]],
  ])("tree entries: %s", (_, items) => {
    expect(messages(treeEntriesQuery(items))).toEqual([]);
  });

  it.each([1, 25])("blame of %i file(s)", (n) => {
    expect(messages(blameQuery(n))).toEqual([]);
  });

  it.each([1, 100])("%i blob read(s)", (n) => {
    expect(messages(objectsQuery(n))).toEqual([]);
  });

  it("the schema check is not a rubber stamp", () => {
    expect(messages(PULL_REQUEST_QUERY.replace("isDraft", "isDraftt"))).not.toEqual([]);
    expect(messages(blameQuery(2).replace("$p1: String!", "$p1: Int!"))).not.toEqual([]);
  });
});
