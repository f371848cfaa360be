/**
 * The order Prisma's engine gives names: by their UTF-8 bytes (Rust's string order). Both sides of the
 * comparison sort by it, so that what they list lines up whatever characters the names hold.
 */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function byName(a: { name: string }, b: { name: string }): number {
  return compareBytes(a.name, b.name);
}

export function bySchemaAndName(a: { schema: string; name: string }, b: { schema: string; name: string }): number {
  return compareBytes(a.schema, b.schema) || compareBytes(a.name, b.name);
}
