import { createRequire } from "node:module";

/** The package version, read once when first asked for (never at import time). */
let cached: string | undefined;
export function toolVersion(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    // app/version.ts sits one level below the package root, dist/app/version.js two.
    for (const candidate of ["../package.json", "../../package.json"]) {
      try {
        const pkg = require(candidate) as { name?: string; version?: string };
        if (pkg.name === "agent-provenance" && typeof pkg.version === "string") {
          cached = pkg.version;
          break;
        }
      } catch {
        // try the next location
      }
    }
    cached ??= "0.0.0";
  }
  return cached;
}
