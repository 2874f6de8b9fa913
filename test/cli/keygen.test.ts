import { createPublicKey, createPrivateKey, sign, verify } from "node:crypto";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../app/cli/main.js";
import { captureIo } from "../helpers/capture-io.js";

describe("keygen", () => {
  it("writes a working Ed25519 pair, private key 0600, and never prints the private key", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "ap-keygen-")), "keys");
    const io = captureIo();
    expect(await main(["keygen", "--out", dir], io)).toBe(0);
    const privatePem = await readFile(join(dir, "private.pem"), "utf8");
    const publicPem = await readFile(join(dir, "public.pem"), "utf8");
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await stat(join(dir, "private.pem"))).mode & 0o777).toBe(0o600);
    const data = Buffer.from("tree id");
    const sig = sign(null, data, createPrivateKey(privatePem));
    expect(verify(null, data, createPublicKey(publicPem), sig)).toBe(true);
    const body = privatePem.split("\n")[1] ?? "";
    expect(io.out).not.toContain(body);
    const raw = /raw public key \(base64, for PROVENANCE_AGENT_PUBLIC_KEYS\): (\S+)/.exec(io.out)?.[1];
    const spki = createPublicKey(publicPem).export({ type: "spki", format: "der" });
    expect(raw).toBe(spki.subarray(12).toString("base64"));
  });

  it("refuses to overwrite existing keys without --force", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ap-keygen-"));
    await writeFile(join(dir, "private.pem"), "precious");
    const io = captureIo();
    expect(await main(["keygen", "--out", dir], io)).toBe(2);
    expect(io.err).toContain("exists; use --force");
    expect(await readFile(join(dir, "private.pem"), "utf8")).toBe("precious");
    expect(await main(["keygen", "--out", dir, "--force"], captureIo())).toBe(0);
  });

  it("requires --out", async () => {
    const io = captureIo();
    expect(await main(["keygen"], io)).toBe(2);
    expect(io.err).toContain("--out is required");
  });
});

describe("main", () => {
  it("rejects unknown commands and options with exit 2", async () => {
    const io = captureIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err).toContain('unknown command "frobnicate"');
    const io2 = captureIo();
    expect(await main(["analyze", "--bogus"], io2)).toBe(2);
    expect(io2.err).toMatch(/agent-provenance analyze: Unknown option '--bogus'/);
  });

  it("prints usage and version", async () => {
    const io = captureIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out).toContain("analyze");
    const io2 = captureIo();
    expect(await main(["--version"], io2)).toBe(0);
    expect(io2.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
