// avsc decodes `{"type":"long","logicalType":"timestamp-millis"}` as a plain number unless a
// logical type is registered. Everything that builds an avsc Type from catalog schemas (the
// codec, the type generator, tests) uses this one map, so decoded values match the generated
// TypeScript types (`Date`).
//
// This file is loaded by plain Node scripts through type stripping: keep it erasable TypeScript
// (no enums, no parameter properties) and free of relative imports.
import avro, { type Type } from 'avsc';

/** UTC instant in epoch milliseconds on the wire; a `Date` in JavaScript. */
export class TimestampMillisType extends avro.types.LogicalType {
  protected override _fromValue(millis: number): Date {
    return new Date(millis);
  }

  protected override _toValue(value: unknown): number | undefined {
    // `undefined` tells avsc the value is invalid; it then reports the field path.
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
    return undefined;
  }

  protected override _resolve(writer: Type): ((millis: number) => Date) | undefined {
    // Readers accept data written as timestamp-millis, or as a plain long holding epoch millis.
    const writerName = writer.typeName;
    if (writerName === 'logical:timestamp-millis' || writerName === 'long') return (millis) => new Date(millis);
    return undefined;
  }
}

/** Pass as `logicalTypes` to `Type.forSchema` (and to the schema registry client's Avro options). */
export const logicalTypes = {
  'timestamp-millis': TimestampMillisType,
};

/** The TypeScript type each registered logical type decodes to; read by scripts/generate.mjs. */
export const logicalTypeTsTypes: Record<keyof typeof logicalTypes, string> = {
  'timestamp-millis': 'Date',
};
