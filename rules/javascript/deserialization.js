import serialize from "node-serialize";
import { z } from "zod";

const Prefs = z.object({ theme: z.string() });

export function loadPrefs(req, res) {
  const raw = Buffer.from(req.cookies.prefs, "base64").toString();
  // ruleid: javascript-node-serialize-unserialize
  const prefs = serialize.unserialize(raw);
  res.json(prefs);
}

export function restore(payload) {
  // ruleid: javascript-node-serialize-unserialize
  return require("node-serialize").unserialize(payload);
}

export function savePrefs(prefs) {
  // ok: javascript-node-serialize-unserialize
  return serialize.serialize(prefs);
}

export function loadPrefsSafe(req) {
  const raw = Buffer.from(req.cookies.prefs, "base64").toString();
  // ok: javascript-node-serialize-unserialize
  return Prefs.parse(JSON.parse(raw));
}

export function fromQueue(codec, message) {
  // ok: javascript-node-serialize-unserialize
  return codec.unserialize(message.body);
}
