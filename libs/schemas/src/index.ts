// Public API of the event catalog. Contract only: no Kafka, database or Nest code here.
export type { AvroArraySchema, AvroAnnotatedPrimitive, AvroEnumSchema, AvroField, AvroMapSchema, AvroPrimitiveName, AvroRecordSchema, AvroSchema } from './avro-schema';
export { createAvroType } from './avro-type';
export { catalog, eventsOnTopic, findEvent, subjectFor, topics, type CatalogEvent } from './catalog';
export * from './generated/event-payloads.generated';
export { logicalTypes, TimestampMillisType } from './logical-types';
export {
  findIncompatibilities,
  IncompatibleSchemaError,
  registerSchema,
  registerSchemas,
  SchemaRegistryRequestError,
  setSubjectCompatibility,
  SUBJECT_COMPATIBILITY,
  type RegisteredSchema,
  type RegistrationFailure,
  type SchemaToRegister,
} from './registration';
