/** `--engine auto|semgrep|embedded`: auto runs the real Semgrep when it is on PATH, the embedded engine otherwise. */
import { ProvenanceError } from "../errors.js";
import { createEmbeddedEngine } from "./embedded/embedded-engine.js";
import { createSemgrepEngine, findSemgrep } from "./semgrep-engine.js";
import type { Engine } from "./types.js";

export const ENGINE_CHOICES = ["auto", "semgrep", "embedded"] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export function parseEngineChoice(value: string | undefined): EngineChoice {
  if (value === undefined) return "auto";
  if ((ENGINE_CHOICES as readonly string[]).includes(value)) return value as EngineChoice;
  throw new ProvenanceError(
    "BAD_ARGUMENT",
    `--engine must be one of ${ENGINE_CHOICES.join(", ")} (got ${JSON.stringify(value)})`,
  );
}

export async function selectEngine(
  choice: EngineChoice,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Engine> {
  if (choice === "embedded") return createEmbeddedEngine();
  const binary = await findSemgrep(env);
  if (binary !== null) return createSemgrepEngine({ env, binary });
  if (choice === "semgrep") {
    throw new ProvenanceError(
      "BAD_ARGUMENT",
      "--engine semgrep: semgrep is not on PATH (install it, or use --engine embedded)",
    );
  }
  return createEmbeddedEngine();
}
