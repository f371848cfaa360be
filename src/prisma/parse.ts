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
import { describe, tokenize, type Token } from './lexer.js';

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
