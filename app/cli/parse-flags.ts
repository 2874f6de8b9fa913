import { parseArgs, type ParseArgsConfig } from "node:util";
import { ProvenanceError } from "../errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs in strict mode, with its errors turned into BAD_ARGUMENT. */
export function parseFlags<O extends Options>(
  _command: string,
  args: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    // main() prefixes the command name already.
    throw new ProvenanceError("BAD_ARGUMENT", (err as Error).message, { cause: err });
  }
}

export function requireFlag(_command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === "") {
    throw new ProvenanceError("BAD_ARGUMENT", `--${name} is required`);
  }
  return value;
}
