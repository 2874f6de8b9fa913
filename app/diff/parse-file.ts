/** Reads one `diff --git` entry into a ChangedFile. */
import type { ChangedFile, FileStatus, Hunk } from "../model/snapshot.js";
import type { DiffReader } from "./diff-reader.js";
import { readExtendedHeader, type ExtendedHeader } from "./file-header.js";
import { gitHeaderReadings, parseFileLabel, pickGitHeaderReading, type NamePair } from "./header-names.js";
import { hunkStats } from "./hunk-stats.js";
import { readHunks } from "./parse-hunks.js";
import { showText } from "./show-text.js";

const SUBMODULE_MODE = "160000";
const SYMLINK_MODE = "120000";

/** Names from the `--- ` / `+++ ` lines; null stands for /dev/null. */
interface Labels {
  oldName: string | null;
  newName: string | null;
}

interface Body {
  labels: Labels | null;
  hunks: Hunk[];
  binary: boolean;
}

/** Reads the entry starting at the cursor, which must be a `diff --git` line. */
export function readFileEntry(reader: DiffReader): ChangedFile {
  const headerLine = reader.lineNumber;
  const first = reader.next('"diff --git"');
  if (!first.startsWith("diff --git ")) {
    reader.fail(`expected a "diff --git" line, found ${showText(first)}`, headerLine);
  }
  const rest = first.slice("diff --git ".length);
  reader.file = rest;
  const readings = reader.at(headerLine, () => gitHeaderReadings(rest));
  reader.file = pickGitHeaderReading(readings)?.newName ?? rest;
  const ext = readExtendedHeader(reader);
  const body = readBody(reader);
  const next = reader.peek();
  if (next !== undefined && !next.startsWith("diff --git ")) {
    reader.fail(`unexpected line ${showText(next)} (garbage, or hunk counts too small)`);
  }
  return buildFile(reader, headerLine, readings, ext, body);
}

function readBody(reader: DiffReader): Body {
  const body: Body = { labels: null, hunks: [], binary: false };
  if (reader.peek()?.startsWith("--- ") === true) {
    const minusLine = reader.lineNumber;
    const minus = reader.next('"--- "');
    const oldName = reader.at(minusLine, () => parseFileLabel(minus.slice(4), "a/"));
    const plus = reader.next('a "+++ " line');
    if (!plus.startsWith("+++ ")) reader.fail('expected a "+++ " line after "--- "', minusLine + 1);
    const newName = reader.at(minusLine + 1, () => parseFileLabel(plus.slice(4), "b/"));
    if (oldName === null && newName === null) reader.fail("both file names are /dev/null", minusLine);
    body.labels = { oldName, newName };
    reader.file = newName ?? oldName;
    const line = reader.peek();
    if (line?.startsWith("@@") === true) {
      body.hunks = readHunks(reader);
      return body;
    }
    if (line?.startsWith("Binary files ") !== true) reader.fail('"--- "/"+++ " lines without hunks');
  }
  const line = reader.peek();
  if (line?.startsWith("@@") === true) reader.fail('hunk without "--- "/"+++ " lines');
  if (line?.startsWith("Binary files ") === true) {
    if (!line.endsWith(" differ")) reader.fail(`malformed binary line ${showText(line)}`);
    reader.next("a binary line");
    body.binary = true;
  } else if (line === "GIT binary patch") {
    readBinaryPatch(reader);
    body.binary = true;
  }
  return body;
}

/** Skips a `GIT binary patch` section: one or two `literal|delta N` blocks of base85 lines, each ended by a blank line. */
function readBinaryPatch(reader: DiffReader): void {
  reader.next('"GIT binary patch"');
  for (let block = 0; block < 2; block++) {
    const peek = reader.peek();
    if (block === 1 && (peek === undefined || peek.startsWith("diff --git "))) return;
    const head = reader.next('"literal" or "delta"');
    if (!/^(literal|delta) \d+$/.test(head)) {
      reader.fail(`expected "literal N" or "delta N", found ${showText(head)}`, reader.lineNumber - 1);
    }
    let data = 0;
    for (let line = reader.next("binary patch data"); line !== ""; line = reader.next("binary patch data")) {
      if (!/^[A-Za-z][0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]+$/.test(line)) {
        reader.fail(`malformed binary patch data ${showText(line)}`, reader.lineNumber - 1);
      }
      data++;
    }
    if (data === 0) reader.fail("binary patch block without data", reader.lineNumber - 1);
  }
}

function buildFile(
  reader: DiffReader,
  headerLine: number,
  readings: readonly NamePair[],
  ext: ExtendedHeader,
  body: Body,
): ChangedFile {
  const fail: (message: string) => never = (message) => reader.fail(message, headerLine);
  const { labels, hunks, binary } = body;
  const renamed = ext.renameFrom !== null || ext.renameTo !== null;
  const copied = ext.copyFrom !== null || ext.copyTo !== null;
  const isNew = ext.newFileMode !== null || labels?.oldName === null;
  const isDeleted = ext.deletedFileMode !== null || labels?.newName === null;
  if (renamed && copied) fail("entry is both a rename and a copy");
  if ((renamed || copied) && (isNew || isDeleted)) fail("a renamed or copied file cannot be new or deleted");
  if (isNew && isDeleted) fail("entry is both a new and a deleted file");
  if ((ext.oldMode === null) !== (ext.newMode === null)) fail('"old mode" and "new mode" must come together');
  if ((isNew || isDeleted) && ext.oldMode !== null) fail('"old mode" on a new or deleted file');

  let names: NamePair;
  if (renamed || copied) {
    const from = renamed ? ext.renameFrom : ext.copyFrom;
    const to = renamed ? ext.renameTo : ext.copyTo;
    if (from === null || to === null) {
      fail(`"${renamed ? "rename" : "copy"} from" and "to" must come together`);
    }
    names = { oldName: from, newName: to };
    if (labels !== null && (labels.oldName !== names.oldName || labels.newName !== names.newName)) {
      fail('"--- "/"+++ " names disagree with the rename/copy lines');
    }
  } else if (labels !== null) {
    const name = (labels.newName ?? labels.oldName) as string;
    names = { oldName: labels.oldName ?? name, newName: labels.newName ?? name };
  } else {
    names = pickGitHeaderReading(readings) ?? fail("cannot tell the names apart in the diff --git line");
  }
  if (!readings.some((r) => r.oldName === names.oldName && r.newName === names.newName)) {
    fail("the diff --git line names other files than the rest of the header");
  }

  let status: FileStatus = renamed
    ? "renamed"
    : copied
      ? "copied"
      : isNew
        ? "added"
        : isDeleted
          ? "deleted"
          : "modified";
  if (names.oldName !== names.newName) {
    if (status === "added" || status === "deleted") fail(`${status} file with two different names`);
    // Two names without rename lines (e.g. `git diff --no-index a b`): the file moved.
    if (status === "modified") status = "renamed";
  }
  for (const h of hunks) {
    if (status === "added" && h.oldLines !== 0) fail("new file with a hunk that has old lines");
    if (status === "deleted" && h.newLines !== 0) fail("deleted file with a hunk that has new lines");
  }

  let oldMode = ext.deletedFileMode ?? ext.oldMode;
  let newMode = ext.newFileMode ?? ext.newMode;
  if (!isNew && !isDeleted && oldMode === null && newMode === null) {
    oldMode = newMode = ext.indexMode;
  }
  const modes = [oldMode, newMode];
  const skipped = modes.includes(SUBMODULE_MODE)
    ? "submodule"
    : modes.includes(SYMLINK_MODE)
      ? "symlink"
      : binary
        ? "binary"
        : null;
  const moved = status === "renamed" || status === "copied";
  return {
    path: status === "deleted" ? names.oldName : names.newName,
    oldPath: moved ? names.oldName : null,
    status,
    binary,
    oldMode,
    newMode,
    similarity: moved ? ext.similarity : null,
    hunks,
    ...hunkStats(hunks),
    skipped,
    origins: [],
  };
}
