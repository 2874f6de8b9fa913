/** Validate GraphQL documents we send against GitHub's schema (@octokit/graphql-schema), offline. Loaded on first use. */
type Validate = (query: string) => ReadonlyArray<{ message: string }>;

let validate: Validate | null = null;

export async function graphqlErrors(query: string): Promise<string[]> {
  validate ??= (await import("@octokit/graphql-schema")).validate as Validate;
  return validate(query).map((e) => e.message);
}
