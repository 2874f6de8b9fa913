/** `keygen --out DIR`: an Ed25519 key pair as PKCS#8 / SPKI PEM files. The private key is never printed. */
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ProvenanceError } from "../errors.js";
import { EXIT, type CliIo } from "./io.js";
import { parseFlags, requireFlag } from "./parse-flags.js";
import { writeOutput } from "./write-output.js";

export const KEYGEN_USAGE = `usage: agent-provenance keygen --out DIR [--force]

Writes DIR/private.pem (PKCS#8, mode 0600) and DIR/public.pem (SPKI) for Ed25519.
Existing files are kept unless --force is given.`;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function runKeygen(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("keygen", args, {
    out: { type: "string" },
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout(KEYGEN_USAGE + "\n");
    return EXIT.ok;
  }
  const dir = requireFlag("keygen", "out", values.out);
  const privatePath = join(dir, "private.pem");
  const publicPath = join(dir, "public.pem");
  if (values.force !== true) {
    for (const p of [privatePath, publicPath]) {
      if (await exists(p))
        throw new ProvenanceError("BAD_ARGUMENT", `${p} exists; use --force to replace it`);
    }
  }
  await mkdir(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ type: "spki", format: "der" });
  await writeOutput(
    privatePath,
    privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    io.stdout,
    0o600,
  );
  await writeOutput(publicPath, publicKey.export({ type: "spki", format: "pem" }).toString(), io.stdout);
  io.stdout(
    [
      `wrote ${privatePath} (keep it secret) and ${publicPath}`,
      `key id (sha256 of SPKI DER): ${createHash("sha256").update(spki).digest("hex")}`,
      `raw public key (base64, for PROVENANCE_AGENT_PUBLIC_KEYS): ${spki.subarray(12).toString("base64")}`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
