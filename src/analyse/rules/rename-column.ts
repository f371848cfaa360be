import { displayTable, quoteName, tableKey, tableOf } from '../ast.js';
import { finding, type Rule } from './rule.js';

/** What keeps the running release working through a rename. */
export function expandContract(what: string, mapAttribute: string): string {
  return (
    `The release that is running until this one is deployed still uses the old name and fails on it from the moment the migration runs. ` +
    `To avoid that, expand and contract: add the new ${what}, backfill it and keep both in step, switch readers and writers to it, ` +
    `and drop the old ${what} in a later release. Or keep the database name and rename only in schema.prisma, with ${mapAttribute}.`
  );
}

// risk/notice: the data stays, but the running release queries the old name until the new one is deployed.
export const renameColumn: Rule = {
  id: 'risk/rename-column',
  hint: expandContract('column', '`@map("old_name")` on the field'),
  check(ctx) {
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_COLUMN') return [];
      const { subname, newname } = node.RenameStmt;
      const table = tableOf(node.RenameStmt.relation, ctx.defaultSchema);
      const existing = table && statement.existing.tables.get(tableKey(table));
      if (!table || !existing || !subname || !newname || !existing.columns.some((c) => c.name === subname)) return [];
      return [
        finding(renameColumn, ctx, statement, {
          message: `Renames column ${quoteName(subname)} of ${displayTable(table, ctx.defaultSchema)} to ${quoteName(newname)}: the data stays, but the release still running uses the old name until this one is deployed.`,
          object: { kind: 'column', schema: table.schema, table: table.name, column: subname, name: subname },
        }),
      ];
    });
  },
};
