import { parseArgs, type ParseArgsConfig } from "node:util";
import { ProvenanceError } from "../errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs in strict mode, with its errors turned into BAD_ARGUMENT. */
export function parseFlags<O extends Options>(
  command: string,
  args: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    throw new ProvenanceError("BAD_ARGUMENT", `${command}: ${(err as Error).message}`, { cause: err });
  }
}

export function requireFlag(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === "") {
    throw new ProvenanceError("BAD_ARGUMENT", `${command}: --${name} is required`);
  }
  return value;
}
