import { describe, expect, it } from "vitest";
import { classifyFailure } from "../../app/app/classify-failure.js";
import { APP_CONFIG_PATH, loadAppConfig } from "../../app/app/load-app-config.js";
import { CONFIG_PATH } from "../../app/cli/local-analysis.js";
import { isProvenanceError } from "../../app/errors.js";
import { DEFAULT_CONFIG } from "../../app/policy/config-schema.js";

async function error(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as Error,
  );
}

describe("loadAppConfig", () => {
  it("reads the same file the CLI reads", () => {
    expect(APP_CONFIG_PATH).toBe(CONFIG_PATH);
  });

  it("no file → the defaults; a valid file → parsed with the shared schema", async () => {
    expect(await loadAppConfig(async () => null, "o/r")).toEqual(DEFAULT_CONFIG);
    const cfg = await loadAppConfig(async () => ({ policy: { block_on_unknown: true } }), "o/r");
    expect(cfg.policy.block_on_unknown).toBe(true);
    expect(cfg.check_run.conclusions).toEqual({ allow: "success", warn: "neutral", block: "failure" });
  });

  it("a schema problem → BAD_CONFIG with file, key and reason", async () => {
    const err = await error(loadAppConfig(async () => ({ detection: { filter: "everything" } }), "o/r"));
    expect(isProvenanceError(err) && err.code).toBe("BAD_CONFIG");
    expect(err.message).toMatch(
      /^\.github\/agent-provenance\.yml \(default branch of o\/r\): detection\.filter: /,
    );
    expect(classifyFailure(err)).toMatchObject({ kind: "config" });
  });

  it("the config plugin's own errors (invalid YAML) → BAD_CONFIG; HTTP errors → GITHUB_FAILED", async () => {
    const yaml = await error(
      loadAppConfig(async () => {
        throw new Error(
          "[@probot/octokit-plugin-config] Configuration could not be parsed from x (invalid YAML)",
          {
            cause: new Error("Flow sequence in block collection\nat line 1"),
          },
        );
      }, "o/r"),
    );
    expect(isProvenanceError(yaml) && yaml.code).toBe("BAD_CONFIG");
    expect(yaml.message).toBe(
      ".github/agent-provenance.yml (default branch of o/r): Configuration could not be parsed from x (invalid YAML): Flow sequence in block collection",
    );
    const http = await error(
      loadAppConfig(async () => {
        throw Object.assign(new Error("Forbidden"), { status: 403 });
      }, "o/r"),
    );
    expect(isProvenanceError(http) && http.code).toBe("GITHUB_FAILED");
    expect(classifyFailure(http)).toMatchObject({
      kind: "github",
      headline: expect.stringContaining("HTTP 403"),
    });
  });
});
