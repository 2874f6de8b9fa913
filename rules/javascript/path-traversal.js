import fs from "node:fs/promises";
import path from "node:path";

const UPLOAD_DIR = path.join(process.cwd(), "uploads");

export function download(req, res) {
  // ruleid: javascript-express-sendfile-user-input
  res.sendFile(path.join(UPLOAD_DIR, req.params.name));
}

export function invoice(req, res) {
  // ruleid: javascript-express-sendfile-user-input
  res.download(`/srv/invoices/${req.query.file}`);
}

export function downloadWithRoot(req, res) {
  // ok: javascript-express-sendfile-user-input
  res.sendFile(req.params.name, { root: UPLOAD_DIR, dotfiles: "deny" });
}

export function downloadBasename(req, res) {
  // ok: javascript-express-sendfile-user-input
  res.sendFile(path.join(UPLOAD_DIR, path.basename(req.params.name)));
}

export function index(req, res) {
  // ok: javascript-express-sendfile-user-input
  res.sendFile(path.join(process.cwd(), "public", "index.html"));
}

export async function readTemplate(req) {
  // ruleid: javascript-path-join-user-input
  const file = path.join(process.cwd(), "templates", req.query.template);
  return fs.readFile(file, "utf8");
}

export async function saveUpload(req) {
  // ruleid: javascript-path-join-user-input
  await fs.writeFile(path.resolve(UPLOAD_DIR, req.body.filename), req.body.content);
}

export async function readTemplateSafe(req) {
  // ok: javascript-path-join-user-input
  const file = path.join(process.cwd(), "templates", path.basename(req.query.template));
  return fs.readFile(file, "utf8");
}

export async function readStatic() {
  // ok: javascript-path-join-user-input
  return fs.readFile(path.join(process.cwd(), "public", "robots.txt"), "utf8");
}
