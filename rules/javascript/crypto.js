import crypto, { createHash } from "node:crypto";

export function hashPassword(password) {
  // ruleid: javascript-weak-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

export function signature(body) {
  // ruleid: javascript-weak-hash
  return createHash("sha1").update(body).digest("base64");
}

export function checksum(body) {
  // ok: javascript-weak-hash
  return crypto.createHash("sha256").update(body).digest("hex");
}

export function mac(key, body) {
  // ok: javascript-weak-hash
  return crypto.createHmac("sha256", key).update(body).digest("hex");
}

export function encryptLegacy(key, iv, text) {
  // ruleid: javascript-weak-cipher
  const cipher = crypto.createCipheriv("des-ede3-cbc", key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

export function encryptBlock(key, text) {
  // ruleid: javascript-weak-cipher
  const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

export function encryptGcm(key, text) {
  const iv = crypto.randomBytes(12);
  // ok: javascript-weak-cipher
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

export function encryptCbc(key, iv, text) {
  // ok: javascript-weak-cipher
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

export function newSession(user) {
  // ruleid: javascript-math-random-secret
  const sessionId = Math.random().toString(36).slice(2);
  // ruleid: javascript-math-random-secret
  user.resetToken = Math.floor(Math.random() * 1e16).toString(16);
  return sessionId;
}

export function newApiKey() {
  // ruleid: javascript-math-random-secret
  let apiKey = "ak_" + Math.random().toString(36).substring(2);
  return apiKey;
}

export function newSessionSafe() {
  // ok: javascript-math-random-secret
  const sessionId = crypto.randomUUID();
  // ok: javascript-math-random-secret
  const resetToken = crypto.randomBytes(32).toString("base64url");
  return [sessionId, resetToken];
}

export function jitter(base) {
  // ok: javascript-math-random-secret
  const delay = base + Math.random() * 250;
  return delay;
}

export function layout(grid) {
  // ok: javascript-math-random-secret
  grid.width = Math.round(Math.random() * 100);
  return grid;
}
