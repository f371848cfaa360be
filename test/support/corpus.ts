import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Real projects' schemas and migrations, kept outside the repository (never copied into it). */
export const CORPUS_DIR = process.env.PRISMA_DRIFT_CORPUS ?? path.resolve(REPO_ROOT, '../shared/corpus');

export const CORPUS_MISSING_MESSAGE = `corpus not found at ${CORPUS_DIR}: set PRISMA_DRIFT_CORPUS to a folder of real Prisma projects to run these tests`;

export interface CorpusProject {
  name: string;
  dir: string;
  /** schema.prisma file, or the folder of a multi-file schema. */
  schema: string;
  migrations: string;
}

export function corpusProjects(): CorpusProject[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = path.join(CORPUS_DIR, entry.name);
      const folder = path.join(dir, 'schema');
      return {
        name: entry.name,
        dir,
        schema: existsSync(folder) ? folder : path.join(dir, 'schema.prisma'),
        migrations: path.join(dir, 'migrations'),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
