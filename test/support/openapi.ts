import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * GitHub's published OpenAPI 3.0 description of api.github.com (from @octokit/openapi), and a validator for
 * the part of JSON Schema it uses. The fake GitHub API checks every request against it, so a test passes only
 * when the action speaks to GitHub the way GitHub documents.
 */

export type Schema = { [keyword: string]: unknown };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface Description {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let loaded: { description: Description; operations: Operation[] } | undefined;

function load(): { description: Description; operations: Operation[] } {
  if (loaded) return loaded;
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const description = JSON.parse(readFileSync(file, 'utf8')) as Description;
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(description.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const parameters = [...shared, ...((op.parameters as unknown[] | undefined) ?? [])].map((p) => deref(description, p) as Parameter);
      operations.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        template,
        parameters,
        requestBody: op.requestBody ? (deref(description, op.requestBody) as Operation['requestBody']) : undefined,
        responses: Object.fromEntries(
          Object.entries(op.responses as Record<string, unknown>).map(([status, r]) => [
            status,
            deref(description, r) as Operation['responses'][string],
          ]),
        ),
      });
    }
  }
  // More literal segments first, so `/issues/comments/{comment_id}` wins over a template with a variable there.
  operations.sort((a, b) => literalSegments(b.template) - literalSegments(a.template));
  loaded = { description, operations };
  return loaded;
}

function literalSegments(template: string): number {
  return template.split('/').filter((s) => s && !s.startsWith('{')).length;
}

function deref(description: Description, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), description);
    if (current === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return current;
}

export interface MatchedOperation {
  operation: Operation;
  /** Raw (still percent-encoded) path parameter values. */
  pathParams: Record<string, string>;
}

export function matchOperation(method: string, pathname: string): MatchedOperation | null {
  const segments = pathname.split('/');
  for (const operation of load().operations) {
    if (operation.method !== method) continue;
    const templateSegments = operation.template.split('/');
    if (templateSegments.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    const matches = templateSegments.every((t, i) => {
      const actual = segments[i] as string;
      const variable = /^\{(.+)\}$/.exec(t);
      if (!variable) return t === actual;
      pathParams[variable[1] as string] = actual;
      return actual.length > 0;
    });
    if (matches) return { operation, pathParams };
  }
  return null;
}

export function findOperation(operationId: string): Operation {
  const operation = load().operations.find((op) => op.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in GitHub's description`);
  return operation;
}

/** Parameters arrive as text; turn one into the JSON value its schema describes, or say why it cannot be. */
export function coerceParameter(schema: Schema, raw: string): { value: unknown } | { error: string } {
  const resolved = resolveSchema(schema);
  switch (resolved.type) {
    case 'integer':
      return /^-?\d+$/.test(raw) ? { value: Number(raw) } : { error: `expected an integer, got ${JSON.stringify(raw)}` };
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw))
        ? { value: Number(raw) }
        : { error: `expected a number, got ${JSON.stringify(raw)}` };
    case 'boolean':
      return raw === 'true' || raw === 'false'
        ? { value: raw === 'true' }
        : { error: `expected true or false, got ${JSON.stringify(raw)}` };
    case 'array':
      return { value: raw.split(',') };
    default:
      return { value: raw };
  }
}

function resolveSchema(schema: Schema): Schema {
  return deref(load().description, schema) as Schema;
}

/** Problems with `value` against `schema`, each prefixed with where it is; empty when it conforms. */
export function validateSchema(schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolveSchema(schema);
  if (value === null && s.nullable === true) return [];
  const problems: string[] = [];

  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) problems.push(...validateSchema(sub, value, at));
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((sub) => validateSchema(sub, value, at).length === 0)) {
    problems.push(`${at}: matches none of anyOf`);
  }
  if (Array.isArray(s.oneOf)) {
    const matching = (s.oneOf as Schema[]).filter((sub) => validateSchema(sub, value, at).length === 0).length;
    if (matching !== 1) problems.push(`${at}: matches ${matching} of oneOf, expected exactly 1`);
  }
  if (Array.isArray(s.enum) && !s.enum.some((allowed) => allowed === value)) {
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  }

  const type = s.type as string | undefined;
  if (type && !hasType(type, value)) {
    problems.push(`${at}: expected ${type}${s.nullable ? ' or null' : ''}, got ${describe(value)}`);
    return problems;
  }

  if (typeof value === 'string') problems.push(...stringProblems(s, value, at));
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) problems.push(`${at}: below minimum ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) problems.push(`${at}: above maximum ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) problems.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) problems.push(`${at}: more than ${s.maxItems} items`);
    if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      problems.push(`${at}: items are not unique`);
    }
    if (isObject(s.items)) value.forEach((item, i) => problems.push(...validateSchema(s.items as Schema, item, `${at}[${i}]`)));
  }
  if (isObject(value) && !Array.isArray(value)) problems.push(...objectProblems(s, value, at));
  return problems;
}

function stringProblems(s: Schema, value: string, at: string): string[] {
  const problems: string[] = [];
  if (typeof s.minLength === 'number' && [...value].length < s.minLength) problems.push(`${at}: shorter than ${s.minLength}`);
  if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) problems.push(`${at}: longer than ${s.maxLength}`);
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) problems.push(`${at}: does not match ${s.pattern}`);
  if (s.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    problems.push(`${at}: not an RFC 3339 date-time`);
  }
  if (s.format === 'uri' && !URL.canParse(value)) problems.push(`${at}: not an absolute URI`);
  return problems;
}

function objectProblems(s: Schema, value: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  for (const name of (s.required as string[] | undefined) ?? []) {
    if (!(name in value)) problems.push(`${at}: missing required property ${name}`);
  }
  if (typeof s.maxProperties === 'number' && Object.keys(value).length > s.maxProperties) {
    problems.push(`${at}: more than ${s.maxProperties} properties`);
  }
  for (const [name, item] of Object.entries(value)) {
    const described = properties[name];
    if (described) problems.push(...validateSchema(described, item, `${at}.${name}`));
    else if (s.additionalProperties === false) problems.push(`${at}: unexpected property ${name}`);
    else if (isObject(s.additionalProperties)) {
      problems.push(...validateSchema(s.additionalProperties as Schema, item, `${at}.${name}`));
    }
  }
  return problems;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value) && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      throw new Error(`schema type ${type} is not supported by this validator`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null;
}
