import { readFileSync } from 'node:fs';
import * as z from '../common/zod.js';
import { isRuleId, ruleInfo, type RuleId } from '../common/catalogue.js';
import type { DbObjectRef, Finding } from '../common/findings.js';
import { JsonSyntaxError, parseLocatedJson, type JsonPath } from '../common/json-position.js';
import { LocatedError } from '../common/located-error.js';

/**
 * The baseline: a file in the repository listing differences the team has accepted on purpose (a trigram
 * index written in raw SQL, a foreign key dropped for speed), so the check fails only on new ones.
 *
 * The catalogue says which rules it may accept: drift/* and target/* (a database that stays different until
 * someone changes it) and most of history/* (a migration folder edited or moved on purpose). Findings about
 * one migration's SQL (destructive, risk, lock) are accepted where the SQL is, with a
 * `-- prisma-drift-ignore <rule>: <reason>` comment in that migration, and a migration that cannot be
 * replayed is never accepted.
 */

const VERSION = 1;

/**
 * One accepted finding, identified by its rule and the database object it is about (`index
 * public.Team.Team_name_trgm_idx`), never by its message or line, which change when nothing else does.
 * A finding about no object is identified by its migration and file instead.
 */
export interface BaselineEntry {
  rule: RuleId;
  object?: string;
  migration?: string;
  file?: string;
  /** Accepts a target/* finding in this live database only; without it, in every one. */
  environment?: string;
  reason?: string;
}

export interface Baseline {
  version: typeof VERSION;
  accepted: BaselineEntry[];
}

/**
 * What a run compared. An entry about something that was not compared (drift when the migrations could
 * not be replayed, a live database that was not checked or could not be read) is neither matched nor stale.
 */
export interface BaselineScope {
  drift: boolean;
  /** The pull request's migration folders were compared with its base. */
  history: boolean;
  /** Names of the live databases whose schema was compared. */
  environments: readonly string[];
}

const nonEmpty = z.string().check(z.minLength(1, 'must not be empty'));

const entrySchema = z
  .strictObject({
    rule: z
      .string()
      .check(
        z.refine(isRuleId, {
          message: 'expected the id of a rule in the catalogue (docs/rules), such as "drift/extra-index"',
          abort: true,
        }),
      )
      .check(
        z.refine((rule) => ruleInfo(rule as RuleId).baseline === true, {
          error: (issue) => `${String(issue.input)} cannot be baselined: ${String(ruleInfo(issue.input as RuleId).baseline)}`,
        }),
      ),
    object: z.optional(nonEmpty),
    migration: z.optional(nonEmpty),
    file: z.optional(nonEmpty),
    environment: z.optional(nonEmpty),
    reason: z.optional(nonEmpty),
  })
  .check(
    z.refine((entry) => !(entry.object && (entry.migration || entry.file)), {
      message: 'an entry names either an object or a migration and file, not both',
    }),
    z.refine((entry) => !entry.environment || groupOf(entry.rule as RuleId) === 'target', {
      message: '`environment` only scopes target/* findings: drift/* findings are about the repository, not a live database',
      path: ['environment'],
    }),
  );

const baselineSchema = z.strictObject({
  version: z.literal(VERSION, { error: `expected ${VERSION}, the only baseline version this action reads` }),
  accepted: z.array(entrySchema),
});

function groupOf(rule: RuleId): string {
  return ruleInfo(rule).group;
}

function emptyBaseline(): Baseline {
  return { version: VERSION, accepted: [] };
}

/** A baseline file that is not valid JSON or not a baseline. */
export class BaselineError extends LocatedError {}

/** Reads a baseline file; a missing file is an empty baseline. Errors name the file and the line. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyBaseline();
    throw error;
  }
  let json;
  try {
    json = parseLocatedJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new BaselineError(file, error.line, error.column, `not valid JSON: ${error.problem}`);
    throw error;
  }
  const parsed = baselineSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where: JsonPath = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    // An unknown key (a typo such as `enviroment`) is on its own line, not its entry's first.
    const line = json.lineOf(issue.code === 'unrecognized_keys' ? [...where, issue.keys[0]!] : where);
    throw new BaselineError(file, line, null, `${where.length ? `${formatPath(where)}: ` : ''}${issue.message}`);
  }
  // The schema admits catalogue ids only.
  return parsed.data as Baseline;
}

function formatPath(path: JsonPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

/** `<kind> <schema>.<table>.<name>`, the parts the object has: `column public.User.email`, `extension citext`. */
function objectKey(object: DbObjectRef): string {
  return `${object.kind} ${[object.schema, object.table, object.name].filter(Boolean).join('.')}`;
}

/** The entry that accepts exactly this finding. */
function entryFor(finding: Finding): BaselineEntry {
  return {
    rule: finding.rule,
    ...(finding.object
      ? { object: objectKey(finding.object) }
      : {
          ...(finding.migration ? { migration: finding.migration } : {}),
          ...(finding.location ? { file: finding.location.file } : {}),
        }),
    ...(finding.environment ? { environment: finding.environment } : {}),
  };
}

function matches(entry: BaselineEntry, finding: Finding): boolean {
  if (entry.rule !== finding.rule || ruleInfo(finding.rule).baseline !== true) return false;
  if (entry.environment !== undefined && entry.environment !== finding.environment) return false;
  if (finding.object) return entry.object === objectKey(finding.object);
  return entry.object === undefined && entry.migration === finding.migration && entry.file === finding.location?.file;
}

function inScope(entry: BaselineEntry, scope: BaselineScope): boolean {
  if (groupOf(entry.rule) === 'drift') return scope.drift;
  if (groupOf(entry.rule) === 'history') return scope.history;
  return entry.environment ? scope.environments.includes(entry.environment) : scope.environments.length > 0;
}

const DRIFT_ONLY: BaselineScope = { drift: true, history: false, environments: [] };

/**
 * Marks the findings the baseline accepts (`baselined`, with the entry's reason) and returns the entries
 * that matched nothing although what they are about was compared: the difference is gone, and the entry
 * should go too. An environment's own entry wins over one for every environment.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  scope: BaselineScope = DRIFT_ONLY,
): { findings: Finding[]; stale: BaselineEntry[] } {
  const used = new Set<BaselineEntry>();
  const result = findings.map((finding) => {
    const matching = baseline.accepted.filter((entry) => matches(entry, finding));
    if (!matching.length) return finding;
    for (const entry of matching) used.add(entry);
    const { reason } = matching.find((entry) => entry.environment) ?? matching[0]!;
    return { ...finding, baselined: reason ? { reason } : {} };
  });
  const stale = baseline.accepted.filter((entry) => !used.has(entry) && inScope(entry, scope));
  return { findings: result, stale };
}

/**
 * The baseline that accepts every current finding the catalogue lets it accept: entries that still match are kept
 * as they are (with their reasons), stale ones are dropped, findings nothing accepts yet are added (waived
 * ones are already accepted elsewhere), and the result is sorted so that the file changes only where the
 * accepted differences do.
 */
export function updateBaseline(findings: readonly Finding[], previous: Baseline, scope: BaselineScope = DRIFT_ONLY): Baseline {
  const { findings: applied, stale } = applyBaseline(findings, previous, scope);
  const kept = previous.accepted.filter((entry) => !stale.includes(entry));
  const added = applied
    .filter((finding) => ruleInfo(finding.rule).baseline === true && !finding.baselined && !finding.waived)
    .map(entryFor);
  const unique = new Map<string, BaselineEntry>();
  for (const entry of [...kept, ...added]) {
    const key = JSON.stringify(identity(entry));
    const seen = unique.get(key);
    if (!seen) unique.set(key, entry);
    else if (!seen.reason && entry.reason) unique.set(key, { ...seen, reason: entry.reason });
  }
  return { version: VERSION, accepted: [...unique.values()].sort(compareEntries) };
}

function identity(entry: BaselineEntry): string[] {
  return [entry.environment ?? '', entry.rule, entry.object ?? '', entry.migration ?? '', entry.file ?? ''];
}

/** By environment (entries for every environment first), rule, then object; code-unit order, the same on every machine. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const [x, y] = [identity(a), identity(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

/** The file's text: two-space JSON, keys in a fixed order, one trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  const accepted = baseline.accepted.map((entry) => ({
    rule: entry.rule,
    object: entry.object,
    migration: entry.migration,
    file: entry.file,
    environment: entry.environment,
    reason: entry.reason,
  }));
  return `${JSON.stringify({ version: baseline.version, accepted }, null, 2)}\n`;
}
