/** The measurement harness shared by the benchmarks: the burst + paced protocol and the raw-kafkajs baseline. */
import { newEventId } from '@backbone/events';
import { createTestTopic, uniqueName } from '@backbone/events/testing';
import type { StockChanged } from '@backbone/schemas';
import type { Consumer, Kafka } from 'kafkajs';
import { sleep, summarize, until, type PathResult } from '../support';

export const BURST = Number(process.env.BENCH_EVENTS ?? 50_000);
export const PACED = Number(process.env.BENCH_PACED_EVENTS ?? 3_000);
export const RATE = Number(process.env.BENCH_PACED_RATE ?? 1_000);
export const CHUNK = 500;
export const EVENT_TYPE = 'backbone.inventory.StockChanged';

export function stockChanged(i: number): StockChanged {
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

export interface Path {
  name: string;
  /** Sends events [from, from + count) as fast as the path allows. */
  send(from: number, count: number): Promise<void>;
  handled: () => number;
  latencies: number[];
  stop(): Promise<void>;
}

/** Sends `count` events paced at RATE per second in 10 ms ticks. */
export async function paced(path: Path, from: number, count: number): Promise<void> {
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

export async function measure(path: Path): Promise<PathResult[]> {
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

export function waitForJoin(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
}

/** Header bytes cost kafkajs real time; this variant shows the ceiling for any path that carries them. */
export function standardHeaders(): Record<string, string> {
  const id = newEventId();
  return { 'event-id': id, 'event-type': EVENT_TYPE, 'correlation-id': id, 'causation-id': '', source: 'bench', 'occurred-at': new Date().toISOString() };
}

export async function rawKafkajsPath(kafka: Kafka, withHeaders = false): Promise<Path> {
  const topic = await createTestTopic(kafka, 'bench.raw');
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: uniqueName('bench-raw'), maxWaitTimeInMs: 100 });
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
