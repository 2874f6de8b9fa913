import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

let cached: string | undefined;

/** The package version, read when first asked for (never at import time). */
export function toolVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: string };
    cached = typeof pkg.version === "string" ? pkg.version : "0.0.0";
  }
  return cached;
}
