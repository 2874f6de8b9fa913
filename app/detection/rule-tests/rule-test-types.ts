/** What `scan --test` found for each rule of a rules directory. */

export interface TestLocation {
  /** Target file, as displayed (the rules path joined with the file's relative path). */
  path: string;
  line: number;
}

export interface RuleTestResult {
  ruleId: string;
  ruleFile: string;
  /** Target files the rule was tested on. */
  targets: string[];
  expected: TestLocation[];
  matched: TestLocation[];
  missed: TestLocation[];
  falsePositives: TestLocation[];
  /** Why the engine could not run the rule (it counts as a failure), or null. */
  unsupported: string | null;
  /** Other problems: engine errors about the rule or its targets, a missing target. */
  problems: string[];
  passed: boolean;
}

export interface RuleTestReport {
  engine: string;
  rules: RuleTestResult[];
  /** Problems not tied to one rule (an annotation naming an id no rule in the file has). */
  problems: string[];
  passed: boolean;
}
