import type { SourceLocation } from '../common/model.js';
import type {
  Argument,
  Attribute,
  ConfigBlock,
  EnumBlock,
  EnumValue,
  Expression,
  Field,
  FieldType,
  ModelBlock,
  PrismaSchema,
  Property,
  SyntaxNote,
} from './ast.js';
import { SchemaError } from './errors.js';

export interface SchemaFile {
  path: string;
  content: string;
}

/** Parses one schema, which may be spread over several `.prisma` files, into blocks with their places. */
export function parseSchema(files: SchemaFile[]): PrismaSchema {
  const schema: PrismaSchema = { datasources: [], generators: [], models: [], views: [], types: [], enums: [], syntax: [] };
  for (const file of files) new Parser(file.path, tokenize(file.path, file.content, schema.syntax), schema).parseFile();
  rejectDuplicateNames(
    schema,
    files.map((file) => file.path),
  );
  return schema;
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  loc: SourceLocation;
}

const PUNCTUATION = ['@@', '@', '{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '.'];

/** Prisma's whitespace within a line: tabs and Unicode's space separators (the no-break space among them). */
const SPACE = /[\t\p{Zs}]/u;
const IDENTIFIER = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*/u;

function tokenize(file: string, source: string, notes: SyntaxNote[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourceLocation => ({ file, line, column: i - lineStart + 1 });
  const newline = (length: number) => {
    tokens.push({ kind: 'newline', text: '\n', loc: here() });
    i += length;
    line++;
    lineStart = i;
  };

  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n' || ch === '\r') {
      // Prisma takes CRLF, LF and a lone CR alike as a line end.
      newline(source.startsWith('\r\n', i) ? 2 : 1);
    } else if (SPACE.test(ch)) {
      i++;
    } else if (ch === '\uFEFF') {
      notes.push({ kind: 'byte-order-mark', loc: here() });
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (source.startsWith('/*', i)) {
      const loc = here();
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new SchemaError(loc, 'comment is not closed: add "*/" at its end');
      const previous = tokens.at(-1);
      const afterToken = previous !== undefined && previous.kind !== 'newline' && previous.loc.line === line && previous.text !== '{';
      for (; i < end + 2; i++) {
        if (source[i] === '\n' || (source[i] === '\r' && source[i + 1] !== '\n')) {
          line++;
          lineStart = i + 1;
        }
      }
      let next = i;
      while (next < source.length && SPACE.test(source[next]!)) next++;
      const beforeToken = next < source.length && !/[\r\n]/.test(source[next]!) && !source.startsWith('//', next);
      notes.push({ kind: afterToken && beforeToken ? 'comment-inside-line' : 'block-comment', loc });
    } else if (ch === '"') {
      const loc = here();
      tokens.push({ kind: 'string', text: readString(source, i, loc, (end) => (i = end)), loc });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const loc = here();
      // Prisma's grammar has no exponent notation: `1e10` is not a number there.
      const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i, i + 400))!;
      tokens.push({ kind: 'number', text: match[0], loc });
      i += match[0].length;
    } else if (IDENTIFIER.test(ch)) {
      const loc = here();
      const match = IDENTIFIER.exec(source.slice(i, i + 1000))!;
      if (/\P{ASCII}/u.test(match[0])) notes.push({ kind: 'unicode-identifier', loc });
      tokens.push({ kind: 'ident', text: match[0], loc });
      i += match[0].length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new SchemaError(here(), `unexpected character ${JSON.stringify(ch)}; remove it or put it inside a "string"`);
      tokens.push({ kind: 'punct', text: punct, loc: here() });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', loc: here() });
  return tokens;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', "'": "'", '0': '\0' };

function readString(source: string, start: number, loc: SourceLocation, setEnd: (end: number) => void): string {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"') {
      setEnd(i + 1);
      return value;
    }
    if (ch === '\n') break;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2, i + 6));
        if (!hex) throw new SchemaError(loc, 'invalid \\u escape in string: write four hex digits, as in "\\u00e9"');
        value += String.fromCharCode(parseInt(hex[0], 16));
        i += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new SchemaError(loc, `unknown escape \\${next} in string: write \\\\ for a backslash`);
      value += escaped;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new SchemaError(loc, 'string is not closed: add the closing " on the same line');
}

class Parser {
  private pos = 0;
  /** Newlines end fields and attributes, except inside brackets and parentheses. */
  private depth = 0;
  /** Where the field, attribute, value or setting being read starts: Prisma reports its forms there. */
  private statement: SourceLocation | null = null;

  constructor(
    private readonly file: string,
    private readonly tokens: Token[],
    private readonly schema: PrismaSchema,
  ) {}

  parseFile(): void {
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'eof') return;
      if (token.kind !== 'ident')
        throw new SchemaError(token.loc, `expected a block (model, enum, view, type, datasource, generator), found ${describe(token)}`);
      switch (token.text) {
        case 'model':
        case 'view':
        case 'type': {
          const block = this.parseModel(token.text);
          (token.text === 'model' ? this.schema.models : token.text === 'view' ? this.schema.views : this.schema.types).push(block);
          break;
        }
        case 'enum':
          this.schema.enums.push(this.parseEnum());
          break;
        case 'datasource':
        case 'generator': {
          const block = this.parseConfig(token.text);
          (token.text === 'datasource' ? this.schema.datasources : this.schema.generators).push(block);
          break;
        }
        default:
          throw new SchemaError(
            token.loc,
            `unknown block type "${token.text}": a schema contains only model, enum, view, type, datasource and generator blocks`,
          );
      }
    }
  }

  private parseModel(kind: ModelBlock['kind']): ModelBlock {
    const loc = this.next().loc;
    const name = this.expectIdent(`a name after "${kind}"`);
    this.expectPunct('{', `"{" to open ${kind} ${name}`);
    const block: ModelBlock = { kind, name, fields: [], attributes: [], loc };
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'punct' && token.text === '}') {
        this.next();
        return block;
      }
      if (token.kind === 'eof') throw new SchemaError(loc, `${kind} ${name} is not closed: add "}" at its end`);
      if (token.kind === 'punct' && token.text === '@@') {
        this.statement = token.loc;
        block.attributes.push(this.parseAttribute());
        this.expectEndOfLine();
        continue;
      }
      if (token.kind === 'punct' && token.text === '@')
        throw new SchemaError(token.loc, `a model attribute needs two @: write "@@" here, or move the attribute onto a field's line`);
      const field = this.parseField(name);
      if (block.fields.some((other) => other.name === field.name))
        throw new SchemaError(field.loc, `field "${field.name}" is declared twice in ${kind} ${name}: rename or remove one`);
      block.fields.push(field);
    }
  }

  private parseField(blockName: string): Field {
    const nameToken = this.next();
    this.statement = nameToken.loc;
    if (nameToken.kind !== 'ident')
      throw new SchemaError(nameToken.loc, `expected a field name in ${blockName}, found ${describe(nameToken)}`);
    const typeToken = this.peek();
    if (typeToken.kind !== 'ident')
      throw new SchemaError(
        typeToken.kind === 'newline' ? nameToken.loc : typeToken.loc,
        `field "${nameToken.text}" in ${blockName} has no type: write its type after the name, as in "${nameToken.text} String"`,
      );
    const type = this.parseFieldType();
    const attributes: Attribute[] = [];
    while (this.peek().kind === 'punct' && this.peek().text === '@') attributes.push(this.parseAttribute());
    if (this.peek().kind === 'punct' && this.peek().text === '@@')
      throw new SchemaError(this.peek().loc, 'a field attribute takes one @: write "@" here, or put the "@@" attribute on its own line');
    this.expectEndOfLine();
    return { name: nameToken.text, type, attributes, loc: nameToken.loc };
  }

  private parseFieldType(): FieldType {
    const token = this.next();
    const type: FieldType = { name: token.text, optional: false, list: false, loc: token.loc };
    if (token.text === 'Unsupported') {
      this.expectPunct('(', '"(" after Unsupported, as in Unsupported("circle")');
      const text = this.next();
      if (text.kind !== 'string')
        throw new SchemaError(text.loc, 'Unsupported takes the database type as a string, as in Unsupported("circle")');
      this.expectPunct(')', '")" to close Unsupported(...)');
      type.unsupported = text.text;
    }
    if (this.peekPunct('[')) {
      this.next();
      this.expectPunct(']', '"]" after "[" for a list type');
      type.list = true;
    }
    if (this.peekPunct('?')) {
      const question = this.next();
      if (type.list) throw new SchemaError(question.loc, 'a list cannot be optional: remove the "?" after "[]"');
      type.optional = true;
    }
    return type;
  }

  private parseEnum(): EnumBlock {
    const loc = this.next().loc;
    const name = this.expectIdent('a name after "enum"');
    this.expectPunct('{', `"{" to open enum ${name}`);
    const block: EnumBlock = { kind: 'enum', name, values: [], attributes: [], loc };
    for (;;) {
      this.skipNewlines();
      const token = this.next();
      if (token.kind === 'punct' && token.text === '}') return block;
      if (token.kind === 'eof') throw new SchemaError(loc, `enum ${name} is not closed: add "}" at its end`);
      this.statement = token.loc;
      if (token.kind === 'punct' && token.text === '@@') {
        this.pos--;
        block.attributes.push(this.parseAttribute());
        this.expectEndOfLine();
        continue;
      }
      if (token.kind !== 'ident') throw new SchemaError(token.loc, `expected a value of enum ${name}, found ${describe(token)}`);
      const value: EnumValue = { name: token.text, attributes: [], loc: token.loc };
      while (this.peekPunct('@')) value.attributes.push(this.parseAttribute());
      this.expectEndOfLine();
      if (block.values.some((other) => other.name === value.name))
        throw new SchemaError(value.loc, `value "${value.name}" is declared twice in enum ${name}: remove one`);
      block.values.push(value);
    }
  }

  private parseConfig(kind: ConfigBlock['kind']): ConfigBlock {
    const loc = this.next().loc;
    const name = this.expectIdent(`a name after "${kind}"`);
    this.expectPunct('{', `"{" to open ${kind} ${name}`);
    const block: ConfigBlock = { kind, name, properties: [], loc };
    for (;;) {
      this.skipNewlines();
      const token = this.next();
      if (token.kind === 'punct' && token.text === '}') return block;
      if (token.kind === 'eof') throw new SchemaError(loc, `${kind} ${name} is not closed: add "}" at its end`);
      this.statement = token.loc;
      if (token.kind !== 'ident')
        throw new SchemaError(token.loc, `expected a "key = value" line in ${kind} ${name}, found ${describe(token)}`);
      this.expectPunct('=', `"=" after "${token.text}" in ${kind} ${name}`);
      const property: Property = { name: token.text, value: this.parseExpression(), loc: token.loc };
      this.expectEndOfLine();
      if (block.properties.some((other) => other.name === property.name))
        throw new SchemaError(property.loc, `"${property.name}" is set twice in ${kind} ${name}: remove one`);
      block.properties.push(property);
    }
  }

  private parseAttribute(): Attribute {
    const loc = this.next().loc;
    let name = this.expectIdent('an attribute name after "@"');
    while (this.peekPunct('.')) {
      this.next();
      name += `.${this.expectIdent(`a name after "${name}."`)}`;
    }
    const args = this.peekPunct('(') ? this.parseArguments() : [];
    return { name, args, loc };
  }

  private parseArguments(): Argument[] {
    this.next();
    this.depth++;
    const args: Argument[] = [];
    for (;;) {
      this.skipLineBreaksInside();
      if (this.peekPunct(')')) break;
      const start = this.peek();
      let name: string | null = null;
      if (start.kind === 'ident' && this.peekAt(1).kind === 'punct' && this.peekAt(1).text === ':') {
        name = start.text;
        this.pos += 2;
      }
      args.push({ name, value: this.parseExpression(), loc: start.loc });
      this.skipLineBreaksInside();
      if (this.peekPunct(',')) this.takeComma(')');
      else if (!this.peekPunct(')'))
        throw new SchemaError(this.peek().loc, `expected "," or ")" in arguments, found ${describe(this.peek())}`);
    }
    this.next();
    this.depth--;
    return args;
  }

  private parseExpression(): Expression {
    this.skipLineBreaksInside();
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, loc: token.loc };
      case 'number':
        return { kind: 'number', value: token.text, loc: token.loc };
      case 'ident': {
        let name = token.text;
        while (this.peekPunct('.')) {
          this.next();
          name += `.${this.expectIdent(`a name after "${name}."`)}`;
        }
        if (this.peekPunct('(')) return { kind: 'function', name, args: this.parseArguments(), loc: token.loc };
        return { kind: 'constant', value: name, loc: token.loc };
      }
      case 'punct':
        if (token.text === '[') return this.parseArray(token.loc);
        if (token.text === '{') return this.parseObject(token.loc);
        break;
      default:
        break;
    }
    throw new SchemaError(
      token.loc,
      `expected a value (a "string", a number, a name, a function call or a [list]), found ${describe(token)}`,
    );
  }

  private parseArray(loc: SourceLocation): Expression {
    this.depth++;
    const items: Expression[] = [];
    for (;;) {
      this.skipLineBreaksInside();
      if (this.peekPunct(']')) break;
      items.push(this.parseExpression());
      this.skipLineBreaksInside();
      if (this.peekPunct(',')) this.takeComma(']');
      else if (!this.peekPunct(']')) throw new SchemaError(this.peek().loc, `expected "," or "]" in list, found ${describe(this.peek())}`);
    }
    this.next();
    this.depth--;
    return { kind: 'array', items, loc };
  }

  private parseObject(loc: SourceLocation): Expression {
    this.depth++;
    const entries: { key: string; value: Expression; loc: SourceLocation }[] = [];
    for (;;) {
      this.skipLineBreaksInside();
      if (this.peekPunct('}')) break;
      const keyLoc = this.peek().loc;
      const key = this.expectIdent('a field name in { ... }');
      this.expectPunct(':', `":" after "${key}"`);
      entries.push({ key, value: this.parseExpression(), loc: keyLoc });
      this.skipLineBreaksInside();
      if (this.peekPunct(',')) this.takeComma('}');
      else if (!this.peekPunct('}'))
        throw new SchemaError(this.peek().loc, `expected "," or "}" in { ... }, found ${describe(this.peek())}`);
    }
    this.next();
    this.depth--;
    return { kind: 'object', entries, loc };
  }

  private expectEndOfLine(): void {
    const token = this.peek();
    if (token.kind === 'newline' || token.kind === 'eof' || (token.kind === 'punct' && token.text === '}')) return;
    throw new SchemaError(token.loc, `unexpected ${describe(token)}: each field, value or attribute goes on its own line`);
  }

  private expectIdent(what: string): string {
    const token = this.next();
    if (token.kind !== 'ident') throw new SchemaError(token.loc, `expected ${what}, found ${describe(token)}`);
    return token.text;
  }

  private expectPunct(text: string, what: string): void {
    this.skipNewlinesInside();
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw new SchemaError(token.loc, `expected ${what}, found ${describe(token)}`);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.pos++;
  }

  private skipNewlinesInside(): void {
    if (this.depth > 0) this.skipLineBreaksInside();
  }

  /** Line breaks within a statement: read, and noted, as Prisma's parser takes a statement to end with its line. */
  private skipLineBreaksInside(): void {
    if (this.peek().kind !== 'newline') return;
    this.skipNewlines();
    this.note('line-break-in-arguments');
  }

  private takeComma(closing: string): void {
    this.next();
    this.skipLineBreaksInside();
    if (this.peekPunct(closing)) this.note('trailing-comma');
  }

  private note(kind: SyntaxNote['kind']): void {
    const loc = this.statement ?? this.peek().loc;
    if (!this.schema.syntax.some((note) => note.kind === kind && note.loc === loc)) this.schema.syntax.push({ kind, loc });
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the file';
  if (token.kind === 'newline') return 'the end of the line';
  if (token.kind === 'string') return `the string ${JSON.stringify(token.text)}`;
  return `"${token.text}"`;
}

function rejectDuplicateNames(schema: PrismaSchema, paths: string[]): void {
  const seen = new Map<string, { kind: string; loc: SourceLocation }>();
  // In the order they are written, so that the later of two blocks is the one reported.
  const written = (loc: SourceLocation) => paths.indexOf(loc.file) * 1e9 + loc.line;
  const blocks = [...schema.models, ...schema.views, ...schema.types, ...schema.enums].sort((a, b) => written(a.loc) - written(b.loc));
  for (const block of blocks) {
    const earlier = seen.get(block.name);
    if (earlier)
      throw new SchemaError(
        block.loc,
        `${block.kind} "${block.name}" has the same name as the ${earlier.kind} at ${earlier.loc.file}:${earlier.loc.line}: rename one of them`,
      );
    seen.set(block.name, { kind: block.kind, loc: block.loc });
  }
  const datasources = schema.datasources;
  if (datasources.length > 1)
    throw new SchemaError(datasources[1]!.loc, 'a schema has exactly one datasource: remove this one or merge it into the first');
}
