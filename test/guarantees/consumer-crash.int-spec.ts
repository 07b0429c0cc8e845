import { Outbox, OutboxRelay, EventProducer } from '@backbone/events';
import { createTestDatabase, createTestTopic, eventually, PING_TYPE, pingCodec, testKafka, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { startScript, stopScript, type Started } from '../support/processes';

const EVENTS = 600;

describe('a consumer killed in the middle of a batch', () => {
  let database: TestDatabase;
  let consumer: Started | undefined;
  const producer = new EventProducer(testKafka());

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.schema.createTable('applied', (table) => {
      table.uuid('event_id');
      table.text('id');
      table.integer('seq');
    });
  });

  afterAll(async () => {
    await stopScript(consumer);
    await producer.disconnect();
    await database.drop();
  });

  it('applies every event exactly once after it restarts', async () => {
    // Given 600 events on a topic
    const topic = await createTestTopic(testKafka(), 'test.crash', 1);
    const outbox = new Outbox(pingCodec(topic), 'crash-test');
    await database.db.transaction((trx) =>
      outbox.append(trx, Array.from({ length: EVENTS }, (_, seq) => ({ type: PING_TYPE, key: 'agg', payload: { id: 'agg', seq, note: null } }))),
    );
    // Small relay batches become small Kafka record batches, so the consumer fetches several batches.
    const relay = new OutboxRelay(producer, { connectionString: database.url, batchSize: 50 });
    relay.start();
    await eventually(async () => Number((await database.db('event_outbox').count({ n: '*' }))[0].n) === 0, 20_000, 'the outbox to drain');
    await relay.stop();
    const env = { DATABASE: database.url, TOPIC: topic, GROUP: uniqueName('crash-group') };

    // When the consumer dies right after committing the batch that holds seq 250, before committing its offset
    consumer = await startScript('ping-consumer.mjs', { ...env, CRASH_AT_SEQ: '250' }, 'consuming');
    await consumer.exited;
    const appliedBeforeCrash = Number((await database.db('applied').count({ n: '*' }))[0].n);
    // …and a second run is killed at a random moment while its handlers are slow
    consumer = await startScript('ping-consumer.mjs', { ...env, HANDLER_DELAY_MS: '2' }, 'consuming');
    await eventually(async () => Number((await database.db('applied').count({ n: '*' }))[0].n) > appliedBeforeCrash, 20_000, 'progress').catch((error) => {
      throw new Error(`${error.message}; applied before crash ${appliedBeforeCrash}; consumer said:\n${consumer?.output()}`);
    });
    consumer.child.kill('SIGKILL');
    await consumer.exited;
    // …and it is restarted
    consumer = await startScript('ping-consumer.mjs', env, 'consuming');

    // Then every event is applied exactly once
    await eventually(async () => Number((await database.db('applied').countDistinct({ n: 'seq' }))[0].n) === EVENTS, 30_000, 'all events applied');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rows = await database.db('applied').select('seq').orderBy('seq');
    expect(appliedBeforeCrash).toBeGreaterThan(250);
    expect(appliedBeforeCrash).toBeLessThan(EVENTS);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: EVENTS }, (_, seq) => seq));
  });
});
