import type { Constraint } from 'libpg-query';
import type { DbSchema, Enum, Table } from '../common/model.js';
import { columnTypeOf, nameParts, qualified, tableKey, tableOf, type TableName } from './ast.js';
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
  /** By `schema.table`: the CHECK (col IS NOT NULL) constraints of the tables, which PostgreSQL 12+ lets SET NOT NULL trust. */
  notNullChecks: ReadonlyMap<string, readonly NotNullCheck[]>;
}

export interface NotNullCheck {
  name: string;
  column: string;
  /** Validated: every row was checked (added without NOT VALID, or VALIDATE CONSTRAINT since). */
  validated: boolean;
}

/** `CHECK ((col IS NOT NULL))` as pg_get_constraintdef prints it, with ` NOT VALID` when it is not validated. */
const NOT_NULL_CHECK = /^CHECK \(\((?:"((?:[^"]|"")+)"|([^\s"()]+)) IS NOT NULL\)\)( NOT VALID)?$/;

export function existingIn(base: DbSchema): Existing {
  return {
    tables: new Map(base.tables.map((table) => [tableKey(table), table])),
    schemas: new Set([...base.namespaces, ...base.tables.map((table) => table.schema)]),
    enums: new Map(base.enums.map((e) => [tableKey(e), e])),
    notNullChecks: baseNotNullChecks(base),
  };
}

function baseNotNullChecks(base: DbSchema): Map<string, NotNullCheck[]> {
  const checks = new Map<string, NotNullCheck[]>();
  for (const object of base.unmodelled) {
    const match = object.kind === 'check' && object.table ? NOT_NULL_CHECK.exec(object.definition ?? '') : null;
    if (!match) continue;
    const key = tableKey({ schema: object.schema, name: object.table! });
    const column = match[1]?.replaceAll('""', '"') ?? match[2]!;
    checks.set(key, [...(checks.get(key) ?? []), { name: object.name, column, validated: !match[3] }]);
  }
  return checks;
}

/** The column a CHECK constraint proves not null, when that is all it says. */
function notNullColumn(constraint: Constraint): string | null {
  const expr = constraint.raw_expr;
  if (!expr || !('NullTest' in expr) || expr.NullTest.nulltesttype !== 'IS_NOT_NULL') return null;
  const arg = expr.NullTest.arg;
  const fields = arg && 'ColumnRef' in arg ? (arg.ColumnRef.fields ?? []) : [];
  return fields.length === 1 && 'String' in fields[0]! ? (fields[0].String.sval ?? null) : null;
}

function updateChecks(state: Existing, table: TableName | null, change: (checks: readonly NotNullCheck[]) => NotNullCheck[]): Existing {
  if (!table || !state.tables.has(tableKey(table))) return state;
  const notNullChecks = new Map(state.notNullChecks);
  notNullChecks.set(tableKey(table), change(state.notNullChecks.get(tableKey(table)) ?? []));
  return { ...state, notNullChecks };
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
          ...state,
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
      } else if (subtype === 'AT_AddConstraint' && def && 'Constraint' in def && def.Constraint.contype === 'CONSTR_CHECK') {
        const { conname, skip_validation } = def.Constraint;
        const column = notNullColumn(def.Constraint);
        if (conname && column)
          next = updateChecks(next, table, (checks) => [...checks, { name: conname, column, validated: !skip_validation }]);
      } else if (subtype === 'AT_ValidateConstraint' && name) {
        next = updateChecks(next, table, (checks) => checks.map((check) => (check.name === name ? { ...check, validated: true } : check)));
      } else if (subtype === 'AT_DropConstraint' && name) {
        next = updateChecks(next, table, (checks) => checks.filter((check) => check.name !== name));
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
