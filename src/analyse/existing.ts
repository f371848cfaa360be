import type { DbSchema, Enum, Table } from '../common/model.js';
import { columnTypeOf, nameParts, qualified, tableKey, tableOf } from './ast.js';
import type { SqlStatement } from '../apply/sql.js';

/**
 * What existed before the PR's new migrations and still exists when a statement runs. Only these objects
 * can hold production data: a table the PR created (in the same migration or an earlier one) is empty on
 * deploy, so dropping or rewriting it loses nothing.
 */
export interface Existing {
  /** By `schema.table`, as the base database has them (columns follow renames, drops and type changes). */
  tables: ReadonlyMap<string, Table>;
  schemas: ReadonlySet<string>;
  /** By `schema.name`. */
  enums: ReadonlyMap<string, Enum>;
}

export function existingIn(base: DbSchema): Existing {
  return {
    tables: new Map(base.tables.map((table) => [tableKey(table), table])),
    schemas: new Set([...base.namespaces, ...base.tables.map((table) => table.schema)]),
    enums: new Map(base.enums.map((e) => [tableKey(e), e])),
  };
}

/** The state each statement sees, in order; `after` is what the next migration starts from. */
export function trackExisting(
  start: Existing,
  statements: readonly SqlStatement[],
  defaultSchema: string,
): { before: Existing[]; after: Existing } {
  const before: Existing[] = [];
  let state = start;
  for (const statement of statements) {
    before.push(state);
    state = applyStatement(state, statement, defaultSchema);
  }
  return { before, after: state };
}

// Copy-on-write: states are shared between statements until one changes them.
function applyStatement(state: Existing, { node }: SqlStatement, defaultSchema: string): Existing {
  const tables = () => new Map(state.tables);
  if ('CreateStmt' in node) {
    const table = tableOf(node.CreateStmt.relation, defaultSchema);
    if (!table || (node.CreateStmt.if_not_exists && state.tables.has(tableKey(table)))) return state;
    const next = tables();
    next.delete(tableKey(table));
    return { ...state, tables: next };
  }
  if ('CreateSchemaStmt' in node) {
    const name = node.CreateSchemaStmt.schemaname;
    if (!name || node.CreateSchemaStmt.if_not_exists) return state;
    const schemas = new Set(state.schemas);
    schemas.delete(name);
    return { ...state, schemas };
  }
  if ('CreateEnumStmt' in node) {
    const type = qualified(nameParts({ List: { items: node.CreateEnumStmt.typeName ?? [] } }), defaultSchema);
    if (!type) return state;
    const enums = new Map(state.enums);
    enums.delete(tableKey(type));
    return { ...state, enums };
  }
  if ('DropStmt' in node) {
    const names = (node.DropStmt.objects ?? []).map(nameParts);
    switch (node.DropStmt.removeType) {
      case 'OBJECT_TABLE': {
        const next = tables();
        for (const parts of names) {
          const table = qualified(parts, defaultSchema);
          if (table) next.delete(tableKey(table));
        }
        return { ...state, tables: next };
      }
      case 'OBJECT_TYPE': {
        const enums = new Map(state.enums);
        for (const parts of names) {
          const type = qualified(parts, defaultSchema);
          if (type) enums.delete(tableKey(type));
        }
        return { ...state, enums };
      }
      case 'OBJECT_SCHEMA': {
        const dropped = new Set(names.map((parts) => parts.at(-1)));
        const keep = <T extends { schema: string }>(map: ReadonlyMap<string, T>) =>
          new Map([...map].filter(([, value]) => !dropped.has(value.schema)));
        return {
          tables: keep(state.tables),
          enums: keep(state.enums),
          schemas: new Set([...state.schemas].filter((schema) => !dropped.has(schema))),
        };
      }
      default:
        return state;
    }
  }
  if ('RenameStmt' in node) {
    const rename = node.RenameStmt;
    if (!rename.newname) return state;
    if (rename.renameType === 'OBJECT_TABLE') {
      const from = tableOf(rename.relation, defaultSchema);
      const table = from && state.tables.get(tableKey(from));
      if (!from || !table) return state;
      const next = tables();
      next.delete(tableKey(from));
      next.set(tableKey({ schema: from.schema, name: rename.newname }), { ...table, name: rename.newname });
      return { ...state, tables: next };
    }
    if (rename.renameType === 'OBJECT_COLUMN') {
      return updateTable(state, tableOf(rename.relation, defaultSchema), (table) => ({
        ...table,
        columns: table.columns.map((c) => (c.name === rename.subname ? { ...c, name: rename.newname! } : c)),
      }));
    }
    if (rename.renameType === 'OBJECT_TYPE') {
      const from = qualified(nameParts(rename.object), defaultSchema);
      const type = from && state.enums.get(tableKey(from));
      if (!from || !type) return state;
      const enums = new Map(state.enums);
      enums.delete(tableKey(from));
      enums.set(tableKey({ schema: from.schema, name: rename.newname }), { ...type, name: rename.newname });
      return { ...state, enums };
    }
    return state;
  }
  if ('AlterTableStmt' in node) {
    let next = state;
    const table = tableOf(node.AlterTableStmt.relation, defaultSchema);
    for (const cmd of node.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in cmd)) continue;
      const { subtype, name, def } = cmd.AlterTableCmd;
      if (subtype === 'AT_DropColumn') {
        next = updateTable(next, table, (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== name) }));
      } else if (subtype === 'AT_AlterColumnType' && def && 'ColumnDef' in def && def.ColumnDef.typeName) {
        const type = columnTypeOf(def.ColumnDef.typeName);
        next = updateTable(next, table, (t) => ({
          ...t,
          columns: t.columns.map((c) => (c.name === name ? { ...c, type } : c)),
        }));
      }
    }
    return next;
  }
  return state;
}

function updateTable(state: Existing, name: { schema: string; name: string } | null, change: (table: Table) => Table): Existing {
  const table = name && state.tables.get(tableKey(name));
  if (!name || !table) return state;
  const tables = new Map(state.tables);
  tables.set(tableKey(name), change(table));
  return { ...state, tables };
}
