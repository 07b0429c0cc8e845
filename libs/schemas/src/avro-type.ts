import avro, { type Type } from 'avsc';
import type { AvroSchema } from './avro-schema';
import { logicalTypes } from './logical-types';

/**
 * An avsc Type for a catalog schema, with the catalog's logical types, so decoded values match
 * the generated TypeScript types (timestamps as `Date`, `["null", T]` as `T | null`).
 */
export function createAvroType(schema: AvroSchema): Type {
  // avsc's schema typings are mutable; it does not modify the schema it is given.
  return avro.Type.forSchema(schema as Parameters<typeof avro.Type.forSchema>[0], { logicalTypes });
}
