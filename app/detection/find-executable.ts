/** `which` in Node: the first executable regular file named `name` on PATH (absolute entries only, no shell). */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";

export async function findExecutable(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (name.includes("/") || name === "") return null;
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    // An empty or relative PATH entry means "the current directory": never run a binary from there.
    if (dir === "" || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      const info = await stat(candidate);
      if (!info.isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return null;
}
