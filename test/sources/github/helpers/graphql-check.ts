/**
 * Checks GraphQL traffic against GitHub's schema (@octokit/graphql-schema):
 * every query with `validate()`, and every answer of the fake by executing
 * the query over it with graphql-js — the result must equal the answer, so
 * it holds exactly the selected fields, under their aliases, with the types
 * and nullability GitHub's schema gives them.
 */
import { schema as githubSchema, validate } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  execute,
  parse,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type IntrospectionQuery,
} from "graphql";

let clientSchema: ReturnType<typeof buildClientSchema> | null = null;

export function checkQuery(query: string): string[] {
  return validate(query).map((e) => `GraphQL query: ${e.message}`);
}

/** Fields are read from the answer by response key (alias or name). */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) =>
  typeof source === "object" && source !== null
    ? (source as Record<string, unknown>)[info.path.key as string]
    : undefined;

/** Objects without `__typename` (only `object(oid:)` here) are commits. */
const typeOf: GraphQLTypeResolver<unknown, unknown> = (value, _ctx, info, abstractType) => {
  const named = (value as { __typename?: unknown }).__typename;
  if (typeof named === "string") return named;
  return info.schema.getPossibleTypes(abstractType).some((t) => t.name === "Commit") ? "Commit" : undefined;
};

export function checkAnswer(query: string, variables: Record<string, unknown>, data: unknown): string[] {
  clientSchema ??= buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);
  const result = execute({
    schema: clientSchema,
    document: parse(query),
    rootValue: data,
    variableValues: variables,
    fieldResolver: byResponseKey,
    typeResolver: typeOf,
  });
  if (result instanceof Promise) return ["GraphQL answer: execution did not finish synchronously"];
  const problems = (result.errors ?? []).map(
    (e) => `GraphQL answer: ${e.message} at ${e.path?.join(".") ?? "?"}`,
  );
  const expected = JSON.stringify(result.data ?? null);
  const actual = JSON.stringify(sortKeys(data));
  if (problems.length === 0 && JSON.stringify(sortKeys(result.data ?? null)) !== actual) {
    problems.push(
      `GraphQL answer differs from its schema-shaped form:\n  answer: ${actual.slice(0, 400)}\n  schema: ${expected.slice(0, 400)}`,
    );
  }
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
