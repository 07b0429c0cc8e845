import { topics as catalogTopics } from '@backbone/schemas';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import knex, { type Knex } from 'knex';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { AvroCodec } from '../codec/avro-codec';
import { catalogOf, type EventCatalog } from '../codec/event-catalog';
import { newEventId } from '../envelope/event-id';
import { createKafka } from '../kafka/kafka-config';
import { ensureTopics } from '../kafka/topics';
import { createEventTables } from '../migrations/event-tables';

/** The real stack the tests run on: the local one (infra/stack.sh) unless the environment names another. */
export const testStack = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:59092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:58081',
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://backbone:backbone@127.0.0.1:55432/backbone_test',
};

export function uniqueName(prefix: string): string {
  return `${prefix}-${newEventId().slice(-12)}`;
}

export function testKafka(clientId = 'events-test'): Kafka {
  return createKafka({ brokers: testStack.brokers, clientId });
}

export function testRegistry(): SchemaRegistry {
  return new SchemaRegistry({ host: testStack.registryUrl });
}

export interface TestDatabase {
  url: string;
  db: Knex;
  drop(): Promise<void>;
}

/**
 * A fresh database, dropped afterwards; with the outbox and inbox tables unless the test runs a
 * service's own migrations (which create them).
 */
export async function createTestDatabase(options: { eventTables?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName('t').replace(/-/g, '_');
  const admin = knex({ client: 'pg', connection: testStack.databaseUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(testStack.databaseUrl);
  url.pathname = `/${name}`;
  const db = knex({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 10 } });
  if (options.eventTables ?? true) await createEventTables(db);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}

export const PING_TYPE = 'backbone.test.Ping';

/** A small event for transport tests, on a topic of the test's own. */
export function pingCatalog(topic: string, extraFields: object[] = []): EventCatalog {
  return catalogOf([
    {
      topic,
      name: PING_TYPE,
      schema: {
        type: 'record',
        name: 'Ping',
        namespace: 'backbone.test',
        doc: 'A test event.',
        fields: [
          { name: 'id', type: 'string', doc: 'Aggregate id.' },
          { name: 'seq', type: 'int', doc: 'Sequence within the aggregate.' },
          { name: 'note', type: ['null', 'string'], default: null, doc: 'Free text.' },
          ...extraFields,
        ],
      },
    },
  ]);
}

export function pingCodec(topic: string): AvroCodec {
  return new AvroCodec(testRegistry(), pingCatalog(topic));
}

export async function createTestTopic(kafka: Kafka, prefix = 'test.ping', partitions = 3): Promise<string> {
  const topic = `${uniqueName(prefix)}.v1`;
  await ensureTopics(kafka, [{ topic, partitions }]);
  return topic;
}

/** Every catalog topic (and its dead-letter topic), as a service started in a test expects to find them. */
export async function ensureCatalogTopics(kafka: Kafka = testKafka()): Promise<void> {
  await ensureTopics(kafka, catalogTopics.map((topic) => ({ topic, partitions: 6 })));
}

/** Reads `count` records from the start of `topic` with a throwaway consumer group. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 20_000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${count} records from ${topic} in ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push(message);
            if (messages.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** Polls `probe` until it returns true. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
