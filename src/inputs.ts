import * as z from './common/zod.js';
import { GROUPS, type Group } from './common/catalogue.js';
import type { CommentMode } from './report/sticky.js';
import { settingName } from './common/setting-names.js';
import type { LargeTable } from './analyse/sizes.js';
import { parseTargets, type Target } from './target/targets.js';

/** The inputs after validation. Names follow action.yml; the CLI's flags have the same names. */
export interface Inputs {
  schema?: string;
  migrations?: string;
  workingDirectory: string;
  databaseUrl?: string;
  failOn: Group[];
  prismaVersion?: string;
  baseline: string;
  baseRef?: string;
  allowLabel: string;
  targets: Target[];
  largeTable: LargeTable;
  /** Bound on the whole check, in milliseconds: the statement running when it is reached is cancelled. */
  timeoutMs: number;
  comment: CommentMode;
  /** When to keep review comments on the pull request's changed lines current; the same choices as `comment`. */
  reviewComments: CommentMode;
  githubToken?: string;
}

export const DEFAULT_FAIL_ON: Group[] = ['drift', 'migration', 'destructive', 'history'];

const DEFAULT_BASELINE_FILE = 'prisma/drift-baseline.json';

const optional = z.pipe(
  z.string(),
  z.transform((value) => value.trim() || undefined),
);

const withDefault = (fallback: string) =>
  z.pipe(
    optional,
    z.transform((value) => value ?? fallback),
  );

const failOn = z.pipe(
  withDefault(DEFAULT_FAIL_ON.join(',')),
  z.pipe(
    z.transform((value: string) =>
      value
        .split(',')
        .map((group) => group.trim())
        .filter(Boolean),
    ),
    z.array(z.enum(GROUPS, { error: (issue) => `unknown finding group \`${String(issue.input)}\`; allowed: ${GROUPS.join(', ')}` })).check(
      // `,` or `, ,` would otherwise turn the gate off without a word.
      z.minLength(1, `names no finding group; give at least one of ${GROUPS.join(', ')}`),
    ),
  ),
);

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `10m`, `1h30m`, `1.5h`: one or more numbers with a unit each; a bare number is seconds. */
const timeout = z.pipe(
  withDefault('15m'),
  z.transform((value, ctx) => {
    const text = value.replace(/\s+/g, '').toLowerCase();
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)?/g)];
    const ms = parts.reduce((sum, part) => sum + Number(part[1]) * DURATION_UNITS[part[2] ?? 's']!, 0);
    if (parts.map((part) => part[0]).join('') !== text || parts.length === 0 || !(ms >= 1000)) {
      ctx.issues.push({
        code: 'custom',
        message: `\`${value}\` is not a duration of at least a second, such as \`90s\`, \`10m\` or \`1h\``,
        input: value,
      });
      return z.NEVER;
    }
    return Math.round(ms);
  }),
);

const databaseUrl = optional.check(
  z.refine(
    (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
    'must be a postgresql:// URL (for example postgresql://postgres:postgres@localhost:5432/postgres)',
  ),
);

const prismaVersion = optional.check(
  z.refine((value) => value === undefined || /^\d+(\.\d+){0,2}$/.test(value), 'must be a version such as 6.19.0'),
);

const targets = z.pipe(
  optional,
  z.transform((value, ctx) => {
    try {
      return value ? parseTargets(value) : [];
    } catch (error) {
      ctx.issues.push({ code: 'custom', message: (error as Error).message, input: value });
      return z.NEVER;
    }
  }),
);

const ROW_UNITS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, bn: 1e9 };
// PostgreSQL's size units (pg_size_pretty, memory settings): powers of 1024.
const BYTE_UNITS: Record<string, number> = { b: 1, bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `1M rows or 1GB`, `500000 rows`, `20 GB`: either bound or both, separated by `or` or a comma. */
const largeTable = z.pipe(
  withDefault('1M rows or 1GB'),
  z.transform((value, ctx) => {
    const bounds: LargeTable = {};
    for (const term of value.split(/\s*,\s*|\s+or\s+/i)) {
      const match = /^(\d+(?:\.\d+)?)\s*(k|m|bn|b|bytes|kb|mb|gb|tb)?\s*(rows)?$/i.exec(term.trim());
      const unit = match?.[2]?.toLowerCase() ?? '';
      const rows = match?.[3] ? ROW_UNITS[unit] : undefined;
      const bytes = !match?.[3] && unit ? BYTE_UNITS[unit] : undefined;
      if (!match || (rows ?? bytes) === undefined) {
        ctx.issues.push({
          code: 'custom',
          message: `\`${term}\` is neither a row count (\`1000000 rows\`, \`1M rows\`) nor a size (\`1GB\`, \`500MB\`); give one or both, as in \`1M rows or 1GB\``,
          input: value,
        });
        return z.NEVER;
      }
      if (rows !== undefined) bounds.rows = Number(match[1]) * rows;
      else bounds.bytes = Number(match[1]) * bytes!;
    }
    return bounds;
  }),
);

const comment = z.pipe(
  withDefault('on-failure'),
  z.enum(['on-failure', 'always', 'never'], { error: (issue) => `\`${String(issue.input)}\` is not one of on-failure, always, never` }),
);

const schema = z.object({
  schema: optional,
  migrations: optional,
  'working-directory': withDefault('.'),
  'database-url': databaseUrl,
  'fail-on': failOn,
  'prisma-version': prismaVersion,
  baseline: withDefault(DEFAULT_BASELINE_FILE),
  'base-ref': optional,
  'allow-label': withDefault('allow-destructive-migration'),
  'target-database-url': targets,
  'large-table': largeTable,
  timeout,
  comment,
  'review-comments': comment,
  'github-token': optional,
});

/** The action's inputs, as action.yml declares them. */
export type InputName = keyof typeof schema.shape;
export const INPUT_NAMES = Object.keys(schema.shape) as InputName[];

/** Inputs that only mean something on GitHub (a pull request's labels and comments): the command line has no flag for them. */
export const GITHUB_ONLY_INPUTS = ['allow-label', 'comment', 'review-comments', 'github-token'] as const satisfies readonly InputName[];

export class InputError extends Error {}

/**
 * Validates raw inputs (`read(name)` returns '' for an unset input, as @actions/core does). An invalid value
 * fails with the input's name and what it accepts; database URLs are never echoed.
 */
export function parseInputs(read: (name: string) => string): Inputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name)]));
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${settingName(String(issue.path[0]))}: ${issue.message}`);
    throw new InputError(`${problems.join('; ')}.`);
  }
  const value = result.data;
  return {
    schema: value.schema,
    migrations: value.migrations,
    workingDirectory: value['working-directory'],
    databaseUrl: value['database-url'],
    failOn: value['fail-on'],
    prismaVersion: value['prisma-version'],
    baseline: value.baseline,
    baseRef: value['base-ref'],
    allowLabel: value['allow-label'],
    targets: value['target-database-url'],
    largeTable: value['large-table'],
    timeoutMs: value.timeout,
    comment: value.comment,
    reviewComments: value['review-comments'],
    githubToken: value['github-token'],
  };
}
