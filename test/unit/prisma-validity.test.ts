import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/prisma/parse.js';
import { refuses, schemaWarnings } from '../../src/prisma/validity.js';

const SCHEMA = `datasource db {
  provider = "postgresql"
}
/* Accounts. */
model Account {
  id   String @id @default(cuid(2))
  tags String[]
  @@index([
    tags
  ])
}
`;

describe('schemaWarnings', () => {
  it("warns, at the place, about what the project's release refuses and the check still reads", () => {
    const warnings = schemaWarnings(parseSchema([{ path: 'schema.prisma', content: SCHEMA }]), '5.10.2');
    expect(warnings.map((w) => `${w.loc.line}: ${w.message.split(' is refused')[0]}`)).toEqual([
      '4: a /* */ comment',
      '6: an argument to cuid()',
      '8: a line break inside an attribute’s arguments or a list',
    ]);
    expect(warnings[0]!.message).toContain('Prisma reads it from 6.1 on');
  });

  it('keeps quiet about what the release accepts', () => {
    const warnings = schemaWarnings(parseSchema([{ path: 'schema.prisma', content: SCHEMA }]), '7.4.0');
    expect(warnings.map((w) => w.loc.line)).toEqual([8]);
  });

  it('takes the latest rules when the version is unknown', () => {
    expect(refuses('block-comment', null)).toBe(false);
    expect(refuses('view-primary-key', null)).toBe(true);
    expect(refuses('view-primary-key', '6.10.1')).toBe(false);
  });
});
