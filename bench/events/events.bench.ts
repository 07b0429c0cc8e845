/*
 * bench/events: throughput and latency of three publish → consume paths on the same broker, in one run.
 *   (a) libs/events direct: Avro via the registry, standard headers, Nest transport, inbox claim per batch
 *   (b) libs/events outbox: transactional outbox rows → relay → same consumer as (a)
 *   (c) baseline: raw kafkajs, JSON values, no headers, no database
 *   (d) reference: (c) plus the standard headers every libs/events record carries
 * Throughput: a burst of BENCH_EVENTS events, first send to last handled.
 * Latency: a paced phase of BENCH_PACED_EVENTS at BENCH_PACED_RATE events/s, occurred-at to handler.
 * Run: npm run bench:events (the local stack must be running: npm run stack start).
 */
import { AvroCodec, catalogOf, createSchemaRegistry, EventHeader, EventPublisher, EventProducer, KafkaEventServer, Outbox, OutboxRelay, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, createTestTopic, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { findEvent, logicalTypes, subjectFor } from '@backbone/schemas';
import type { Kafka } from 'kafkajs';
import { printTable, type PathResult } from '../support';
import { BURST, EVENT_TYPE, measure, PACED, RATE, rawKafkajsPath, stockChanged, type Path } from './paths';

/** A KafkaEventServer whose handler only measures (its inbox claim is the database work). */
async function eventsConsumer(database: TestDatabase, codec: AvroCodec, latencies: number[], counter: { handled: number }): Promise<KafkaEventServer> {
  const server = new KafkaEventServer({ kafka: { brokers: testStack.brokers, clientId: 'bench' }, groupId: uniqueName('bench-events'), db: database.db, codec });
  server.addHandler(
    EVENT_TYPE,
    async (_payload: unknown, ctx: { headers: Record<string, string> }) => {
      latencies.push(Date.now() - Date.parse(ctx.headers[EventHeader.occurredAt]));
      counter.handled++;
    },
    true,
  );
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
  await server.whenJoined();
  return server;
}

function benchCodec(topic: string): AvroCodec {
  const entry = findEvent(EVENT_TYPE);
  return new AvroCodec(createSchemaRegistry({ url: testStack.registryUrl }), catalogOf([{ topic, name: entry.name, schema: entry.schema }]), {
    subjectFor,
    avro: { logicalTypes },
  });
}

const event = (i: number): OutgoingEvent => {
  const payload = stockChanged(i);
  return { type: EVENT_TYPE, key: `${payload.sku}@${payload.locationId}`, payload };
};

async function directPath(kafka: Kafka, database: TestDatabase): Promise<Path> {
  const topic = await createTestTopic(kafka, 'bench.direct');
  const codec = benchCodec(topic);
  const latencies: number[] = [];
  const counter = { handled: 0 };
  const server = await eventsConsumer(database, codec, latencies, counter);
  const producer = new EventProducer(kafka);
  const publisher = new EventPublisher(codec, producer, 'bench');
  return {
    name: '(a) libs/events direct (Avro, inbox)',
    send: async (from, count) => void (await publisher.publish(Array.from({ length: count }, (_, k) => event(from + k)))),
    handled: () => counter.handled,
    latencies,
    stop: async () => {
      await server.close();
      await producer.disconnect();
    },
  };
}

async function outboxPath(kafka: Kafka, database: TestDatabase): Promise<Path> {
  const topic = await createTestTopic(kafka, 'bench.outbox');
  const codec = benchCodec(topic);
  const latencies: number[] = [];
  const counter = { handled: 0 };
  const server = await eventsConsumer(database, codec, latencies, counter);
  const producer = new EventProducer(kafka);
  const relay = new OutboxRelay(producer, { connectionString: database.url });
  relay.start();
  const outbox = new Outbox(codec, 'bench');
  // A service writes events in many small transactions (one per request): 100 events each, 4 at a time.
  const TRANSACTION = 100;
  return {
    name: '(b) libs/events outbox + relay (Avro, inbox)',
    send: async (from, count) => {
      const writes: Promise<unknown>[] = [];
      for (let offset = 0; offset < count; offset += TRANSACTION) {
        const size = Math.min(TRANSACTION, count - offset);
        writes.push(database.db.transaction((trx) => outbox.append(trx, Array.from({ length: size }, (_, k) => event(from + offset + k)))));
        if (writes.length === 4) await Promise.all(writes.splice(0));
      }
      await Promise.all(writes);
    },
    handled: () => counter.handled,
    latencies,
    stop: async () => {
      await server.close();
      await relay.stop();
      await producer.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const kafka = testKafka('bench');
  const results: PathResult[] = [];
  console.log(`bench/events: burst ${BURST} events, then ${PACED} paced at ${RATE}/s, per path`);
  results.push(...(await measure(await rawKafkajsPath(kafka))));
  results.push(...(await measure(await rawKafkajsPath(kafka, true))));
  for (const makePath of [directPath, outboxPath]) {
    const database = await createTestDatabase();
    try {
      results.push(...(await measure(await makePath(kafka, database))));
    } finally {
      await database.drop();
    }
  }
  printTable(results);
  const baseline = results[0].eventsPerSecond;
  console.log('');
  console.log(`ratio d/c (throughput): ${(results[2].eventsPerSecond / baseline).toFixed(2)}  (the same JSON with the standard headers)`);
  console.log(`ratio a/c (throughput): ${(results[4].eventsPerSecond / baseline).toFixed(2)}`);
  console.log(`ratio b/c (throughput): ${(results[6].eventsPerSecond / baseline).toFixed(2)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
