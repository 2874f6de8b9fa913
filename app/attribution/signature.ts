/**
 * Agent signatures: a trailer `Agent-Signature: <agent-id> <base64 ed25519 signature>`
 * over the UTF-8 bytes of the commit's tree id (the hex string), checked
 * against the organisation's configured agent public keys. Keys are given as
 * base64 of the raw 32-byte Ed25519 key, base64 of the SPKI DER, or SPKI PEM.
 * Key material is never put into an error message.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { ProvenanceError } from "../errors.js";
import { normalizeAgentId } from "./agent-ids.js";

/**
 * "valid": verifies with the agent's key. "invalid": does not verify (forged,
 * other key, other tree). "no-key": no key configured for that agent, nothing
 * can be said. "malformed": not a 64-byte base64 signature.
 */
export type SignatureStatus = "valid" | "invalid" | "no-key" | "malformed";

export interface SignatureVerifier {
  verify(agent: string, treeId: string, sigB64: string): SignatureStatus;
}

/** SPKI DER header for an Ed25519 public key; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 decode (whitespace ignored, padding optional); null when not base64. */
function decodeBase64(text: string): Buffer | null {
  let s = text.replace(/\s+/g, "");
  if (s === "") return null;
  if (s.length % 4 !== 0) s += "=".repeat(4 - (s.length % 4));
  if (s.length % 4 !== 0 || !BASE64.test(s)) return null;
  return Buffer.from(s, "base64");
}

function badKey(agent: string, why: string, cause?: unknown): ProvenanceError {
  return new ProvenanceError("BAD_KEY", `agent public key for "${agent}" is not usable: ${why}`, { cause });
}

/** Parse one configured public key; throws BAD_KEY naming the agent (never the key). */
export function parseAgentPublicKey(agent: string, key: string): KeyObject {
  let keyObject: KeyObject;
  try {
    if (key.includes("-----BEGIN")) {
      keyObject = createPublicKey({ key, format: "pem" });
    } else {
      const der = decodeBase64(key);
      if (der === null) throw badKey(agent, "not PEM and not base64");
      const spki = der.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, der]) : der;
      keyObject = createPublicKey({ key: spki, format: "der", type: "spki" });
    }
  } catch (err) {
    if (err instanceof ProvenanceError) throw err;
    throw badKey(agent, "cannot be parsed as an Ed25519 public key", err);
  }
  if (keyObject.asymmetricKeyType !== "ed25519") {
    throw badKey(agent, `expected an Ed25519 key, got ${keyObject.asymmetricKeyType ?? "an unknown type"}`);
  }
  return keyObject;
}

/**
 * Build a verifier over `keys` (agent id → public key). Agent ids are
 * normalised ("claude" → "claude-code"). Every key is parsed up front, so a
 * bad configuration fails at start-up with BAD_KEY.
 */
export function createSignatureVerifier(keys: Record<string, string>): SignatureVerifier {
  const parsed = new Map<string, KeyObject>();
  for (const [agent, key] of Object.entries(keys)) {
    parsed.set(normalizeAgentId(agent), parseAgentPublicKey(agent, key));
  }
  return {
    verify(agent: string, treeId: string, sigB64: string): SignatureStatus {
      const key = parsed.get(normalizeAgentId(agent));
      if (key === undefined) return "no-key";
      const sig = decodeBase64(sigB64);
      if (sig === null || sig.length !== 64) return "malformed";
      try {
        return verify(null, Buffer.from(treeId, "utf8"), key, sig) ? "valid" : "invalid";
      } catch {
        return "invalid";
      }
    },
  };
}

/** Sign a tree id with a PKCS#8 PEM Ed25519 private key (for agent tooling and fixtures). Returns base64. */
export function signTree(privateKeyPem: string, treeId: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKeyPem, format: "pem" });
  } catch (err) {
    throw new ProvenanceError("BAD_KEY", "private key cannot be parsed as PEM", { cause: err });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new ProvenanceError("BAD_KEY", "private key is not an Ed25519 key");
  }
  return sign(null, Buffer.from(treeId, "utf8"), key).toString("base64");
}

/**
 * Parse the `PROVENANCE_AGENT_PUBLIC_KEYS` environment value: a JSON object
 * mapping agent id → key string. Blank means no keys. Throws BAD_KEY on bad
 * JSON or shape (keys themselves are checked by createSignatureVerifier).
 */
export function parseAgentPublicKeys(json: string): Record<string, string> {
  if (json.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // No `cause`: V8's JSON error quotes the input, which would print key material.
    throw new ProvenanceError("BAD_KEY", "PROVENANCE_AGENT_PUBLIC_KEYS is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ProvenanceError(
      "BAD_KEY",
      "PROVENANCE_AGENT_PUBLIC_KEYS must be a JSON object of agent id → key",
    );
  }
  const out: Record<string, string> = {};
  for (const [agent, key] of Object.entries(value)) {
    if (typeof key !== "string" || key.trim() === "" || normalizeAgentId(agent) === "") {
      throw new ProvenanceError(
        "BAD_KEY",
        `PROVENANCE_AGENT_PUBLIC_KEYS: entry "${agent}" must map an agent id to a key string`,
      );
    }
    out[normalizeAgentId(agent)] = key;
  }
  return out;
}
