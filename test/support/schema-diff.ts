import type { DbSchema, ForeignKey, Index, Table } from '../../src/common/model.js';

/**
 * A structural diff of two schema models, object for object, for tests that hold one side to the other:
 * tables, columns (type, nullability, default, identity, generated), primary keys, indexes, foreign keys,
 * enums and sequences. Places (`source`) and Prisma names (`model`, `field`) are not compared; they exist on
 * one side only. Each difference is one readable line.
 */
export function diffSchemas(expected: DbSchema, actual: DbSchema): string[] {
  const want = flatten(expected);
  const got = flatten(actual);
  const lines: string[] = [];
  for (const [key, value] of want) {
    if (!got.has(key)) lines.push(`missing  ${key} = ${value}`);
    else if (got.get(key) !== value) lines.push(`differs  ${key}: expected ${value}, actual ${got.get(key)}`);
  }
  for (const [key, value] of got) if (!want.has(key)) lines.push(`extra    ${key} = ${value}`);
  return lines;
}

/** Every comparable fact as `path → value`, so that a difference names exactly what differs. */
function flatten(db: DbSchema): Map<string, string> {
  const facts = new Map<string, string>();
  const put = (key: string, value: unknown) => facts.set(key, JSON.stringify(value));
  for (const table of db.tables) flattenTable(table, put);
  for (const enumType of db.enums) put(`enum ${enumType.schema}.${enumType.name}`, enumType.values);
  for (const sequence of db.sequences) put(`sequence ${sequence.schema}.${sequence.name}`, sequence.ownedBy);
  return facts;
}

function flattenTable(table: Table, put: (key: string, value: unknown) => void): void {
  const at = `table ${table.schema}.${table.name}`;
  put(
    at,
    table.columns.map((column) => column.name),
  );
  for (const column of table.columns) {
    const { name, type, nullable, default: defaultText, identity, generated } = column;
    put(`${at} column ${name}`, { type, nullable, default: defaultText, identity, generated });
  }
  put(`${at} primary key`, table.primaryKey && { name: table.primaryKey.name, columns: table.primaryKey.columns });
  for (const index of table.indexes) put(`${at} index ${index.name}`, indexFacts(index));
  for (const foreignKey of table.foreignKeys) put(`${at} foreign key ${foreignKey.name}`, foreignKeyFacts(foreignKey));
}

function indexFacts(index: Index): unknown {
  const columns = index.columns.map((column) =>
    [column.name ?? column.expression, column.sort, column.opclass].filter((part) => part !== null).join(' '),
  );
  return { unique: index.unique, method: index.method, columns, predicate: index.predicate, constraint: index.constraint };
}

function foreignKeyFacts(foreignKey: ForeignKey): unknown {
  const { columns, referencedSchema, referencedTable, referencedColumns, onDelete, onUpdate, deferrable } = foreignKey;
  return { columns, references: `${referencedSchema}.${referencedTable}(${referencedColumns.join(', ')})`, onDelete, onUpdate, deferrable };
}
