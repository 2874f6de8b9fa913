/** A rule (or part of one) the embedded engine cannot evaluate faithfully; reported, never skipped. */
export class UnsupportedRuleError extends Error {
  constructor(readonly reason: string) {
    super(`unsupported rule: ${reason}`);
    this.name = "UnsupportedRuleError";
  }
}
