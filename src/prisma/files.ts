import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SchemaFile } from './parse.js';

/** A schema.prisma file, or every `.prisma` file under a folder (a multi-file schema), in a stable order. */
export function readSchemaFiles(schemaPath: string): SchemaFile[] {
  const paths = statSync(schemaPath).isDirectory() ? prismaFilesUnder(schemaPath) : [schemaPath];
  return paths.map((file) => ({ path: file, content: readFileSync(file, 'utf8') }));
}

function prismaFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
