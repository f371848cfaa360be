import { finding, type Rule, type RuleStatement } from './rule.js';

// risk/error: Prisma sends a migration.sql to PostgreSQL as one script, which runs as one implicit
// transaction; CONCURRENTLY refuses to run inside a transaction, so the deploy fails every time.
export const concurrentlyInTransaction: Rule = {
  id: 'risk/concurrently-in-transaction',
  hint: 'Move the CONCURRENTLY statement into a migration of its own, with no other statement (and no BEGIN/COMMIT) in its migration.sql.',
  check(ctx) {
    if (ctx.statements.length < 2) return [];
    return ctx.statements.filter(isConcurrent).map((statement) =>
      finding(concurrentlyInTransaction, ctx, statement, {
        message: `CONCURRENTLY cannot run inside a transaction, and the ${ctx.statements.length} statements of this file run as one.`,
        object: { kind: 'migration', name: ctx.migration },
      }),
    );
  },
};

function isConcurrent({ node }: RuleStatement): boolean {
  if ('IndexStmt' in node) return node.IndexStmt.concurrent === true;
  if ('DropStmt' in node) return node.DropStmt.concurrent === true;
  if ('ReindexStmt' in node) {
    return (node.ReindexStmt.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
  }
  return false;
}
