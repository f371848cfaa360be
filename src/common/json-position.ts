import { lineColumnAt } from './text-position.js';

/**
 * JSON parsing that can say where things are, for files people edit by hand. JSON.parse reports a
 * position for some syntax errors and not for others, and never for a value that has the wrong shape, so
 * a small scanner checks the syntax and records where each value starts; JSON.parse then builds the value.
 */

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`line ${line}, column ${column}: ${problem}`);
  }
}

export type JsonPath = readonly (string | number)[];

export interface LocatedJson {
  value: unknown;
  /** The 1-based line where the value at `path` starts, or where its nearest existing parent starts. */
  lineOf(path: JsonPath): number;
}

/** Parses `text`, throwing JsonSyntaxError with the line and column of the first syntax error. */
export function parseLocatedJson(text: string): LocatedJson {
  const scanner = new Scanner(text);
  scanner.document();
  const starts = scanner.starts;
  return {
    value: JSON.parse(text),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const start = starts.get(pathKey(path.slice(0, depth)));
        if (start !== undefined) return lineColumnAt(text, start).line;
      }
      return 1;
    },
  };
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

const WHITESPACE = /[ \t\n\r]*/y;
const SCALAR = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

class ScanError {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

class Scanner {
  private pos = 0;
  readonly starts = new Map<string, number>();

  constructor(private readonly text: string) {}

  document(): void {
    try {
      this.skipWhitespace();
      this.value([]);
      this.skipWhitespace();
      if (this.pos < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON value`);
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      const { line, column } = lineColumnAt(this.text, error.offset);
      throw new JsonSyntaxError(line, column, error.problem);
    }
  }

  private value(path: JsonPath): void {
    this.starts.set(pathKey(path), this.pos);
    const char = this.text[this.pos];
    if (char === '{') return this.object(path);
    if (char === '[') return this.array(path);
    if (char === '"') return void this.string();
    if (this.match(SCALAR)) return;
    this.fail(`expected a value, found ${this.found()}`);
  }

  private object(path: JsonPath): void {
    this.members('}', 'property value', () => {
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after the property name, found ${this.found()}`);
      this.pos++;
      this.skipWhitespace();
      this.value([...path, key]);
    });
  }

  private array(path: JsonPath): void {
    this.members(']', 'array element', (index) => this.value([...path, index]));
  }

  /** The members of an object or array, from its opening bracket to `close`, each read by `member`. */
  private members(close: '}' | ']', what: string, member: (index: number) => void): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === close) return void this.pos++;
    for (let index = 0; ; index++) {
      member(index);
      this.skipWhitespace();
      if (this.text[this.pos] === close) return void this.pos++;
      if (this.text[this.pos] !== ',') this.fail(`expected ',' or '${close}' after the ${what}, found ${this.found()}`);
      const comma = this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === close) this.fail(`a comma before '${close}': JSON allows no trailing comma`, comma);
    }
  }

  /** Scans a string literal and returns its value. */
  private string(): string {
    const start = this.pos++;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('a string is never closed', start);
      if (char === '"') break;
      if (char === '\\') {
        if (!this.match(ESCAPE)) this.fail('an invalid escape sequence in a string');
      } else if (char < ' ') {
        this.fail(char === '\n' ? 'a string is not closed before the end of the line' : 'a control character inside a string');
      } else {
        this.pos++;
      }
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found) this.pos += found[0].length;
    return found !== null;
  }

  private skipWhitespace(): void {
    this.match(WHITESPACE);
  }

  private found(): string {
    const char = this.text[this.pos];
    return char === undefined ? 'the end of the file' : JSON.stringify(char);
  }

  private fail(problem: string, offset = this.pos): never {
    throw new ScanError(offset, problem);
  }
}
