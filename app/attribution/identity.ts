/**
 * Who is this account or e-mail? Matches GitHub logins, commit e-mails and
 * GitHub noreply ids against the fingerprint table, the non-agent bot list
 * and the organisation's login/e-mail maps. Never looks at display names,
 * except the Aider author-name suffix (see fingerprints.ts).
 */
import type { Account, GitIdentity } from "../model/snapshot.js";
import type { AttributionConfig } from "./attribution-config.js";
import { normalizeAgentId } from "./agent-ids.js";
import { AGENT_FINGERPRINTS, NON_AGENT_BOTS } from "./fingerprints.js";

/** What an identity is, and which field of it (login, e-mail, name) said so. */
export type IdentityMatch =
  | {
      type: "agent";
      agent: string;
      via: "table" | "config";
      field: "login" | "email" | "name";
      value: string;
    }
  | { type: "non-agent-bot"; via: "table" | "config"; field: "login" | "email"; value: string }
  | { type: "generic-bot"; field: "login" | "email"; value: string };

interface ParsedLogin {
  /** Lower-case login without a "[bot]" suffix. */
  base: string;
  /** The login carried the "[bot]" suffix. */
  botForm: boolean;
}

function parseLogin(login: string): ParsedLogin {
  const lower = login.trim().toLowerCase();
  const botForm = lower.endsWith("[bot]");
  return { base: botForm ? lower.slice(0, -"[bot]".length) : lower, botForm };
}

const NOREPLY = /^(?:\d+\+)?([^@+\s]+)@users\.noreply\.github\.com$/i;

/** The login of a GitHub noreply e-mail ("198982749+Copilot@users.noreply.github.com" → "Copilot"), or null. */
export function noreplyLogin(email: string): string | null {
  const m = NOREPLY.exec(email.trim());
  return m === null ? null : (m[1] ?? null);
}

/**
 * Does `login` name one of the given app slugs / user logins? The bare slug
 * (GraphQL form) counts unless `bareSlugAllowed` is false.
 */
function loginIn(
  login: ParsedLogin,
  botLogins: readonly string[],
  userLogins: readonly string[],
  bareSlugAllowed: boolean,
): boolean {
  if (botLogins.includes(login.base) && (login.botForm || bareSlugAllowed)) return true;
  return !login.botForm && userLogins.includes(login.base);
}

function lookupConfigLogin(login: ParsedLogin, cfg: AttributionConfig): string | null | undefined {
  for (const [key, agent] of Object.entries(cfg.logins)) {
    if (parseLogin(key).base === login.base) return agent === null ? null : normalizeAgentId(agent);
  }
  return undefined;
}

function lookupConfigEmail(email: string, cfg: AttributionConfig): string | null | undefined {
  for (const [key, agent] of Object.entries(cfg.emails)) {
    if (key.trim().toLowerCase() === email) return agent === null ? null : normalizeAgentId(agent);
  }
  return undefined;
}

/** Match a login. `accountType` "User" disables the bare-slug form of app logins. */
export function matchLogin(
  rawLogin: string,
  cfg: AttributionConfig,
  accountType?: Account["type"],
): IdentityMatch | null {
  if (rawLogin.trim() === "") return null;
  const login = parseLogin(rawLogin);
  const value = rawLogin;
  const configured = lookupConfigLogin(login, cfg);
  if (configured !== undefined) {
    return configured === null
      ? { type: "non-agent-bot", via: "config", field: "login", value }
      : { type: "agent", agent: configured, via: "config", field: "login", value };
  }
  const bare = accountType !== "User";
  if (loginIn(login, NON_AGENT_BOTS.botLogins, NON_AGENT_BOTS.userLogins, bare)) {
    return { type: "non-agent-bot", via: "table", field: "login", value };
  }
  for (const f of AGENT_FINGERPRINTS) {
    if (loginIn(login, f.botLogins, f.userLogins, bare)) {
      return { type: "agent", agent: f.id, via: "table", field: "login", value };
    }
  }
  return login.botForm || accountType === "Bot" ? { type: "generic-bot", field: "login", value } : null;
}

/**
 * Match a commit e-mail: config map, exact table e-mails, then the login of a
 * noreply e-mail (whose bot form always carries "[bot]", so bare slugs do not count).
 */
export function matchEmail(rawEmail: string, cfg: AttributionConfig): IdentityMatch | null {
  const email = rawEmail.trim().toLowerCase();
  if (email === "") return null;
  const value = rawEmail;
  const configured = lookupConfigEmail(email, cfg);
  if (configured !== undefined) {
    return configured === null
      ? { type: "non-agent-bot", via: "config", field: "email", value }
      : { type: "agent", agent: configured, via: "config", field: "email", value };
  }
  if (NON_AGENT_BOTS.emails.includes(email))
    return { type: "non-agent-bot", via: "table", field: "email", value };
  for (const f of AGENT_FINGERPRINTS) {
    if (f.authorEmails.includes(email) || f.coAuthorEmails.includes(email)) {
      return { type: "agent", agent: f.id, via: "table", field: "email", value };
    }
  }
  const noreply = noreplyLogin(email);
  if (noreply === null) return null;
  const login = parseLogin(noreply);
  const configuredLogin = lookupConfigLogin(login, cfg);
  if (configuredLogin !== undefined) {
    return configuredLogin === null
      ? { type: "non-agent-bot", via: "config", field: "email", value }
      : { type: "agent", agent: configuredLogin, via: "config", field: "email", value };
  }
  if (loginIn(login, NON_AGENT_BOTS.botLogins, NON_AGENT_BOTS.userLogins, false)) {
    return { type: "non-agent-bot", via: "table", field: "email", value };
  }
  for (const f of AGENT_FINGERPRINTS) {
    if (loginIn(login, f.botLogins, f.userLogins, false)) {
      return { type: "agent", agent: f.id, via: "table", field: "email", value };
    }
  }
  return login.botForm ? { type: "generic-bot", field: "email", value } : null;
}

/** Match a display name against tool-written name suffixes (Aider's " (aider)"). */
export function matchName(name: string): IdentityMatch | null {
  for (const f of AGENT_FINGERPRINTS) {
    if (f.authorNameSuffixes.some((s) => name.endsWith(s) && name.length > s.length)) {
      return { type: "agent", agent: f.id, via: "table", field: "name", value: name };
    }
  }
  return null;
}

/** Every match of a commit identity, strongest field first (login, e-mail, name). */
export function matchGitIdentity(who: GitIdentity, cfg: AttributionConfig): IdentityMatch[] {
  const matches: IdentityMatch[] = [];
  const byLogin = who.login ? matchLogin(who.login, cfg) : null;
  if (byLogin) matches.push(byLogin);
  const byEmail = matchEmail(who.email, cfg);
  if (byEmail) matches.push(byEmail);
  const byName = matchName(who.name);
  if (byName) matches.push(byName);
  return matches;
}
