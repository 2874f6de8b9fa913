import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { ScanTarget } from "../../../app/detection/types.js";

/** Every file under `dir` as a scan target with a "/"-separated relative path. */
export async function targetsUnder(dir: string): Promise<ScanTarget[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  files.sort();
  return Promise.all(
    files.map(async (file) => ({
      path: relative(dir, file).split(sep).join("/"),
      content: await readFile(file, "utf8"),
    })),
  );
}
