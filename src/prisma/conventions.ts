import semver from 'semver';
/**
 * What a drift check must do differently depending on the project's Prisma version. Only conventions that
 * changed between Prisma 4 and 7 and that show in the database on PostgreSQL (or in how it is reached) are
 * here; everything else the expected schema depends on stayed the same over those versions.
 */
export interface Conventions {
  /** The version these conventions were chosen for, or null when it was unknown and the latest were assumed. */
  prismaVersion: string | null;
  assumedLatest: boolean;
  implicitManyToManyKey: Convention<'unique-index' | 'primary-key'>;
  migrationOrder: Convention<'bytes' | 'locale'>;
}

export interface Convention<T> {
  value: T;
  /** The Prisma version that introduced the current behaviour. */
  changedIn: string;
  before: T;
  after: T;
  why: string;
}

type ConventionRules = { [K in keyof Omit<Conventions, 'prismaVersion' | 'assumedLatest'>]: Omit<Conventions[K], 'value'> };

const RULES: ConventionRules = {
  implicitManyToManyKey: {
    changedIn: '6.0.0',
    before: 'unique-index',
    after: 'primary-key',
    why: 'Prisma 6 gives the join table of an implicit many-to-many relation a primary key `_AB_pkey` on (A, B) instead of a unique index `_AB_unique`, and generates a migration that swaps them.',
  },
  migrationOrder: {
    changedIn: '6.6.0',
    before: 'bytes',
    after: 'locale',
    why: 'From 6.6 the CLI lists migration folders itself and sorts them with `localeCompare`; before, the schema engine sorted the names byte by byte.',
  },
};

/** The conventions of a Prisma version (`6.19.3`); the latest when the version is unknown. */
export function conventionsFor(version: string | null): Conventions {
  const pick = <T>(rule: Omit<Convention<T>, 'value'>): Convention<T> => ({
    ...rule,
    value: version === null || compareVersions(version, rule.changedIn) >= 0 ? rule.after : rule.before,
  });
  return {
    prismaVersion: version,
    assumedLatest: version === null,
    implicitManyToManyKey: pick(RULES.implicitManyToManyKey),
    migrationOrder: pick(RULES.migrationOrder),
  };
}


/**
 * Compares versions as Prisma's release notes give them: missing parts count as 0 (`6` is 6.0.0) and a
 * pre-release counts as its release (`6.6.0-dev.12` has 6.6's conventions).
 */
export function compareVersions(a: string, b: string): number {
  return semver.compare(release(a), release(b));
}

function release(version: string): string {
  return semver.coerce(version)?.version ?? '0.0.0';
}
