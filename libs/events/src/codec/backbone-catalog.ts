import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { catalog, logicalTypes, subjectFor } from '@backbone/schemas';
import { AvroCodec } from './avro-codec';
import { catalogOf, type EventCatalog } from './event-catalog';

/** The event catalog of libs/schemas, as the codec reads it. */
export const backboneCatalog: EventCatalog = catalogOf(catalog.map((event) => ({ topic: event.topic, name: event.name, schema: event.schema })));

export interface SchemaRegistryConnection {
  url: string;
  username?: string;
  password?: string;
}

export function createSchemaRegistry(connection: SchemaRegistryConnection): SchemaRegistry {
  const auth = connection.username ? { username: connection.username, password: connection.password ?? '' } : undefined;
  return new SchemaRegistry({ host: connection.url, auth }, { [SchemaType.AVRO]: { logicalTypes } });
}

/** A codec for the catalog's events: TopicRecordNameStrategy subjects, timestamps as Date. */
export function createBackboneCodec(connection: SchemaRegistryConnection): AvroCodec {
  return new AvroCodec(createSchemaRegistry(connection), backboneCatalog, { subjectFor, avro: { logicalTypes } });
}
