/** pg_attribute.atttypmod of variable-length types counts the 4-byte length header PostgreSQL stores. */
const VARHDRSZ = 4;

/** interval's typmod keeps this in its low 16 bits when no precision was given. */
const INTERVAL_FULL_PRECISION = 0xffff;

/**
 * The numbers a type modifier stands for (`varchar(191)` → [191], `numeric(65,30)` → [65, 30]), decoded the
 * way PostgreSQL's own typmodout functions do for built-in types. Types from other schemas (extension types
 * such as pgvector's `vector(1536)`) keep their modifier opaque, so their numbers are read from `formatted`,
 * the `format_type(type, typmod)` text their typmodout produced.
 */
export function typeArgs(name: string, builtin: boolean, typmod: number, formatted: string): number[] {
  if (typmod < 0) return [];
  if (!builtin) return trailingNumbers(formatted);
  switch (name) {
    case 'varchar':
    case 'bpchar':
      return [typmod - VARHDRSZ];
    case 'numeric': {
      const packed = typmod - VARHDRSZ;
      // Since PostgreSQL 15 the scale is an 11-bit signed number (numeric(5,-2)); older servers never set
      // the sign bit, so this reads their modifiers the same way.
      return [(packed >> 16) & 0xffff, ((packed & 0x7ff) ^ 1024) - 1024];
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'timetz':
    case 'bit':
    case 'varbit':
      return [typmod];
    case 'interval': {
      // The high bits hold the field range (DAY TO SECOND, ...), which Prisma cannot express.
      const precision = typmod & 0xffff;
      return precision === INTERVAL_FULL_PRECISION ? [] : [precision];
    }
    default:
      return trailingNumbers(formatted);
  }
}

function trailingNumbers(formatted: string): number[] {
  const match = /\((-?\d+(?:,\s*-?\d+)*)\)$/.exec(formatted);
  return match?.[1] ? match[1].split(',').map((part) => Number(part.trim())) : [];
}
