import { KafkaEventServer, Outbox } from '@backbone/events';
import { createTestDatabase, createTestTopic, eventually, PING_TYPE, pingCodec, readTopic, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { startScript, stopScript, type Started } from '../support/processes';

const EVENTS = 300;

describe('a service that crashes between its database commit and the publish', () => {
  let database: TestDatabase;
  let relay: Started | undefined;
  const kafka = testKafka();

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.schema.createTable('applied', (table) => {
      table.uuid('event_id');
      table.integer('seq');
    });
  });

  afterAll(async () => {
    await stopScript(relay);
    await database.drop();
  });

  it('loses nothing: the restarted relay publishes what was committed, and consumers apply it once', async () => {
    // Given committed outbox rows and no relay running (the process died right after the commit)
    const topic = await createTestTopic(kafka, 'test.relay', 1);
    const codec = pingCodec(topic);
    const outbox = new Outbox(codec, 'relay-crash-test');
    await database.db.transaction((trx) =>
      outbox.append(trx, Array.from({ length: EVENTS }, (_, seq) => ({ type: PING_TYPE, key: `agg-${seq % 7}`, payload: { id: 'x', seq, note: null } }))),
    );

    // When a relay starts, publishes its first batch of 100 and is killed before marking it sent
    relay = await startScript('outbox-relay.mjs', { DATABASE: database.url, BATCH_SIZE: '100', CRASH_AFTER_FIRST_SEND: '1' }, 'relaying');
    await relay.exited;
    expect(Number((await database.db('event_outbox').count({ n: '*' }))[0].n)).toBe(EVENTS);
    // …and a relay is started again
    relay = await startScript('outbox-relay.mjs', { DATABASE: database.url, BATCH_SIZE: '100' }, 'relaying');
    await eventually(async () => Number((await database.db('event_outbox').count({ n: '*' }))[0].n) === 0, 20_000, 'the outbox to drain');

    // Then the topic holds every event (the first batch twice), and a consumer applies each once
    const records = await readTopic(kafka, topic, EVENTS + 100);
    expect(records).toHaveLength(EVENTS + 100);
    const server = new KafkaEventServer({ kafka: { brokers: testStack.brokers, clientId: 'relay-crash' }, groupId: uniqueName('g'), db: database.db, codec });
    server.addHandler(PING_TYPE, async (ping: { seq: number }, ctx) => void (await ctx.trx('applied').insert({ event_id: ctx.eventId, seq: ping.seq })), true);
    await new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));
    try {
      await eventually(async () => Number((await database.db('applied').countDistinct({ n: 'seq' }))[0].n) === EVENTS, 20_000, 'all applied');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(Number((await database.db('applied').count({ n: '*' }))[0].n)).toBe(EVENTS);
    } finally {
      await server.close();
    }
  });
});
