import { nameParts, qualified, quoteName, tableKey } from '../ast.js';
import { finding, type Rule } from './rule.js';

// destructive/error: PostgreSQL cannot drop an enum value, so Prisma recreates the type as `<name>_new`
// without it, casts every column over and renames it back. Any row holding a removed value makes the cast
// fail; the deploy stops half way unless the rows were migrated first.
export const enumValueRemoved: Rule = {
  id: 'destructive/enum-value-removed',
  hint: 'Before the enum is recreated, UPDATE every row that holds a removed value to a value that remains (in this migration, above the CREATE TYPE).',
  check(ctx) {
    const renamedTo = new Map<string, string>();
    for (const { node } of ctx.statements) {
      if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_TYPE' || !node.RenameStmt.newname) continue;
      const from = qualified(nameParts(node.RenameStmt.object), ctx.defaultSchema);
      if (from) renamedTo.set(tableKey(from), tableKey({ schema: from.schema, name: node.RenameStmt.newname }));
    }
    return ctx.statements.flatMap((statement) => {
      const { node } = statement;
      if (!('CreateEnumStmt' in node)) return [];
      const created = qualified(nameParts({ List: { items: node.CreateEnumStmt.typeName ?? [] } }), ctx.defaultSchema);
      const target = created && renamedTo.get(tableKey(created));
      const old = target && statement.existing.enums.get(target);
      if (!created || !old || created.name !== `${old.name}_new`) return [];
      const kept = new Set((node.CreateEnumStmt.vals ?? []).flatMap(nameParts));
      const removed = old.values.filter((value) => !kept.has(value));
      if (removed.length === 0) return [];
      return [
        finding(enumValueRemoved, ctx, statement, {
          message: `Removes ${removed.map((v) => `'${v}'`).join(', ')} from enum ${quoteName(old.name)}: the deploy fails if any row still holds ${removed.length === 1 ? 'it' : 'one of them'}.`,
          object: { kind: 'enum', schema: old.schema, name: old.name },
        }),
      ];
    });
  },
};
