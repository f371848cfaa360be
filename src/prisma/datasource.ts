import type { Extension } from '../common/model.js';
import type { ConfigBlock, Expression, PrismaSchema } from './ast.js';
import { SchemaError } from './errors.js';

/** The datasource block and the generator's preview features: the schema's settings, not its models. */

export interface Datasource {
  /** The block's name, which prefixes native type attributes: `@db.VarChar` under `datasource db`. */
  name: string;
  defaultSchema: string;
  /** `schemas = [...]` of multiSchema; empty when not used. */
  schemas: string[];
  foreignKeys: boolean;
  extensions: Extension[];
}

export function previewFeatures(schema: PrismaSchema): Set<string> {
  return new Set(
    schema.generators
      .flatMap((generator) => generator.properties.filter((property) => property.name === 'previewFeatures'))
      .flatMap((property) => (property.value.kind === 'array' ? property.value.items : []))
      .flatMap((item) => (item.kind === 'string' ? [item.value] : [])),
  );
}

export function readDatasource(block: ConfigBlock | undefined, defaultSchema: string): Datasource {
  const datasource: Datasource = { name: block?.name ?? 'db', defaultSchema, schemas: [], foreignKeys: true, extensions: [] };
  if (!block) return datasource;
  for (const property of block.properties) {
    const { value } = property;
    switch (property.name) {
      case 'provider':
        if (value.kind === 'string' && value.value !== 'postgresql' && value.value !== 'postgres')
          throw new SchemaError(value.loc, `provider "${value.value}" is not PostgreSQL: this check replays migrations on PostgreSQL only`);
        break;
      case 'relationMode':
      case 'referentialIntegrity':
        datasource.foreignKeys = !(value.kind === 'string' && value.value === 'prisma');
        break;
      case 'schemas':
        datasource.schemas = stringList(value, 'schemas');
        break;
      case 'extensions':
        datasource.extensions = extensionList(value, defaultSchema);
        break;
    }
  }
  return datasource;
}

function extensionList(value: Expression, defaultSchema: string): Extension[] {
  if (value.kind !== 'array') throw new SchemaError(value.loc, 'extensions is a list, as in extensions = [citext, pg_trgm]');
  return value.items.map((item) => {
    if (item.kind === 'constant') return { name: item.value, schema: defaultSchema, version: '' };
    if (item.kind === 'function') {
      const named = (name: string) => {
        const arg = item.args.find((a) => a.name === name);
        if (arg && arg.value.kind !== 'string') throw new SchemaError(arg.loc, `${name}: takes a "string"`);
        return arg?.value.kind === 'string' ? arg.value.value : undefined;
      };
      return { name: named('map') ?? item.name, schema: named('schema') ?? defaultSchema, version: named('version') ?? '' };
    }
    throw new SchemaError(item.loc, 'an extension is a name, optionally with (map: "...", schema: "...", version: "...")');
  });
}

export function stringList(value: Expression, what: string): string[] {
  if (value.kind !== 'array' || value.items.some((item) => item.kind !== 'string'))
    throw new SchemaError(value.loc, `${what} is a list of strings, as in ${what} = ["public", "auth"]`);
  return value.items.map((item) => (item as { value: string }).value);
}
