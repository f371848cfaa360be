import { quoteName } from '../ast.js';
import { finding, type Rule } from './rule.js';

// A migration runs against the application's database with the deploy role: dropping a database from it is
// never a schema change, and with the privileges it deletes another database outright.
export const dropDatabase: Rule = {
  id: 'destructive/drop-database',
  hint: 'Remove the statement: dropping a database is an operations task, not a migration.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('DropdbStmt' in node)) return [];
      const name = node.DropdbStmt.dbname ?? '';
      return [
        finding(dropDatabase, ctx, statement, {
          message: `Drops database ${quoteName(name)}: a migration has no business outside its own database, and this one deletes another whole database.`,
          object: { kind: 'database', name },
        }),
      ];
    });
  },
};
