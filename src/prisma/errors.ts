import { LocatedError } from '../common/located-error.js';
import type { SourceLocation } from '../common/model.js';

/** An invalid schema.prisma: the message says what is wrong and what to do, the location says where. */
export class SchemaError extends LocatedError {
  readonly location: SourceLocation;

  constructor(location: SourceLocation, message: string) {
    super(location.file, location.line, location.column, message);
    this.name = 'SchemaError';
    this.location = location;
  }
}
