import { redactUrl } from '../common/redact.js';

/** A live database to check, named for reports (`production`, `staging`). */
export interface Target {
  name: string;
  url: string;
}

const DEFAULT_NAME = 'target';
const ENTRY = /^(?:([A-Za-z0-9_.-]+)=)?(postgres(?:ql)?:\/\/\S+)$/;

/**
 * Reads the targets input: entries separated by newlines or commas, each `name=postgres://...` or a bare
 * URL, which is named `target`. A comma only separates entries when a new entry follows it, so commas
 * inside a URL's query survive. Errors never repeat a password.
 */
export function parseTargets(input: string): Target[] {
  const entries = input
    .split(/\r?\n|,\s*(?=(?:[A-Za-z0-9_.-]+=)?postgres(?:ql)?:\/\/)/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const targets: Target[] = [];
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`Not a target (expected \`name=postgres://...\` or a PostgreSQL URL): ${redactUrl(entry)}`);
    const name = match[1] ?? DEFAULT_NAME;
    if (targets.some((target) => target.name === name)) {
      throw new Error(`Two targets are named \`${name}\`: give each one a name (\`staging=postgres://...\`).`);
    }
    targets.push({ name, url: match[2]! });
  }
  return targets;
}
