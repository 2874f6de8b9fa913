// Keep `npm ci` working when the registry cannot serve some optional
// platform packages (seen here: a mirror without @rollup/rollup-darwin-*,
// @ast-grep/napi-win32-* ...). npm then leaves them out of package-lock.json
// and `npm ci` refuses the lock as "not in sync". This adds a lock entry for
// each missing optional dependency whose name says its platform (os, cpu,
// libc); npm skips those entries on other platforms without fetching them.
// Idempotent; changes nothing when the lock is complete.
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORM =
  /-(android|darwin|freebsd|linux|openbsd|openharmony|win32|sunos|netbsd|aix)-([a-z0-9]+)(?:-(gnu|musl|msvc|gnueabihf|musleabihf|eabi))?$/;
const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const pkgs = lock.packages;
const added = [];
for (const [path, info] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(info.optionalDependencies ?? {})) {
    if (pkgs[`node_modules/${name}`] || pkgs[`${path}/node_modules/${name}`]) continue;
    const m = PLATFORM.exec(name);
    if (!m) continue;
    const entry = { version: range.replace(/^[\^~=]/, ""), cpu: [m[2]], optional: true, os: [m[1]] };
    if (info.dev) entry.dev = true;
    if (m[1] === "linux" && /musl/.test(m[3] ?? "")) entry.libc = ["musl"];
    if (m[1] === "linux" && /gnu/.test(m[3] ?? "")) entry.libc = ["glibc"];
    pkgs[`node_modules/${name}`] = entry;
    added.push(name);
  }
}
if (added.length > 0) {
  const sorted = Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1));
  lock.packages = Object.fromEntries(sorted);
  writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
  console.log(`complete-lockfile: added ${added.length} optional platform entries`);
}
