import { loadModule, parseSync } from 'libpg-query';
import type { Finding } from '../../src/common/findings.js';
import type { DbSchema } from '../../src/common/model.js';

/**
 * The database objects a drift verdict names, as comparable keys, read from our findings and from the SQL
 * Prisma's engine would run. Both sides are reduced to what they can both say: a created or dropped table
 * stands for its columns, indexes and constraints; a primary key is named by its table (Prisma replaces it
 * by dropping and adding, so names on the two sides need not match); an enum whose values Prisma removes is
 * recreated under a temporary name, which is read back as the values that change; an index Prisma creates
 * again only because it dropped and added back one of its columns (a type change no cast can make) goes
 * with that column, as the index itself does not differ.
 */

export type ObjectKey = string;

export async function loadSqlParser(): Promise<void> {
  await loadModule();
}

export function findingObjects(findings: Finding[]): Set<ObjectKey> {
  const keys = new Set<ObjectKey>();
  const parents = new Map<ObjectKey, string>();
  for (const { object } of findings) {
    if (!object) continue;
    const schema = object.schema ?? 'public';
    switch (object.kind) {
      case 'table':
        keys.add(`table ${schema}.${object.name}`);
        break;
      case 'column':
        keys.add(`column ${schema}.${object.table}.${object.name}`);
        break;
      case 'primary-key':
        keys.add(`primary-key ${schema}.${object.table}`);
        break;
      case 'foreign-key':
        keys.add(`constraint ${schema}.${object.table}.${object.name}`);
        break;
      case 'index':
        keys.add(`index ${schema}.${object.name}`);
        parents.set(`index ${schema}.${object.name}`, `${schema}.${object.table}`);
        break;
      case 'enum':
        keys.add(`enum ${schema}.${object.name}`);
        break;
      case 'enum-value':
        keys.add(`enum-value ${schema}.${object.table}.${object.name}`);
        break;
      case 'extension':
      case 'schema':
        keys.add(`${object.kind} ${object.name}`);
        break;
      default:
        keys.add(`${object.kind} ${schema}.${object.name}`);
    }
  }
  return dropChildrenOfWholeTables(keys, parents);
}

type Node = Record<string, any>;

/** `migrated` is the database the SQL would run on: it tells which constraint is a primary key and which enum values exist. */
export function engineObjects(sql: string, migrated: DbSchema): Set<ObjectKey> {
  const keys = new Set<ObjectKey>();
  const parents = new Map<ObjectKey, string>();
  const statements: Node[] = (parseSync(sql).stmts ?? []).map((entry: Node) => entry.stmt);
  const recreatedColumns = new Set(statements.flatMap(recreatedColumnsOf));
  const droppedIndexes = new Set(
    statements.flatMap((statement) => (statement.DropStmt?.removeType === 'OBJECT_INDEX' ? droppedObjects(statement.DropStmt) : [])),
  );
  let inTransaction = false;
  for (const statement of statements) {
    const [type, node] = Object.entries(statement)[0] as [string, Node];
    if (type === 'TransactionStmt') {
      inTransaction = node.kind === 'TRANS_STMT_BEGIN';
      continue;
    }
    // Prisma wraps only enum recreation in a transaction; its column retypes and renames are part of that.
    if (inTransaction && type !== 'CreateEnumStmt') continue;
    switch (type) {
      case 'CreateStmt':
        keys.add(`table ${relationKey(node.relation)}`);
        break;
      case 'DropStmt':
        for (const key of droppedObjects(node)) keys.add(key);
        break;
      case 'AlterTableStmt':
        for (const cmd of node.cmds as Node[]) keys.add(alterTableObject(node.relation, cmd.AlterTableCmd, migrated));
        break;
      case 'IndexStmt': {
        const key = `index ${node.relation.schemaname ?? 'public'}.${node.idxname}`;
        const columns: string[] = (node.indexParams as Node[]).map((param) => param.IndexElem.name).filter(Boolean);
        if (!droppedIndexes.has(key) && columns.some((column) => recreatedColumns.has(`${relationKey(node.relation)}.${column}`))) break;
        keys.add(key);
        parents.set(key, relationKey(node.relation));
        break;
      }
      case 'RenameStmt':
        if (node.renameType === 'OBJECT_INDEX') keys.add(`index ${node.relation.schemaname ?? 'public'}.${node.newname}`);
        else if (node.renameType === 'OBJECT_TABCONSTRAINT') keys.add(constraintKey(node.relation, node.subname, node.newname, migrated));
        else keys.add(`unexpected ${type} ${node.renameType}`);
        break;
      case 'CreateEnumStmt': {
        const [schema, name] = qualifiedName(node.typeName);
        const values: string[] = node.vals.map((value: Node) => value.String.sval);
        if (inTransaction && name.endsWith('_new')) {
          for (const key of recreatedEnumValues(schema, name.slice(0, -'_new'.length), values, migrated)) keys.add(key);
        } else keys.add(`enum ${schema}.${name}`);
        break;
      }
      case 'AlterEnumStmt': {
        const [schema, name] = qualifiedName(node.typeName);
        keys.add(`enum-value ${schema}.${name}.${node.newVal}`);
        break;
      }
      case 'CreateExtensionStmt':
        keys.add(`extension ${node.extname}`);
        break;
      case 'CreateSchemaStmt':
        keys.add(`schema ${node.schemaname}`);
        break;
      // Sequences come and go with a column's autoincrement, which the column's default already names.
      case 'CreateSeqStmt':
      case 'AlterSeqStmt':
        break;
      default:
        keys.add(`unexpected ${type}`);
    }
  }
  return dropChildrenOfWholeTables(keys, parents);
}

/** `schema.table.column` of each column an ALTER TABLE drops and adds back in the same statement. */
function recreatedColumnsOf(statement: Node): string[] {
  const node = statement.AlterTableStmt;
  if (!node) return [];
  const commands = (node.cmds as Node[]).map((cmd) => cmd.AlterTableCmd);
  const dropped = new Set(commands.filter((cmd) => cmd.subtype === 'AT_DropColumn').map((cmd) => cmd.name as string));
  return commands
    .filter((cmd) => cmd.subtype === 'AT_AddColumn' && dropped.has(cmd.def.ColumnDef.colname))
    .map((cmd) => `${relationKey(node.relation)}.${cmd.def.ColumnDef.colname}`);
}

function relationKey(relation: Node): string {
  return `${relation.schemaname ?? 'public'}.${relation.relname}`;
}

function qualifiedName(names: Node[]): [string, string] {
  const parts = names.map((name) => name.String.sval as string);
  return parts.length === 2 ? [parts[0]!, parts[1]!] : ['public', parts[0]!];
}

function droppedObjects(node: Node): ObjectKey[] {
  return (node.objects as Node[]).flatMap((object): ObjectKey[] => {
    const names = object.List ? (object.List.items as Node[]) : (object.TypeName?.names as Node[]);
    const [schema, name] = qualifiedName(names);
    switch (node.removeType) {
      case 'OBJECT_TABLE':
        return [`table ${schema}.${name}`];
      case 'OBJECT_INDEX':
        return [`index ${schema}.${name}`];
      case 'OBJECT_TYPE':
        return [`enum ${schema}.${name}`];
      case 'OBJECT_SEQUENCE':
        return [];
      default:
        return [`unexpected drop ${node.removeType} ${schema}.${name}`];
    }
  });
}

function alterTableObject(relation: Node, cmd: Node, migrated: DbSchema): ObjectKey {
  const table = relationKey(relation);
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return `column ${table}.${cmd.def.ColumnDef.colname}`;
    case 'AT_DropColumn':
    case 'AT_AlterColumnType':
    case 'AT_SetNotNull':
    case 'AT_DropNotNull':
    case 'AT_ColumnDefault':
      return `column ${table}.${cmd.name}`;
    case 'AT_AddConstraint': {
      const constraint = cmd.def.Constraint;
      return constraint.contype === 'CONSTR_PRIMARY' ? `primary-key ${table}` : `constraint ${table}.${constraint.conname}`;
    }
    case 'AT_DropConstraint':
      return constraintKey(relation, cmd.name, cmd.name, migrated);
    default:
      return `unexpected ${cmd.subtype} on ${table}`;
  }
}

/** A constraint of the migrated database, by its current name; a primary key is named by its table. */
function constraintKey(relation: Node, current: string, name: string, migrated: DbSchema): ObjectKey {
  const schema = relation.schemaname ?? 'public';
  const pk = migrated.tables.find((t) => t.schema === schema && t.name === relation.relname)?.primaryKey;
  return pk?.name === current ? `primary-key ${relationKey(relation)}` : `constraint ${relationKey(relation)}.${name}`;
}

function recreatedEnumValues(schema: string, name: string, values: string[], migrated: DbSchema): ObjectKey[] {
  const existing = migrated.enums.find((e) => e.schema === schema && e.name === name)?.values ?? [];
  const wanted = new Set(values);
  const had = new Set(existing);
  return [...existing.filter((v) => !wanted.has(v)), ...values.filter((v) => !had.has(v))].map(
    (value) => `enum-value ${schema}.${name}.${value}`,
  );
}

/**
 * A table that is created or dropped as a whole is one object: its columns, indexes and constraints go with
 * it. `parents` maps an index key to its table, as index names alone do not say.
 */
function dropChildrenOfWholeTables(keys: Set<ObjectKey>, parents: Map<ObjectKey, string>): Set<ObjectKey> {
  const tables = new Set([...keys].filter((key) => key.startsWith('table ')).map((key) => key.slice('table '.length)));
  return new Set(
    [...keys].filter((key) => {
      const parent = parents.get(key) ?? /^(?:column|constraint|primary-key) ([^.]+\.[^.]+)/.exec(key)?.[1];
      return !parent || !tables.has(parent);
    }),
  );
}
