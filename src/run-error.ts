import path from 'node:path';
import { BaselineError } from './report/baseline.js';
import { InputError } from './inputs.js';
import { LocateError } from './locate/project.js';
import { LocatedError } from './common/located-error.js';
import { SchemaError } from './prisma/errors.js';
import { REPORT_VERSION } from './report/report.js';

/**
 * Why a check could not run (exit status 2), as the JSON report says it instead of the findings, so that a
 * program reading the report always gets an object. `code` tells apart what the user must fix: an input or
 * flag, where the project is, the schema, the baseline file; `runtime` is everything else (no PostgreSQL,
 * a failing git, a bug).
 */
export interface RunError {
  code: 'input' | 'project' | 'schema' | 'baseline' | 'runtime';
  message: string;
  /** Relative to the folder the paths of the report are relative to, when the error is about a file. */
  file: string | null;
  line: number | null;
  column: number | null;
}

export interface ErrorReport {
  version: typeof REPORT_VERSION;
  ok: false;
  error: RunError;
}

export function errorReport(error: unknown, root: string): ErrorReport {
  const message = error instanceof Error ? error.message : String(error);
  const at =
    error instanceof LocatedError
      ? { file: relative(root, error.file), line: error.line, column: error.column }
      : { file: null, line: null, column: null };
  return { version: REPORT_VERSION, ok: false, error: { code: codeOf(error), message, ...at } };
}

function codeOf(error: unknown): RunError['code'] {
  if (error instanceof InputError) return 'input';
  if (error instanceof LocateError) return 'project';
  if (error instanceof SchemaError) return 'schema';
  if (error instanceof BaselineError) return 'baseline';
  return 'runtime';
}

function relative(root: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(root, file) : file;
}
