// JSON shapes of the Avro schemas in the catalog: the subset of the Avro 1.11 specification that
// scripts/generate.mjs accepts. Read-only because catalog schemas are shared by every caller.

export type AvroPrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** A primitive, a named type, a reference to one by full name, or a union. */
export type AvroSchema =
  | string
  | readonly AvroSchema[]
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroAnnotatedPrimitive;

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  readonly fields: readonly AvroField[];
}

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
  readonly aliases?: readonly string[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly aliases?: readonly string[];
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

/** A primitive written as an object, e.g. `{"type": "long", "logicalType": "timestamp-millis"}`. */
export interface AvroAnnotatedPrimitive {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
}
