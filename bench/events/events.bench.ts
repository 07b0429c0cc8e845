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
import { AvroCodec, catalogOf, newEventId, createSchemaRegistry, EventHeader, EventPublisher, EventProducer, KafkaEventServer, Outbox, OutboxRelay, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, createTestTopic, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { findEvent, logicalTypes, subjectFor, type StockChanged } from '@backbone/schemas';
import type { Consumer, Kafka } from 'kafkajs';
import { printTable, sleep, summarize, until, type PathResult } from '../support';

const BURST = Number(process.env.BENCH_EVENTS ?? 50_000);
const PACED = Number(process.env.BENCH_PACED_EVENTS ?? 3_000);
const RATE = Number(process.env.BENCH_PACED_RATE ?? 1_000);
const CHUNK = 500;
const EVENT_TYPE = 'backbone.inventory.StockChanged';

function stockChanged(i: number): StockChanged {
  return {
    sku: `SKU-${i % 500}`,
    locationId: `WH-${i % 4}`,
    quantityType: 'ON_HAND',
    changeKind: 'DELTA',
    quantity: { value: String((i % 17) - 8), uom: 'Units' },
    cause: { eventId: null, sourceSystem: 'bench', reasonCode: 'ADJUSTMENT' },
    occurredAt: new Date(),
  };
}

interface Path {
  name: string;
  /** Sends events [from, from + count) as fast as the path allows. */
  send(from: number, count: number): Promise<void>;
  handled: () => number;
  latencies: number[];
  stop(): Promise<void>;
}

/** Sends `count` events paced at RATE per second in 10 ms ticks. */
async function paced(path: Path, from: number, count: number): Promise<void> {
  const perTick = Math.max(1, Math.round(RATE / 100));
  const start = Date.now();
  for (let sent = 0, tick = 0; sent < count; tick++) {
    const n = Math.min(perTick, count - sent);
    await path.send(from + sent, n);
    sent += n;
    const wait = start + (tick + 1) * 10 - Date.now();
    if (wait > 0) await sleep(wait);
  }
}

async function measure(path: Path): Promise<PathResult[]> {
  console.log(`${path.name}: measuring`);
  const startedAt = Date.now();
  for (let i = 0; i < BURST; i += CHUNK) await path.send(i, Math.min(CHUNK, BURST - i));
  console.log(`  sent ${BURST} in ${Date.now() - startedAt} ms; ${path.handled()} handled so far`);
  await until(() => path.handled() >= BURST, 300_000, `${path.name} burst`, () => `${path.handled()} handled`);
  const burst = summarize(`${path.name} (burst)`, BURST, startedAt, Date.now(), path.latencies.splice(0));
  const pacedStart = Date.now();
  await paced(path, BURST, PACED);
  await until(() => path.handled() >= BURST + PACED, 60_000, `${path.name} paced`, () => `${path.handled()} handled`);
  const steady = summarize(`${path.name} (paced ${RATE}/s)`, PACED, pacedStart, Date.now(), path.latencies.splice(0));
  await path.stop();
  return [burst, steady];
}

function waitForJoin(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
}

/** Header bytes cost kafkajs real time; this variant shows the ceiling for any path that carries them. */
function standardHeaders(): Record<string, string> {
  const id = newEventId();
  return { 'event-id': id, 'event-type': EVENT_TYPE, 'correlation-id': id, 'causation-id': '', source: 'bench', 'occurred-at': new Date().toISOString() };
}

async function rawKafkajsPath(kafka: Kafka, withHeaders = false): Promise<Path> {
  const topic = await createTestTopic(kafka, 'bench.raw');
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: uniqueName('bench-raw') });
  const latencies: number[] = [];
  let handled = 0;
  const joined = waitForJoin(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        const event = JSON.parse(message.value!.toString()) as { occurredAt: string };
        latencies.push(Date.now() - Date.parse(event.occurredAt));
        handled++;
      }
    },
  });
  await joined;
  return {
    name: withHeaders ? '(d) raw kafkajs + JSON + standard headers' : '(c) raw kafkajs + JSON (baseline)',
    send: async (from, count) => {
      const messages = Array.from({ length: count }, (_, k) => {
        const event = stockChanged(from + k);
        return { key: event.sku, value: JSON.stringify(event), headers: withHeaders ? standardHeaders() : undefined };
      });
      await producer.send({ topic, messages, acks: -1 });
    },
    handled: () => handled,
    latencies,
    stop: async () => {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

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
