/**
 * A logger Probot accepts (pino's Logger shape) that records what was logged,
 * so tests can assert that a failure was logged, not just survived.
 */
import type { Logger } from "probot";

export interface LogEntry {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

export interface CapturedLog {
  logger: Logger;
  entries: LogEntry[];
  /** Entries at `level` whose message contains `text`. */
  find(level: string, text: string | RegExp): LogEntry[];
}

export function captureLog(print = false): CapturedLog {
  const entries: LogEntry[] = [];
  const make = (bindings: Record<string, unknown>): Record<string, unknown> => {
    const log: Record<string, unknown> = {
      level: "trace",
      child: (more: Record<string, unknown>) => make({ ...bindings, ...more }),
      isLevelEnabled: () => true,
      bindings: () => bindings,
    };
    for (const level of LEVELS) {
      log[level] = (first: unknown, second?: unknown) => {
        const fields =
          typeof first === "object" && first !== null && !(first instanceof Error)
            ? (first as Record<string, unknown>)
            : {};
        const message =
          typeof first === "string"
            ? first
            : typeof second === "string"
              ? second
              : first instanceof Error
                ? first.message
                : "";
        const entry = {
          level,
          message,
          fields: { ...bindings, ...fields, ...(first instanceof Error ? { err: first } : {}) },
        };
        entries.push(entry);
        if (print) console.log(`[${level}] ${message}`);
      };
    }
    return log;
  };
  return {
    logger: make({}) as unknown as Logger,
    entries,
    find: (level, text) =>
      entries.filter(
        (e) =>
          e.level === level && (typeof text === "string" ? e.message.includes(text) : text.test(e.message)),
      ),
  };
}
