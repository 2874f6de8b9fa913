/**
 * A coarse guard against pathological slowdowns (exponential backtracking, a
 * napi call per node per pattern): 300 files of ~100 lines, 40 patterns, run
 * file by file like the engine does. Every file uses every API, so this is a
 * worst case (~23k matches): 3-5 s on a busy 2-core machine, where 300 real
 * source files with ~50 patterns take about 1-1.3 s including parsing. The
 * bound is generous so machine load does not make the test flaky.
 */
import { expect, it } from "vitest";
import { createStructuralMatcher } from "../../../app/detection/embedded/structural-matcher.js";

const pyChunk = (i: number): string => `
import os
import subprocess as sp
from requests import get

class Handler${i}(Base):
    def handle(self, request, user_id=None):
        data = request.GET.get("q", "")
        if data == data:
            os.system("ls " + data)
        result = sp.run(["ls", data], shell=True, check=False)
        r = get("https://example.com/${i}", verify=False, timeout=3)
        for k in range(10):
            print(k, result.stdout[k], {"a": 1, "b": [1, 2, 3]})
        with open(f"/tmp/{user_id}") as fh:
            content = fh.read()
        return self.render(content, status=200)
`;

const jsChunk = (i: number): string => `
const cp = require("child_process");
function handler${i}(req, res) {
  const q = req.query.q;
  cp.exec("ls " + q, (err, out) => { res.send(out); });
  document.getElementById("x").innerHTML = q;
  const token = jwt.sign({ id: ${i} }, secret, { algorithm: "HS256" });
  if (q === undefined) { return res.status(400).end(); }
  items.map((x) => x * 2).filter(Boolean).forEach((x) => console.log(x));
  return new Promise((resolve) => setTimeout(resolve, 10));
}
`;

const pyPatterns = [
  "os.system(...)",
  "subprocess.run(..., shell=True, ...)",
  "requests.get(..., verify=False, ...)",
  "$X == $X",
  "eval(...)",
  "yaml.load(...)",
  "pickle.loads(...)",
  "$CURSOR.execute($Q % ...)",
  'hashlib.md5("...")',
  '$X = "..."',
  "def $F(..., $ARG={}, ...):\n    ...",
  "$D.get($K, $D)",
  "with open(...) as $F:\n    ...",
  "tempfile.mktemp(...)",
  "class $C(...):\n    ...",
  "import $M",
  "$X = open(...)\n...\n$X.close()",
  "if <... $U.is_admin() ...>:\n    ...",
  "print(...)",
  'f"...{$X}..."',
];

const jsPatterns = [
  "child_process.exec(...)",
  "eval(...)",
  "$EL.innerHTML = $X",
  'jwt.sign(..., "...", ...)',
  "$X == $X",
  "new Function(...)",
  "$RES.send(...)",
  'setTimeout("...", ...)',
  'crypto.createHash("md5")',
  "document.write(...)",
  "$X.query.$Y",
  "function $F(...) { ... }",
  "console.log(...)",
  'require("...")',
  "$RES.redirect($REQ.query.$X)",
  "$A.then(...)",
  "new Promise(...)",
  "$X.map(...).filter(...)",
  "($A) => { ... }",
  "const $X = $Y;\n...\n$X.send(...);",
];

it("300 files × 40 patterns stay far below the time budget", () => {
  const matcher = createStructuralMatcher();
  const started = performance.now();
  let matches = 0;
  for (let f = 0; f < 150; f++) {
    const py = matcher.parseFile("python", Array.from({ length: 6 }, (_, i) => pyChunk(f * 10 + i)).join(""));
    for (const p of pyPatterns) matches += matcher.match(p, py).length;
    const js = matcher.parseFile(
      "javascript",
      Array.from({ length: 8 }, (_, i) => jsChunk(f * 10 + i)).join(""),
    );
    for (const p of jsPatterns) matches += matcher.match(p, js).length;
  }
  const elapsed = performance.now() - started;
  console.log(`matcher perf: 300 files x 40 patterns: ${elapsed.toFixed(0)} ms, ${matches} matches`);
  expect(matches).toBeGreaterThan(1000);
  expect(elapsed).toBeLessThan(20_000);
});
