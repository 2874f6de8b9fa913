/** `capabilities`: engines, rule pack (with digest), unsupported rules and custom detectors, as JSON or text. */
import { describeCapabilities } from "../detection/capabilities.js";
import { EXIT, type CliIo } from "./io.js";
import { parseFlags } from "./parse-flags.js";

export const CAPABILITIES_USAGE = `usage: agent-provenance capabilities [--rules PATH]... [--no-bundled] [--json]`;

export async function runCapabilities(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("capabilities", args, {
    rules: { type: "string", multiple: true },
    "no-bundled": { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help === true) {
    io.stdout(CAPABILITIES_USAGE + "\n");
    return EXIT.ok;
  }
  const caps = await describeCapabilities({
    rules: values.rules ?? [],
    bundled: values["no-bundled"] !== true,
    env: io.env,
    cwd: io.cwd,
  });
  if (values.json === true) {
    io.stdout(JSON.stringify(caps, null, 2) + "\n");
    return EXIT.ok;
  }
  const lines = [`agent-provenance ${caps.version}`, "engines:"];
  for (const e of caps.engines)
    lines.push(`  ${e.name.padEnd(9)} ${e.available ? "available" : "absent   "}  ${e.detail}`);
  lines.push(
    `rule pack ${caps.rulePack.digest.slice(0, 16)}…: ${caps.rulePack.rules} rules in ${caps.rulePack.files.length} files`,
  );
  lines.push(`rules the embedded engine cannot run: ${caps.unsupported.length}`);
  for (const u of caps.unsupported) lines.push(`  ${u.ruleId}: ${u.reason}`);
  lines.push(
    `custom detectors: ${caps.detectors.length === 0 ? "none (PROVENANCE_DETECTOR_MODULE_PATHS)" : ""}`,
  );
  for (const d of caps.detectors) lines.push(`  ${d.id} ${d.version} (${d.module})`);
  io.stdout(lines.join("\n") + "\n");
  return EXIT.ok;
}
