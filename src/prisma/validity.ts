import type { SourceLocation } from '../common/model.js';
import type { Expression, ModelBlock, PrismaSchema, SyntaxNote } from './ast.js';
import { findAttribute } from './ast.js';
import { compareVersions } from '../locate/prisma-version.js';

/**
 * Rules of Prisma's schema parser that changed between releases, or that it enforces although the schema's
 * meaning is plain, and that change nothing about the database the schema describes. This check is not a
 * validator (`prisma validate` is): where the project's Prisma release would refuse such a schema, the check
 * still runs and says so in a warning, with the release that changed the rule.
 *
 * Each bound is the first minor release whose published parser (`@prisma/prisma-schema-wasm`) behaves the
 * new way, found by running the parsers of the neighbouring releases; the parity test
 * (`test/integration/prisma-parity.test.ts`) holds these rules to Prisma's parser at 18 releases on either side.
 */

export interface SchemaWarning {
  loc: SourceLocation;
  message: string;
}

interface VersionRange {
  /** What the form is, in a sentence's words. */
  what: string;
  /** The first release that refuses it, when it is refused from some release on. */
  refusedFrom?: string;
  /** The first release that accepts it, when earlier ones refuse it. */
  acceptedFrom?: string;
}

export type VersionRule =
  | SyntaxNote['kind']
  | 'view-primary-key'
  | 'view-without-unique'
  | 'uuid-version'
  | 'cuid-version'
  | 'multi-schema-without-preview'
  | 'view-relation-without-opposite';

/** Each form or rule, and the releases whose parser refuses it (all of them when neither bound is set). */
export const VERSION_RULES: Record<VersionRule, VersionRange> = {
  'block-comment': { acceptedFrom: '6.1', what: 'a /* */ comment' },
  'comment-inside-line': { what: 'a /* */ comment between the parts of a line' },
  'byte-order-mark': { what: 'a byte order mark (BOM)' },
  'unicode-identifier': { acceptedFrom: '6.0', what: 'a name with letters outside ASCII' },
  'line-break-in-arguments': { what: 'a line break inside an attribute’s arguments or a list' },
  'trailing-comma': { what: 'a comma before a closing bracket' },
  'view-primary-key': { refusedFrom: '6.13', what: 'a primary key (@id or @@id) on a view' },
  'view-without-unique': { acceptedFrom: '6.13', what: 'a view without @id, @unique, @@id or @@unique' },
  'uuid-version': { acceptedFrom: '5.18', what: 'an argument to uuid()' },
  'cuid-version': { acceptedFrom: '6.0', what: 'an argument to cuid()' },
  'view-relation-without-opposite': { what: 'a relation field on a view with no opposite field on the related model' },
  'multi-schema-without-preview': { acceptedFrom: '6.13', what: 'schemas or @@schema without the "multiSchema" preview feature' },
};

/** Whether the release refuses the form; the latest rules when the version is unknown. */
export function refuses(rule: VersionRule, version: string | null): boolean {
  const range = VERSION_RULES[rule];
  if (range.acceptedFrom) return version !== null && compareVersions(version, range.acceptedFrom) < 0;
  if (range.refusedFrom) return version === null || compareVersions(version, range.refusedFrom) >= 0;
  return true;
}

/** Warnings for what the project's Prisma release (latest when null) refuses that the check can still read. */
export function schemaWarnings(schema: PrismaSchema, version: string | null): SchemaWarning[] {
  const found: { rule: VersionRule; loc: SourceLocation }[] = [
    ...schema.syntax.map((note: SyntaxNote) => ({ rule: note.kind, loc: note.loc })),
    ...schema.views.flatMap((view) => viewRules(view)),
    ...viewRelationRules(schema),
    ...[...schema.models, ...schema.views].flatMap((block) => defaultArgumentRules(block)),
    ...multiSchemaRules(schema),
  ];
  const warnings = found
    .filter(({ rule }) => refuses(rule, version))
    .map(({ rule, loc }) => ({ loc, message: warningText(rule, version) }));
  return warnings.sort((a, b) =>
    a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column,
  );
}

function warningText(rule: VersionRule, version: string | null): string {
  const range = VERSION_RULES[rule];
  const release = version === null ? 'the latest Prisma' : `Prisma ${version}`;
  const since = range.acceptedFrom
    ? `: Prisma reads it from ${range.acceptedFrom} on, so upgrade Prisma or rewrite it`
    : range.refusedFrom
      ? ` (from ${range.refusedFrom} on): remove it`
      : ': rewrite it';
  return `${range.what} is refused by ${release}'s schema parser${since}. The check read it anyway, as it changes nothing about the database.`;
}

function viewRules(view: ModelBlock): { rule: VersionRule; loc: SourceLocation }[] {
  const rules: { rule: VersionRule; loc: SourceLocation }[] = [];
  const fieldId = view.fields.find((field) => findAttribute(field.attributes, 'id'));
  const blockId = findAttribute(view.attributes, 'id');
  if (fieldId || blockId) rules.push({ rule: 'view-primary-key', loc: (blockId ?? findAttribute(fieldId!.attributes, 'id')!).loc });
  const unique =
    fieldId ||
    blockId ||
    findAttribute(view.attributes, 'unique') ||
    view.fields.some((field) => findAttribute(field.attributes, 'unique') && !field.type.optional);
  if (!unique) rules.push({ rule: 'view-without-unique', loc: view.loc });
  return rules;
}

function defaultArgumentRules(block: ModelBlock): { rule: VersionRule; loc: SourceLocation }[] {
  return block.fields.flatMap((field): { rule: VersionRule; loc: SourceLocation }[] => {
    const value: Expression | undefined = findAttribute(field.attributes, 'default')?.args[0]?.value;
    if (value?.kind !== 'function' || value.args.length === 0) return [];
    if (value.name === 'uuid') return [{ rule: 'uuid-version', loc: value.loc }];
    if (value.name === 'cuid') return [{ rule: 'cuid-version', loc: value.loc }];
    return [];
  });
}

/** Before multiSchema was generally available, `schemas` and `@@schema` needed it among the preview features. */
function multiSchemaRules(schema: PrismaSchema): { rule: VersionRule; loc: SourceLocation }[] {
  const features = schema.generators
    .flatMap((generator) => generator.properties.filter((property) => property.name === 'previewFeatures'))
    .flatMap((property) => (property.value.kind === 'array' ? property.value.items : []))
    .flatMap((item) => (item.kind === 'string' ? [item.value] : []));
  if (features.includes('multiSchema')) return [];
  const schemas = schema.datasources.flatMap((block) => block.properties.filter((property) => property.name === 'schemas'));
  const attributes = [...schema.models, ...schema.views, ...schema.enums].flatMap((block) =>
    block.attributes.filter((attribute) => attribute.name === 'schema'),
  );
  return [...schemas, ...attributes].map((node) => ({ rule: 'multi-schema-without-preview', loc: node.loc }));
}

/**
 * Relations from a view: expectSchema never looks at views' fields, as no key is created for them, but Prisma
 * refuses one whose related model has no field back.
 */
function viewRelationRules(schema: PrismaSchema): { rule: VersionRule; loc: SourceLocation }[] {
  const blocks = new Map([...schema.models, ...schema.views].map((block) => [block.name, block]));
  return schema.views.flatMap((view) =>
    view.fields
      .filter((field) => blocks.has(field.type.name))
      .filter((field) => !blocks.get(field.type.name)!.fields.some((other) => other !== field && other.type.name === view.name))
      .map((field) => ({ rule: 'view-relation-without-opposite' as const, loc: field.loc })),
  );
}
