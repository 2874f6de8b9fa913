import child_process, { exec, execFile, execFileSync, execSync, spawn } from "node:child_process";

export function convert(req, res) {
  // ruleid: javascript-child-process-exec-injection
  exec(`ffmpeg -i ${req.query.src} out.mp4`, (err) => res.sendStatus(err ? 500 : 200));
}

export function gitLog(ref) {
  // ruleid: javascript-child-process-exec-injection
  return execSync("git log --oneline " + ref, { encoding: "utf8" });
}

export function archive(dir) {
  // ruleid: javascript-child-process-exec-injection
  child_process.exec(`tar czf backup.tgz ${dir}`);
}

export function convertSafe(req, res) {
  // ok: javascript-child-process-exec-injection
  execFile("ffmpeg", ["-i", req.query.src, "out.mp4"], (err) => res.sendStatus(err ? 500 : 200));
}

export function gitLogSafe(ref) {
  // ok: javascript-child-process-exec-injection
  return execFileSync("git", ["log", "--oneline", ref], { encoding: "utf8" });
}

export function status() {
  // ok: javascript-child-process-exec-injection
  return execSync("git status --porcelain", { encoding: "utf8" });
}

export function list(dir) {
  // ok: javascript-child-process-exec-injection
  return spawn("ls", ["-la", dir]);
}

export function firstMatch(re, text) {
  // ok: javascript-child-process-exec-injection
  return re.exec(text);
}
