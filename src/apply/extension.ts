import type { Node } from 'libpg-query';
import { parseMigrationSql, scanSql, type SqlStatement } from './sql.js';

/** An extension as a migration's CREATE EXTENSION asks for it; null where the statement leaves it to the server. */
export interface ExtensionRequest {
  name: string;
  schema: string | null;
  version: string | null;
  cascade: boolean;
  /**
   * The script creates `schema` with CREATE SCHEMA IF NOT EXISTS before it asks for the extension. That
   * schema is gone with the failed script when the admin creates the extension, so the admin creates it too.
   */
  createsSchema: boolean;
}

/** What the admin's CREATE EXTENSION for a migration came to. */
export type ExtensionCreation =
  | 'created'
  /** Not created: the migration's role had defined functions or operators by then (see provision/extensions.ts). */
  | 'after-functions'
  | 'not-created';

/**
 * The first top-level CREATE EXTENSION of `name` in `sql`: what it asks for, where it is, and the script
 * with that statement in its IF NOT EXISTS form, for the run after the admin created the extension (a
 * superuser's run of the statement would have created it and gone on). The words go on the statement's own
 * line, so findings keep the file's line numbers. Null when no top-level statement creates it (dynamic SQL).
 */
export async function extensionStatement(
  sql: string,
  name: string,
): Promise<{ request: ExtensionRequest; line: number; column: number; rerun: string } | null> {
  const parsed = await parseMigrationSql(sql);
  if (!parsed.ok) return null;
  const at = parsed.statements.findIndex(
    (candidate) => 'CreateExtensionStmt' in candidate.node && candidate.node.CreateExtensionStmt.extname === name,
  );
  const statement = parsed.statements[at];
  if (!statement || !('CreateExtensionStmt' in statement.node)) return null;
  const { if_not_exists: ifNotExists, options } = statement.node.CreateExtensionStmt;
  const text = (option: string) => {
    const arg = argument(options, option);
    return arg && 'String' in arg ? (arg.String.sval ?? '') : null;
  };
  const cascade = argument(options, 'cascade');
  const schema = text('schema');
  // Only the IF NOT EXISTS form runs again unchanged once the admin has created the schema.
  const createsSchema = parsed.statements
    .slice(0, at)
    .some(({ node }) => 'CreateSchemaStmt' in node && node.CreateSchemaStmt.schemaname === schema && !!node.CreateSchemaStmt.if_not_exists);
  return {
    request: {
      name,
      schema,
      version: text('new_version'),
      cascade: !!cascade && 'Boolean' in cascade && !!cascade.Boolean.boolval,
      createsSchema,
    },
    line: statement.line,
    column: statement.column,
    rerun: ifNotExists ? sql : await withIfNotExists(sql, statement),
  };
}

function argument(options: Node[] | undefined, name: string): Node | undefined {
  for (const node of options ?? []) if ('DefElem' in node && node.DefElem.defname === name) return node.DefElem.arg;
  return undefined;
}

async function withIfNotExists(sql: string, statement: SqlStatement): Promise<string> {
  const keyword = (await scanSql(statement.text)).find((token) => token.text.toUpperCase() === 'EXTENSION')!;
  const bytes = Buffer.from(sql, 'utf8');
  const at = statement.start + keyword.end;
  return `${bytes.subarray(0, at).toString('utf8')} IF NOT EXISTS${bytes.subarray(at).toString('utf8')}`;
}
