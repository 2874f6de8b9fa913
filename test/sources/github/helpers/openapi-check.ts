/**
 * Checks REST requests (and the fake's answers) against GitHub's OpenAPI
 * description from @octokit/openapi: the path exists for the method, every
 * query parameter is one the operation declares, path and query values fit
 * their schemas, and a JSON answer fits the response schema. The 13 MB spec
 * is read once, on first use.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: object;
}

interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

interface Template {
  path: string;
  regex: RegExp;
  names: string[];
}

let loaded: { spec: Spec; ajv: Ajv; templates: Template[] } | null = null;

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function load(): NonNullable<typeof loaded> {
  if (loaded !== null) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const spec = dropUntypedNullable(JSON.parse(readFileSync(file, "utf8"))) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: false });
  addFormats(ajv);
  ajv.addSchema(spec, "openapi");
  const templates = Object.keys(spec.paths).map((path) => {
    const names: string[] = [];
    const multi = new Set(
      Object.values(spec.paths[path] ?? {})
        .flatMap((op) => (op.parameters ?? []).map((p) => resolveParameter(spec, p)))
        .filter((p) => (p as { "x-multi-segment"?: boolean })["x-multi-segment"] === true)
        .map((p) => p.name),
    );
    const pattern = path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (m === null) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(m[1] as string);
        return multi.has(m[1] as string) ? "(.+)" : "([^/]+)";
      })
      .join("");
    return { path, regex: new RegExp(`^${pattern}$`), names };
  });
  loaded = { spec, ajv, templates };
  return loaded;
}

/**
 * OpenAPI 3.0 puts `nullable` on schemas without `type` (beside `oneOf`,
 * `allOf`), which ajv refuses: rewrite them as `anyOf: [schema, null]`.
 */
function dropUntypedNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropUntypedNullable);
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node).map(([k, v]) => [k, dropUntypedNullable(v)] as const);
  const record = Object.fromEntries(entries) as Record<string, unknown>;
  if (record.nullable !== true || "type" in record) return record;
  const { nullable: _nullable, ...rest } = record;
  return { anyOf: [rest, { type: "null" }] };
}

function resolveParameter(spec: Spec, p: Parameter | { $ref: string }): Parameter {
  if ("$ref" in p) return spec.components.parameters[p.$ref.split("/").pop() as string] as Parameter;
  return p;
}

const pointer = (parts: string[]): string =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

const validators = new Map<string, ValidateFunction>();
function validatorFor(ajv: Ajv, ref: string, schema: object): ValidateFunction {
  let v = validators.get(ref);
  if (v === undefined) {
    v = ajv.getSchema(ref) ?? ajv.compile(schema);
    validators.set(ref, v);
  }
  return v;
}

/** Value as a JSON type for checking a string parameter against its schema. */
function typed(value: string, schema: object): unknown {
  const type = (schema as { type?: unknown }).type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

export interface RestCheck {
  /** The OpenAPI path template matched, or null. */
  template: string | null;
  problems: string[];
}

export function checkRestRequest(method: string, pathname: string, search: URLSearchParams): RestCheck {
  const { spec, ajv } = load();
  const m = method.toLowerCase();
  const candidates = load().templates.filter(
    (t) => spec.paths[t.path]?.[m] !== undefined && t.regex.test(pathname),
  );
  if (candidates.length === 0)
    return { template: null, problems: [`${method} ${pathname}: no such operation`] };
  let best: RestCheck | null = null;
  for (const t of candidates) {
    const op = spec.paths[t.path]?.[m] as Operation;
    const params = (op.parameters ?? []).map((p) => resolveParameter(spec, p));
    const problems: string[] = [];
    const values = (t.regex.exec(pathname) ?? []).slice(1);
    t.names.forEach((name, i) => {
      const p = params.find((q) => q.in === "path" && q.name === name);
      const value = decodeURIComponent(values[i] ?? "");
      if (p?.schema !== undefined && !ajv.validate(p.schema, typed(value, p.schema))) {
        problems.push(`path parameter ${name}=${value}: ${ajv.errorsText()}`);
      }
    });
    for (const [name, value] of search) {
      const p = params.find((q) => q.in === "query" && q.name === name);
      if (p === undefined) problems.push(`query parameter ${name} is not accepted by ${method} ${t.path}`);
      else if (p.schema !== undefined && !ajv.validate(p.schema, typed(value, p.schema))) {
        problems.push(`query parameter ${name}=${value}: ${ajv.errorsText()}`);
      }
    }
    for (const p of params) {
      if (p.in === "query" && p.required === true && !search.has(p.name))
        problems.push(`missing query ${p.name}`);
    }
    const check = { template: t.path, problems: problems.map((p) => `${method} ${pathname}: ${p}`) };
    if (problems.length === 0) return check;
    best ??= check;
  }
  return best as RestCheck;
}

/** Checks a JSON request body (there is none in the source, but publishers have them). */
export function checkRestBody(method: string, template: string, body: unknown): string[] {
  const { spec, ajv } = load();
  const schema =
    spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema;
  if (schema === undefined) return body === undefined ? [] : [`${method} ${template} takes no JSON body`];
  const ref = `openapi#/${pointer(["paths", template, method.toLowerCase(), "requestBody", "content", "application/json", "schema"])}`;
  const v = validatorFor(ajv, ref, schema);
  return v(body) ? [] : [`${method} ${template} body: ${ajv.errorsText(v.errors)}`];
}

/** Checks a JSON answer against the operation's response schema for that status. */
export function checkRestResponse(method: string, template: string, status: number, body: unknown): string[] {
  const { spec, ajv } = load();
  const m = method.toLowerCase();
  const schema = spec.paths[template]?.[m]?.responses[String(status)]?.content?.["application/json"]?.schema;
  if (schema === undefined) return [];
  const ref = `openapi#/${pointer(["paths", template, m, "responses", String(status), "content", "application/json", "schema"])}`;
  const v = validatorFor(ajv, ref, schema);
  return v(body) ? [] : [`${method} ${template} ${status} answer: ${ajv.errorsText(v.errors)}`];
}
