/**
 * Validate request bodies we send to GitHub against GitHub's own OpenAPI
 * description (@octokit/openapi, api.github.com), with ajv. The spec is big:
 * it is read once, on first use, and each operation's schema compiled once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
}

let spec: Spec | null = null;
let ajv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction | null>();
const templates: Array<{ template: string; regex: RegExp }> = [];

function load(): { spec: Spec; ajv: Ajv } {
  if (spec === null || ajv === null) {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    spec = JSON.parse(readFileSync(file, "utf8")) as Spec;
    ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS with a default export.
    const addFormats =
      (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    for (const template of Object.keys(spec.paths)) {
      const pattern = template
        .split("/")
        .map((seg) => (/^\{.+\}$/.test(seg) ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      templates.push({ template, regex: new RegExp(`^${pattern}$`) });
    }
    // Literal segments first, so /repos/{owner}/{repo}/check-runs beats a {param} at the same place.
    const params = (t: string): number => t.split("{").length - 1;
    templates.sort((a, b) => params(a.template) - params(b.template));
  }
  return { spec, ajv };
}

/** The OpenAPI path template an actual request path matches ("/repos/o/r/check-runs/5" → "/repos/{owner}/{repo}/check-runs/{check_run_id}"). */
export function matchTemplate(path: string): string | null {
  load();
  const bare = path.split("?")[0] ?? path;
  return templates.find((t) => t.regex.test(bare))?.template ?? null;
}

/**
 * Errors of `body` against the request-body schema of METHOD path (an actual
 * path; an /api/v3 prefix is dropped). Throws when the operation is unknown or
 * takes no JSON body, so a typo in a test never passes as "valid".
 */
export function requestBodyErrors(method: string, path: string, body: unknown): string[] {
  const { spec, ajv } = load();
  const template = matchTemplate(path.replace(/^\/api\/v3(?=\/)/, ""));
  if (template === null) throw new Error(`no GitHub REST operation matches ${path}`);
  const key = `${method.toLowerCase()} ${template}`;
  if (!compiled.has(key)) {
    const schema =
      spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema;
    compiled.set(
      key,
      schema === undefined ? null : ajv.compile({ ...(schema as object), components: spec.components }),
    );
  }
  const validate = compiled.get(key);
  if (validate === null || validate === undefined)
    throw new Error(`${method} ${template} takes no JSON request body`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "(body)"} ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`,
  );
}
