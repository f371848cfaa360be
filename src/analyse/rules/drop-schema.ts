import { nameParts, quoteName } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: a schema drop takes every table in it (with CASCADE) or fails (without).
export const dropSchema: Rule = {
  id: 'destructive/drop-schema',
  hint: 'Make sure nothing in the schema is still needed before merging; then waive this finding.',
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_SCHEMA') return [];
      return (node.DropStmt.objects ?? []).flatMap((object) => {
        const name = nameParts(object).at(-1);
        if (name === undefined || !statement.existing.schemas.has(name)) return [];
        const cascade = node.DropStmt.behavior === 'DROP_CASCADE' ? ' and everything in it' : '';
        return [
          finding(dropSchema, ctx, statement, {
            message: `Drops schema ${quoteName(name)}${cascade}.`,
            object: { kind: 'schema', name },
          }),
        ];
      });
    });
  },
};
