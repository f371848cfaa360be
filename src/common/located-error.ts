/** An error about a place in a file the user edits: the message starts with `file:line:column`, as compilers print it. */
export class LocatedError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number | null,
    problem: string,
  ) {
    super(`${file}:${line}${column === null ? '' : `:${column}`}: ${problem}`);
  }
}
