import { z } from 'zod';
import { GROUPS, type Group } from './findings.js';

/** The action's inputs after validation. Names follow action.yml. */
export interface Inputs {
  schema?: string;
  migrations?: string;
  workingDirectory: string;
  databaseUrl?: string;
  failOn: Group[];
  githubToken?: string;
  prismaVersion?: string;
}

export const DEFAULT_FAIL_ON: Group[] = ['drift', 'migration'];

const optional = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === '' ? undefined : value));

const failOn = z
  .string()
  .transform((value) => value.split(',').map((group) => group.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.enum(GROUPS, { error: (issue) => `unknown finding group \`${String(issue.input)}\`; allowed: ${GROUPS.join(', ')}` }),
    ),
  );

const databaseUrl = optional.refine(
  (value) => value === undefined || /^postgres(ql)?:\/\//.test(value),
  'must be a postgresql:// URL (for example postgresql://postgres:postgres@localhost:5432/postgres)',
);

const prismaVersion = optional.refine(
  (value) => value === undefined || /^\d+(\.\d+){0,2}$/.test(value),
  'must be a version such as 6.19.0',
);

const schema = z.object({
  schema: optional,
  migrations: optional,
  'working-directory': optional.transform((value) => value ?? '.'),
  'database-url': databaseUrl,
  'fail-on': failOn,
  'github-token': optional,
  'prisma-version': prismaVersion,
});

export class InputError extends Error {}

/**
 * Validates raw inputs (`read(name)` returns '' for an unset input, as @actions/core does). An invalid value
 * fails with the input's name and what it accepts; the database URL is never echoed.
 */
export function parseInputs(read: (name: string) => string): Inputs {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, read(name)]));
  if (raw['fail-on'] === '') raw['fail-on'] = DEFAULT_FAIL_ON.join(',');
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `input \`${String(issue.path[0])}\`: ${issue.message}`);
    throw new InputError(`Invalid input. ${problems.join('; ')}.`);
  }
  const value = result.data;
  return {
    schema: value.schema,
    migrations: value.migrations,
    workingDirectory: value['working-directory'],
    databaseUrl: value['database-url'],
    failOn: value['fail-on'],
    githubToken: value['github-token'],
    prismaVersion: value['prisma-version'],
  };
}
