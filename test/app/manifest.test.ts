/** app.yml: what GitHub's manifest flow needs, least privilege, snake_case permissions, the events the App handles. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  CHECK_RUN_EVENTS,
  CHECK_SUITE_EVENTS,
  PULL_REQUEST_EVENTS,
  REVIEW_EVENTS,
} from "../../app/app/handlers.js";
import { packageRoot } from "../../app/package-root.js";

const manifest = parse(readFileSync(join(packageRoot(), "app.yml"), "utf8")) as Record<string, unknown>;

describe("app.yml", () => {
  it("names the App and describes it", () => {
    expect(manifest["name"]).toBe("agent-provenance");
    expect(String(manifest["description"]).length).toBeGreaterThan(20);
    expect(manifest["url"]).toMatch(/^https:\/\//);
  });

  it("asks for exactly the permissions the App uses, in snake_case", () => {
    expect(manifest["default_permissions"]).toEqual({
      checks: "write",
      contents: "read",
      pull_requests: "read",
      metadata: "read",
      security_events: "write",
    });
  });

  it("subscribes to every event the App registers a handler for, and no other", () => {
    const handled = new Set(
      [...PULL_REQUEST_EVENTS, ...REVIEW_EVENTS, ...CHECK_SUITE_EVENTS, ...CHECK_RUN_EVENTS].map(
        (e) => e.split(".")[0],
      ),
    );
    expect([...(manifest["default_events"] as string[])].sort()).toEqual([...handled].sort());
  });
});
