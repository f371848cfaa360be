import { readFileSync } from 'node:fs';
import type { Node } from 'libpg-query';
import { parseMigrationSql } from './sql.js';
import type { Finding } from '../common/findings.js';
import type { MigrationEntry } from '../locate/migrations.js';

// migration/invalid-encoding (error): migration.sql is not valid UTF-8. Prisma reads migrations as UTF-8 and
// refuses such a file; replaying it with the bad bytes turned into U+FFFD would check a different migration.
export const INVALID_ENCODING = 'migration/invalid-encoding';
// migration/outside-database (error): a statement reaches beyond the migration's own database (other
// databases, roles, server settings, the server's files and programs, other servers, other sessions). It is
// never run: the replay stops before its migration.
export const OUTSIDE_DATABASE = 'migration/outside-database';

export interface Screened {
  findings: Finding[];
  /** Index of the first migration that must not run (invalid encoding or a statement outside the database), or null. */
  stopAt: number | null;
}

/**
 * Reads every migration before any of them runs: each must be UTF-8, and none may reach outside the
 * throwaway database. The whole history is screened, not only a pull request's new migrations: an edited old
 * migration runs too. This is the first line of defence; what it cannot see (SQL built at run time in a DO
 * block or a function) meets a role that may do nothing outside its own databases.
 */
export async function screenMigrations(migrations: readonly MigrationEntry[], relative: (file: string) => string): Promise<Screened> {
  const findings: Finding[] = [];
  let stopAt: number | null = null;
  for (const [index, migration] of migrations.entries()) {
    if (!migration.sqlPath) continue;
    const file = relative(migration.sqlPath);
    const bytes = readFileSync(migration.sqlPath);
    const decoded = decodeUtf8(bytes);
    const found =
      'invalidAt' in decoded
        ? [encodingFinding(migration.name, file, bytes, decoded.invalidAt)]
        : await outsideStatements(migration.name, file, decoded.text);
    findings.push(...found);
    if (found.length > 0) stopAt ??= index;
  }
  return { findings, stopAt };
}

/** The text, or the offset of the first byte that is not part of a valid UTF-8 sequence. */
export function decodeUtf8(bytes: Buffer): { text: string } | { invalidAt: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { invalidAt: firstInvalidByte(bytes) };
  }
}

function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // Decoding the sequence alone applies the rules on overlong forms, surrogates and the upper limit.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

function encodingFinding(name: string, file: string, bytes: Buffer, offset: number): Finding {
  const before = bytes.subarray(0, offset);
  const line = before.filter((b) => b === 0x0a).length + 1;
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? 'end of file';
  return {
    rule: INVALID_ENCODING,
    group: 'migration',
    severity: 'error',
    message: `Migration \`${name}\` is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (byte offset ${offset}). Prisma reads migrations as UTF-8 and stops on this file; it was not replayed.`,
    migration: name,
    location: { file, line, column },
    object: { kind: 'migration', name },
    hint: 'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), then check that its text still means what it did.',
  };
}

/** What each kind of statement reaches outside the database, as a finding's message says it. */
const STATEMENTS: Record<string, string> = {
  CreatedbStmt: 'creates a database',
  DropdbStmt: 'drops a database',
  AlterDatabaseStmt: 'alters a database',
  AlterDatabaseSetStmt: 'changes the settings of a database',
  AlterDatabaseRefreshCollStmt: 'alters a database',
  CreateRoleStmt: 'creates a role',
  AlterRoleStmt: 'alters a role',
  AlterRoleSetStmt: 'changes the settings of a role',
  DropRoleStmt: 'drops a role',
  GrantRoleStmt: 'grants or revokes membership in a role',
  ReassignOwnedStmt: "reassigns a role's objects",
  AlterSystemStmt: "changes the server's configuration (postgresql.auto.conf)",
  LoadStmt: 'loads a shared library into the server',
  CreateTableSpaceStmt: "creates a tablespace in the server's file system",
  DropTableSpaceStmt: 'drops a tablespace',
  AlterTableSpaceOptionsStmt: 'alters a tablespace',
  CreateForeignServerStmt: 'defines a connection to another server',
  AlterForeignServerStmt: 'alters a connection to another server',
  CreateUserMappingStmt: 'stores credentials for another server',
  AlterUserMappingStmt: 'alters credentials for another server',
  ImportForeignSchemaStmt: 'reads the schema of another server',
  CreateFdwStmt: 'creates a foreign-data wrapper',
  AlterFdwStmt: 'alters a foreign-data wrapper',
  CreateSubscriptionStmt: 'connects to another server to replicate from it',
  AlterSubscriptionStmt: 'alters a replication subscription',
};

/** Objects whose renaming or change of owner is about the server, not the database. */
const SHARED_OBJECTS: Record<string, string> = { OBJECT_DATABASE: 'a database', OBJECT_ROLE: 'a role', OBJECT_TABLESPACE: 'a tablespace' };

/** Settings that switch the session to another role. */
const ROLE_SETTINGS = new Set(['role', 'session_authorization']);

/** Functions that read or write the server's files, signal other sessions, or connect to other servers. */
const FUNCTIONS: [RegExp, string][] = [
  [/^pg_(read_file|read_binary_file|stat_file|ls_\w+|file_\w+|logdir_ls)$/, "reads or writes the server's files"],
  [/^lo_(import|export)$/, "reads or writes the server's files"],
  [/^(pg_terminate_backend|pg_cancel_backend|pg_signal_backend)$/, 'signals other sessions'],
  [
    /^(pg_reload_conf|pg_rotate_logfile|pg_promote|pg_switch_wal|pg_create_restore_point|pg_(start|stop)_backup|pg_backup_(start|stop))$/,
    'acts on the whole server',
  ],
  [/^pg_(create|drop|copy)_\w*replication_slot$|^pg_replication_origin_\w+$/, "changes the server's replication"],
  [/^dblink\w*$/, 'connects to another server'],
];

/** Extensions whose only purpose is to reach beyond the database: the server's files, other servers. */
const OUTSIDE_EXTENSIONS: Record<string, string> = {
  dblink: 'connects to other servers',
  postgres_fdw: 'connects to other servers',
  file_fdw: "reads the server's files",
  adminpack: "writes the server's files",
};

async function outsideStatements(name: string, file: string, sql: string): Promise<Finding[]> {
  const parsed = await parseMigrationSql(sql);
  // A file the parser rejects is reported by the rules (or by the server); the role contains it meanwhile.
  if (!parsed.ok) return [];
  return parsed.statements.flatMap((statement) => {
    const reason = reachesOutside(statement.node);
    if (!reason) return [];
    return [
      {
        rule: OUTSIDE_DATABASE,
        group: 'migration' as const,
        severity: 'error' as const,
        message: `Migration \`${name}\` ${reason}, outside the database it migrates (line ${statement.line}): \`${firstLine(statement.text)}\`. The check does not run it, and \`prisma migrate deploy\` would run it with the deploying role's rights on production.`,
        migration: name,
        location: { file, line: statement.line, column: statement.column },
        object: { kind: 'migration' as const, name },
        hint: 'Migrations change one database. Manage databases, roles, server settings and connections to other servers outside the migration history (infrastructure code, a DBA runbook).',
      },
    ];
  });
}

/** Why a statement reaches outside its database, or null. Looks into every node, so a call nested in a view or a default counts. */
export function reachesOutside(node: Node): string | null {
  const [kind, body] = Object.entries(node)[0] as [string, Record<string, unknown>];
  if (kind in STATEMENTS) return STATEMENTS[kind]!;
  if (
    (kind === 'RenameStmt' && SHARED_OBJECTS[body.renameType as string]) ||
    (kind === 'AlterOwnerStmt' && SHARED_OBJECTS[body.objectType as string])
  ) {
    return `alters ${SHARED_OBJECTS[(body.renameType ?? body.objectType) as string]}`;
  }
  if (kind === 'CopyStmt' && body.is_program) return 'runs a program on the database server (COPY … PROGRAM)';
  if (kind === 'CopyStmt' && typeof body.filename === 'string')
    return 'reads or writes a file on the database server (COPY with a file name)';
  if (kind === 'VariableSetStmt' && body.kind !== 'VAR_RESET' && ROLE_SETTINGS.has(body.name as string)) return 'switches to another role';
  if (kind === 'CreateExtensionStmt' && OUTSIDE_EXTENSIONS[body.extname as string]) {
    return `creates the extension \`${String(body.extname)}\`, which ${OUTSIDE_EXTENSIONS[body.extname as string]}`;
  }
  if (kind === 'CreateFunctionStmt') {
    const language = languageOf(body.options);
    if (language && (language === 'c' || language === 'internal' || /u$/.test(language)))
      return `creates a function in the untrusted language \`${language}\`, which runs code on the database server`;
  }
  return nestedCall(node);
}

function languageOf(options: unknown): string | null {
  for (const option of (options as Node[] | undefined) ?? []) {
    if ('DefElem' in option && option.DefElem.defname === 'language') {
      const arg = option.DefElem.arg;
      if (arg && 'String' in arg) return (arg.String.sval ?? '').toLowerCase();
    }
  }
  return null;
}

/** The first call anywhere in the tree to a function that reaches outside, with `set_config('role', …)` as a role switch. */
function nestedCall(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = nestedCall(item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const call = (value as { FuncCall?: { funcname?: Node[]; args?: Node[] } }).FuncCall;
  if (call) {
    const name =
      (call.funcname ?? [])
        .map((part) => ('String' in part ? part.String.sval : ''))
        .at(-1)
        ?.toLowerCase() ?? '';
    const match = FUNCTIONS.find(([pattern]) => pattern.test(name));
    if (match) return `calls \`${name}\`, which ${match[1]}`;
    const first = call.args?.[0];
    const setting = first && 'A_Const' in first ? first.A_Const.sval?.sval?.toLowerCase() : undefined;
    if (name === 'set_config' && setting && ROLE_SETTINGS.has(setting)) return 'switches to another role';
  }
  for (const child of Object.values(value)) {
    const found = nestedCall(child);
    if (found) return found;
  }
  return null;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
