import pg from 'pg';

/** An identifier as SQL text: in double quotes, embedded ones doubled (node-postgres's own quoting). */
export const quoteIdent: (name: string) => string = pg.escapeIdentifier;
