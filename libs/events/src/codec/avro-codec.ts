import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Type, type ForSchemaOptions } from 'avsc';
import { EventValidationError, PoisonMessageError, RetriableError, UnknownEventTypeError } from '../errors';
import type { EventCatalog } from './event-catalog';

type Resolver = ReturnType<Type['createResolver']>;

/** Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary body. */
const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

export interface EncodedEvent {
  topic: string;
  value: Buffer;
}

export interface DecodedEvent<T = unknown> {
  schemaId: number;
  /** Full name of the writer's record type. */
  writerType: string;
  payload: T;
}

export interface AvroCodecOptions {
  /** Subject for a topic and record name; TopicRecordNameStrategy by default. */
  subjectFor?: (topic: string, recordName: string) => string;
  /** Compatibility a new subject gets, and that an existing subject must have (the project's policy). */
  compatibility?: COMPATIBILITY;
  /** avsc options for every parsed schema (logical types such as timestamp-millis → Date). */
  avro?: Partial<ForSchemaOptions>;
}

/**
 * Avro encoding through the schema registry, with every schema and resolver cached: the
 * registry is asked once per event type (encode) and once per schema id (decode) per process.
 * Decoding resolves the writer's schema to the reader's catalog schema when they differ, so a
 * consumer built on an older schema keeps reading newer records.
 */
export class AvroCodec {
  private readonly writerIds = new Map<string, Promise<number>>();
  private readonly localTypes = new Map<string, Type>();
  private readonly writerTypes = new Map<number, Promise<Type>>();
  private readonly readers = new Map<number, { type: Type; resolver?: Resolver }>();
  private readonly subjectFor: (topic: string, recordName: string) => string;

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly catalog: EventCatalog,
    private readonly options: AvroCodecOptions = {},
  ) {
    this.subjectFor = options.subjectFor ?? ((topic, recordName) => `${topic}-${recordName}`);
  }

  topicOf(eventType: string): string {
    return this.entry(eventType).topic;
  }

  /** Validates the payload against the local schema (naming every bad field), then encodes it. */
  async encode(eventType: string, payload: unknown): Promise<EncodedEvent> {
    const entry = this.entry(eventType);
    const type = this.localType(eventType);
    const invalidPaths: string[] = [];
    if (!type.isValid(payload, { errorHook: (path) => invalidPaths.push(path.join('.') || '(root)') })) {
      throw new EventValidationError(eventType, invalidPaths);
    }
    const schemaId = await this.writerId(eventType);
    const body = type.toBuffer(payload);
    const value = Buffer.allocUnsafe(HEADER_LENGTH + body.length);
    value.writeUInt8(MAGIC_BYTE, 0);
    value.writeInt32BE(schemaId, 1);
    body.copy(value, HEADER_LENGTH);
    return { topic: entry.topic, value };
  }

  async decode<T = unknown>(value: Buffer | null): Promise<DecodedEvent<T>> {
    if (!value || value.length < HEADER_LENGTH || value.readUInt8(0) !== MAGIC_BYTE) {
      throw new PoisonMessageError('EVENTS.NOT_AVRO', 'record value is not in the Confluent Avro wire format');
    }
    const schemaId = value.readInt32BE(1);
    const reader = await this.reader(schemaId);
    try {
      const payload = reader.type.fromBuffer(value.subarray(HEADER_LENGTH), reader.resolver) as T;
      return { schemaId, writerType: reader.type.name ?? '', payload };
    } catch (error) {
      throw new PoisonMessageError('EVENTS.UNDECODABLE', `record does not decode with schema ${schemaId}: ${(error as Error).message}`, { schemaId });
    }
  }

  private entry(eventType: string) {
    const entry = this.catalog.find(eventType);
    if (!entry) throw new UnknownEventTypeError(eventType);
    return entry;
  }

  private localType(eventType: string): Type {
    let type = this.localTypes.get(eventType);
    if (!type) {
      // A fresh registry per schema: avsc records named types in the options it is given, and the
      // catalog's schemas share named types (Quantity, Money…) that each schema defines inline.
      type = Type.forSchema(this.entry(eventType).schema as never, { ...this.options.avro, registry: {} });
      this.localTypes.set(eventType, type);
    }
    return type;
  }

  /** Registers the local schema (idempotent; the registry enforces compatibility) and caches its id. */
  private writerId(eventType: string): Promise<number> {
    let id = this.writerIds.get(eventType);
    if (!id) {
      const entry = this.entry(eventType);
      id = this.registry
        .register(
          { type: SchemaType.AVRO, schema: JSON.stringify(entry.schema) },
          { subject: this.subjectFor(entry.topic, entry.name), compatibility: this.options.compatibility ?? COMPATIBILITY.BACKWARD_TRANSITIVE },
        )
        .then((registered) => registered.id);
      id.catch(() => this.writerIds.delete(eventType));
      this.writerIds.set(eventType, id);
    }
    return id;
  }

  private async reader(schemaId: number): Promise<{ type: Type; resolver?: Resolver }> {
    const cached = this.readers.get(schemaId);
    if (cached) return cached;
    const writer = await this.writerType(schemaId);
    const readerEntry = writer.name ? this.catalog.find(writer.name) : undefined;
    let reader: { type: Type; resolver?: Resolver } = { type: writer };
    if (readerEntry) {
      const readerType = this.localType(readerEntry.name);
      if (!readerType.equals(writer)) reader = { type: readerType, resolver: readerType.createResolver(writer) };
    }
    this.readers.set(schemaId, reader);
    return reader;
  }

  private writerType(schemaId: number): Promise<Type> {
    let type = this.writerTypes.get(schemaId);
    if (!type) {
      // The registry client parses the writer schema with the avsc options it was created with
      // (createSchemaRegistry passes the catalog's logical types).
      type = this.registry.getSchema(schemaId).then(
        (schema) => schema as unknown as Type,
        (error: Error & { status?: number }) => {
          this.writerTypes.delete(schemaId);
          if (error.status === 404) {
            throw new PoisonMessageError('EVENTS.UNKNOWN_SCHEMA', `schema id ${schemaId} is not in the registry`, { schemaId });
          }
          throw new RetriableError(`schema registry unavailable while fetching schema ${schemaId}: ${error.message}`, { schemaId });
        },
      );
      this.writerTypes.set(schemaId, type);
    }
    return type;
  }
}
