/**
 * Helpers for batched GraphQL queries: many fields under generated aliases
 * (`f0`, `f1`, ...), each taking its path or expression from a variable
 * (`$p0`, `$p1`, ...), so no repository text is ever spliced into a query.
 */

/** Splits `items` into runs of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}

/** `$p0: String!, $p1: String!` for `count` variables named `prefix` + index. */
export function declareVariables(prefix: string, type: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${prefix}${i}: ${type}`).join(", ");
}

/** `{ p0: values[0], p1: values[1], ... }`. */
export function indexedVariables(prefix: string, values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
}

/** The field selected under alias `name` of an object, or undefined when absent. */
export function aliased(container: Record<string, unknown> | null | undefined, name: string): unknown {
  return container === null || container === undefined ? undefined : container[name];
}
