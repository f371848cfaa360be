import { displayTable, nameParts, qualified, quoteName, tableKey, tableOf, type TableName } from '../ast.js';
import { finding, replacing, type Rule, type RuleContext, type RuleStatement } from './rule.js';

// risk/warning: CREATE INDEX blocks every write to the table until the index is built, and DROP INDEX
// takes an ACCESS EXCLUSIVE lock; on a large table that is downtime.
export const indexWithoutConcurrently: Rule = {
  id: 'risk/index-without-concurrently',
  hint: 'For a large table, move the statement into a migration of its own and add CONCURRENTLY (CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY): it must be the only statement in its migration.sql.',
  check(ctx) {
    return ctx.statements.flatMap((statement) =>
      indexChanges(statement, ctx.defaultSchema).map(({ verb, index, table }) =>
        finding(indexWithoutConcurrently, ctx, statement, {
          message: `${verb} index ${quoteName(index)} on ${displayTable(table, ctx.defaultSchema)} without CONCURRENTLY: writes to the table are blocked meanwhile.`,
          object: { kind: 'index', schema: table.schema, table: table.name, name: index },
          ...concurrently(ctx, statement),
        }),
      ),
    );
  },
};

/**
 * CONCURRENTLY added, when the statement is the only one of its file: Prisma sends a file as one script,
 * which runs as one transaction when it has several statements, and CONCURRENTLY refuses to run in one.
 */
function concurrently(ctx: RuleContext, statement: RuleStatement) {
  if (ctx.statements.length !== 1) {
    return {
      hint:
        `For a large table, move the statement into a migration of its own (\`prisma migrate dev --create-only\`) and add CONCURRENTLY there: ` +
        'the statements of this file run as one transaction, in which CONCURRENTLY cannot run.',
    };
  }
  const sql = statement.text.replace(/^(CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\b/i, '$1 CONCURRENTLY');
  return {
    hint: 'For a large table, add CONCURRENTLY: alone in its migration.sql, the statement runs outside a transaction, where CONCURRENTLY can run.',
    suggestion: replacing(ctx, statement, statement, `${sql};`),
  };
}

function indexChanges(statement: RuleStatement, defaultSchema: string): { verb: string; index: string; table: TableName }[] {
  const { node, existing } = statement;
  if ('IndexStmt' in node) {
    const table = tableOf(node.IndexStmt.relation, defaultSchema);
    if (node.IndexStmt.concurrent || !table || !existing.tables.has(tableKey(table))) return [];
    return [{ verb: 'Creates', index: node.IndexStmt.idxname ?? '(unnamed)', table }];
  }
  if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_INDEX' || node.DropStmt.concurrent) return [];
  return (node.DropStmt.objects ?? []).flatMap((object) => {
    const index = qualified(nameParts(object), defaultSchema);
    const table =
      index && [...existing.tables.values()].find((t) => t.schema === index.schema && t.indexes.some((i) => i.name === index.name));
    return index && table ? [{ verb: 'Drops', index: index.name, table }] : [];
  });
}
