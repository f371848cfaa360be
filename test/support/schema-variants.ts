import fc from 'fast-check';

/**
 * The same schema written the ways real files vary, without changing what it means: line ends, indentation,
 * comments of every kind where Prisma allows them, blank lines, the argument forms attributes accept,
 * escapes in strings, another datasource name. Some forms are refused by some Prisma releases (block comments
 * before 6.1, a BOM and line breaks inside arguments by all): those releases must refuse the variant and our
 * parser must warn at the same place.
 */
export interface SchemaFile {
  path: string;
  content: string;
}

interface Form {
  name: string;
  /** Rewrites one file; `first` is whether it is the first file of the schema, `datasource` the schema's datasource name. */
  apply: (content: string, first: boolean, datasource: string) => string;
}

/** A line that is a field: a name, a type and anything after it, inside a model, view or enum. */
const FIELD_LINE = /^([ \t]+)([A-Za-z_][\w-]*)([ \t]+)([A-Za-z_][\w]*(?:\[\])?\??)(.*)$/;

const lines = (content: string, rewrite: (line: string, index: number, all: string[]) => string | string[]) =>
  content
    .split('\n')
    .flatMap((line, index, all) => rewrite(line, index, all))
    .join('\n');

const FORMS: Form[] = [
  { name: 'tabs for indentation', apply: (content) => content.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)) },
  {
    name: 'blank lines inside blocks',
    apply: (content) =>
      lines(content, (line) => (/^(model|view|enum|datasource|generator)\b.*\{\s*$/.test(line) ? [line, '', '  '] : line)),
  },
  {
    name: 'line comments after fields',
    apply: (content) => lines(content, (line) => (FIELD_LINE.test(line) && !line.includes('//') ? `${line} // note: "quoted" ✓` : line)),
  },
  {
    name: 'documentation comments',
    apply: (content) =>
      lines(content, (line) => {
        if (/^(model|view|enum)\s/.test(line)) return ['/// Documentation with ünïcode and "quotes".', line];
        const field = FIELD_LINE.exec(line);
        return field && !line.includes('//') ? [`${field[1]}/// The ${field[2]} field.`, line] : line;
      }),
  },
  {
    name: 'block comments between declarations',
    apply: (content) =>
      lines(content, (line) =>
        /^(model|view|enum)\s/.test(line) ? ['/* A comment', '   over two lines. */', '/**', ' * Documentation.', ' */', line] : line,
      ),
  },
  {
    name: 'block comments in blocks and after fields',
    apply: (content) =>
      lines(content, (line) => {
        const field = FIELD_LINE.exec(line);
        if (!field || line.includes('//')) return line;
        return [`${field[1]}/* before ${field[2]} */`, `${line} /* after */`];
      }),
  },
  {
    name: 'another datasource name',
    apply: (content, _first, datasource) =>
      content.replace(/^(\s*datasource\s+)\w+/m, '$1store').replace(new RegExp(`@${datasource}\\.`, 'g'), '@store.'),
  },
  {
    name: 'named arguments',
    apply: (content) =>
      content
        .replace(/@@(id|unique|index)\(\[/g, '@@$1(fields: [')
        .replace(/@(@?)map\("/g, '@$1map(name: "')
        .replace(/@relation\("([^"]*)"/g, '@relation(name: "$1"'),
  },
  {
    name: 'escapes in strings',
    apply: (content) =>
      content.replace(
        /@(@?)map\(("|name: ")([a-z])/g,
        (_match, at: string, open: string, letter: string) => `@${at}map(${open}\\u00${letter.charCodeAt(0).toString(16)}`,
      ),
  },
  {
    name: 'a list over several lines',
    apply: (content) => {
      let done = false;
      return content.replace(/@@index\(\[([^\]\n]+), ([^\]\n]+)\]/, (match, a: string, b: string) => {
        if (done) return match;
        done = true;
        return `@@index([\n    ${a},\n    ${b}\n  ]`;
      });
    },
  },
  // Last, so that the forms above see plain lines.
  { name: 'CRLF line ends', apply: (content) => content.replace(/\r?\n/g, '\r\n') },
  { name: 'a byte order mark', apply: (content, first) => (first ? `\uFEFF${content}` : content) },
];

/** `count` variants of a schema, each in several of the forms, chosen by `seed`. */
export function schemaVariants(files: SchemaFile[], count: number, seed: number): { forms: string[]; files: SchemaFile[] }[] {
  const datasource = files.map((file) => /^\s*datasource\s+(\w+)/m.exec(file.content)?.[1]).find(Boolean) ?? 'db';
  return fc.sample(fc.subarray(FORMS, { minLength: 2, maxLength: 6 }), { seed, numRuns: count }).map((forms) => ({
    forms: forms.map((form) => form.name),
    files: files.map((file, index) => ({
      path: file.path,
      content: forms.reduce((content, form) => form.apply(content, index === 0, datasource), file.content),
    })),
  }));
}
