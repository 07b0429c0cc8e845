import type { Kafka } from 'kafkajs';
import { EventProducer } from '../kafka/event-producer';
import { createTestDatabase, createTestTopic, eventually, PING_TYPE, pingCodec, readTopic, testKafka, type TestDatabase } from '../testing';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

describe('OutboxRelay with several replicas', () => {
  let kafka: Kafka;
  let database: TestDatabase;
  const producers: EventProducer[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await Promise.all(producers.map((producer) => producer.disconnect()));
    await database.drop();
  });

  function startRelay(): OutboxRelay {
    const producer = new EventProducer(kafka);
    producers.push(producer);
    const relay = new OutboxRelay(producer, { connectionString: database.url, pollIntervalMs: 50, standbyRetryMs: 100, batchSize: 50 });
    relays.push(relay);
    relay.start();
    return relay;
  }

  const outboxSize = async () => Number((await database.db('event_outbox').count({ n: '*' }))[0].n);

  it('lets exactly one replica publish, keeps per-key order, and fails over when it stops', async () => {
    const topic = await createTestTopic(kafka, 'test.relay', 2);
    const outbox = new Outbox(pingCodec(topic), 'relay-test');
    const append = (from: number, count: number) =>
      database.db.transaction((trx) =>
        outbox.append(trx, Array.from({ length: count }, (_, k) => ({ type: PING_TYPE, key: `agg-${(from + k) % 3}`, payload: { id: `agg-${(from + k) % 3}`, seq: from + k, note: null } }))),
      );

    // Given two replicas
    const first = startRelay();
    const second = startRelay();
    await eventually(async () => first.isLeader || second.isLeader, 10_000, 'a leader');
    expect(first.isLeader && second.isLeader).toBe(false);

    // When events are appended, then the leader stops and more are appended
    await append(0, 200);
    await eventually(async () => (await outboxSize()) === 0, 20_000, 'the first 200 published');
    const [leader, standby] = first.isLeader ? [first, second] : [second, first];
    await leader.stop();
    await append(200, 200);
    await eventually(async () => standby.isLeader, 10_000, 'the standby to take over');
    await eventually(async () => (await outboxSize()) === 0, 20_000, 'the next 200 published');

    // Then every event was published exactly once, in order per key
    const records = await readTopic(kafka, topic, 400);
    expect(records).toHaveLength(400);
    const codec = pingCodec(topic);
    const seqsByKey = new Map<string, number[]>();
    for (const record of records) {
      const { payload } = await codec.decode<{ seq: number }>(record.value);
      const key = record.key!.toString();
      seqsByKey.set(key, [...(seqsByKey.get(key) ?? []), payload.seq]);
    }
    for (const seqs of seqsByKey.values()) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set([...seqsByKey.values()].flat()).size).toBe(400);
  });
});
