/** A line cursor over diff text that turns every problem into a located BAD_DIFF error. */
import { ProvenanceError, isProvenanceError } from "../errors.js";
import { showText } from "./show-text.js";

export class DiffReader {
  private readonly lines: readonly string[];
  private index = 0;
  /** The file entry being parsed, named in error messages. */
  file: string | null = null;

  /** `lines` are the diff's lines without their "\n" terminators. */
  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  get done(): boolean {
    return this.index >= this.lines.length;
  }

  /** The line under the cursor, or undefined at the end. */
  peek(): string | undefined {
    return this.lines[this.index];
  }

  /** 1-based number of the line under the cursor (one past the last line at the end). */
  get lineNumber(): number {
    return this.index + 1;
  }

  /** Consumes and returns the line under the cursor; fails at the end of input. */
  next(what: string): string {
    const line = this.lines[this.index];
    if (line === undefined) this.fail(`diff ends early: expected ${what}`);
    this.index++;
    return line;
  }

  /** Throws BAD_DIFF naming the line (default: the one under the cursor) and the current file. */
  fail(message: string, lineNumber = this.lineNumber, cause?: unknown): never {
    const where = lineNumber > this.lines.length ? "end of diff" : `line ${lineNumber}`;
    const file = this.file === null ? "" : ` (file ${showText(this.file)})`;
    throw new ProvenanceError("BAD_DIFF", `bad diff at ${where}${file}: ${message}`, { cause });
  }

  /** Runs `fn`, re-throwing its BAD_DIFF errors with this reader's location added. */
  at<T>(lineNumber: number, fn: () => T): T {
    try {
      return fn();
    } catch (err: unknown) {
      if (isProvenanceError(err) && err.code === "BAD_DIFF") this.fail(err.message, lineNumber, err);
      throw err;
    }
  }
}
