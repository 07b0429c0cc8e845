import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka } from 'kafkajs';
import { AvroCodec } from '../codec/avro-codec';
import { DeadLetterHeader, EventHeader, headersToStrings } from '../envelope/headers';
import { newEventId } from '../envelope/event-id';
import { RetriableError } from '../errors';
import { EventProducer } from '../kafka/event-producer';
import { deadLetterTopicOf } from '../kafka/topics';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { replayDeadLetters } from '../dead-letters/replay';
import {
  createTestDatabase,
  createTestTopic,
  eventually,
  PING_TYPE,
  pingCodec,
  readTopic,
  testKafka,
  testStack,
  uniqueName,
  type TestDatabase,
} from '../testing';
import type { EventContext } from './event-context';
import { KafkaEventServer, RethrowEventErrors } from './kafka-event-server';
import { OnEvent } from './on-event.decorator';

interface Ping {
  id: string;
  seq: number;
  note: string | null;
}

/** Test behaviour switches, read by the handler. */
const behaviour = { brokenSeqs: new Set<number>(), transientFailuresLeft: 0, deadlocksLeft: 0 };

@Controller()
class PingHandler {
  @OnEvent(PING_TYPE)
  async onPing(@Payload() ping: Ping, @Ctx() ctx: EventContext): Promise<void> {
    if (behaviour.brokenSeqs.has(ping.seq)) throw new TypeError(`bug on seq ${ping.seq}`);
    if (ping.note === 'flaky' && behaviour.transientFailuresLeft-- > 0) throw new RetriableError('database busy');
    if (ping.note === 'deadlock' && behaviour.deadlocksLeft-- > 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await ctx.trx('applied').insert({ event_id: ctx.eventId, id: ping.id, seq: ping.seq, correlation_id: ctx.correlationId });
  }
}

describe('KafkaEventServer with the outbox relay, on the real stack', () => {
  let kafka: Kafka;
  let topic: string;
  let database: TestDatabase;
  let codec: AvroCodec;
  let outbox: Outbox;
  let relay: OutboxRelay;
  let relayProducer: EventProducer;
  let app: INestMicroservice;
  const groupId = uniqueName('ping-consumer');

  beforeAll(async () => {
    kafka = testKafka();
    topic = await createTestTopic(kafka);
    database = await createTestDatabase();
    await database.db.schema.createTable('applied', (table) => {
      table.uuid('event_id').primary();
      table.text('id');
      table.integer('seq');
      table.text('correlation_id');
    });
    codec = pingCodec(topic);
    outbox = new Outbox(codec, 'events-test');
    relayProducer = new EventProducer(kafka);
    relay = new OutboxRelay(relayProducer, { connectionString: database.url, pollIntervalMs: 100 });
    relay.start();
    const moduleRef = await Test.createTestingModule({ controllers: [PingHandler] }).compile();
    app = moduleRef.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka: { brokers: testStack.brokers, clientId: 'ping-consumer' },
        groupId,
        db: database.db,
        codec,
        retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 50 },
      }),
      logger: false,
    });
    app.useGlobalFilters(new RethrowEventErrors());
    await app.listen();
  });

  afterAll(async () => {
    await app?.close();
    await relay?.stop();
    await relayProducer?.disconnect();
    await database?.drop();
  });

  const appliedSeqs = async (id: string) => (await database.db('applied').where({ id }).orderBy('seq')).map((row) => row.seq as number);

  it('delivers outbox events through Kafka and Avro to the handler, in order, with their headers', async () => {
    const id = uniqueName('order');
    const eventIds = await database.db.transaction((trx) =>
      outbox.append(
        trx,
        Array.from({ length: 20 }, (_, seq) => ({ type: PING_TYPE, key: id, payload: { id, seq, note: null }, correlationId: 'corr-1' })),
      ),
    );

    await eventually(async () => (await appliedSeqs(id)).length === 20, 20_000, '20 applied pings');
    expect(await appliedSeqs(id)).toEqual(Array.from({ length: 20 }, (_, seq) => seq));
    const rows = await database.db('applied').where({ id });
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(eventIds));
    expect(rows.every((row) => row.correlation_id === 'corr-1')).toBe(true);
    expect(await database.db('event_outbox').count({ n: '*' }).first()).toEqual({ n: '0' });

    const [record] = await readTopic(kafka, topic, 1);
    const headers = headersToStrings(record.headers);
    expect(headers[EventHeader.eventType]).toBe(PING_TYPE);
    expect(headers[EventHeader.source]).toBe('events-test');
    expect(headers[EventHeader.eventId]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(new Date(headers[EventHeader.occurredAt]).getTime()).toBeGreaterThan(0);
  });

  it('retries a transient failure and applies the event once', async () => {
    const id = uniqueName('flaky');
    behaviour.transientFailuresLeft = 2;
    await database.db.transaction((trx) => outbox.append(trx, { type: PING_TYPE, key: id, payload: { id, seq: 1, note: 'flaky' } }));

    await eventually(async () => (await appliedSeqs(id)).length === 1, 20_000, 'the flaky ping');
    expect(behaviour.transientFailuresLeft).toBeLessThan(0);
    expect(await appliedSeqs(id)).toEqual([1]);
  });

  it('tries a batch that lost a deadlock again as a whole, not record by record', async () => {
    const id = uniqueName('deadlock');
    behaviour.deadlocksLeft = 1;
    const eventIds = await database.db.transaction((trx) =>
      outbox.append(trx, [1, 2, 3, 4].map((seq) => ({ type: PING_TYPE, key: id, payload: { id, seq, note: 'deadlock' } }))),
    );

    await eventually(async () => (await appliedSeqs(id)).length === 4, 20_000, 'the four pings');
    expect(behaviour.deadlocksLeft).toBeLessThan(0);
    // One transaction for all four: the inbox rows share its start time.
    const claimedAt = await database.db('event_inbox').whereIn('event_id', eventIds).distinct('processed_at');
    expect(claimedAt).toHaveLength(1);
  });

  it('dead-letters a poison record with its reason while the partition keeps flowing, and replay re-drives it', async () => {
    const id = uniqueName('poison');
    behaviour.brokenSeqs.add(2);
    const producer = new EventProducer(kafka);
    await producer.send([{ topic, key: id, value: Buffer.from('not avro'), headers: { [EventHeader.eventId]: uniqueName('x'), [EventHeader.eventType]: PING_TYPE } }]);
    await producer.disconnect();
    const [, brokenEventId] = await database.db.transaction((trx) =>
      outbox.append(trx, [1, 2, 3].map((seq) => ({ type: PING_TYPE, key: id, payload: { id, seq, note: null } }))),
    );

    await eventually(async () => (await appliedSeqs(id)).length === 2, 20_000, 'pings 1 and 3');
    expect(await appliedSeqs(id)).toEqual([1, 3]);
    const deadLetters = await readTopic(kafka, deadLetterTopicOf(topic), 2);
    const reasons = deadLetters.map((record) => headersToStrings(record.headers));
    const undecodable = reasons.find((headers) => headers[DeadLetterHeader.errorCode] === 'EVENTS.NOT_AVRO');
    const broken = reasons.find((headers) => headers[EventHeader.eventId] === brokenEventId);
    expect(undecodable?.[DeadLetterHeader.originalTopic]).toBe(topic);
    expect(undecodable?.[DeadLetterHeader.consumerGroup]).toBe(groupId);
    expect(broken?.[DeadLetterHeader.errorCode]).toBe('UNEXPECTED.TypeError');
    expect(broken?.[DeadLetterHeader.errorMessage]).toContain('bug on seq 2');
    expect(broken?.[DeadLetterHeader.attempts]).toBe('1');
    expect(Number(broken?.[DeadLetterHeader.originalOffset])).toBeGreaterThanOrEqual(0);

    behaviour.brokenSeqs.clear();
    const replayProducer = new EventProducer(kafka);
    const report = await replayDeadLetters(kafka, replayProducer, topic, { eventIds: [brokenEventId] });
    await replayProducer.disconnect();

    expect(report.replayed).toBe(1);
    await eventually(async () => (await appliedSeqs(id)).length === 3, 20_000, 'the replayed ping');
    expect(await appliedSeqs(id)).toEqual([1, 2, 3]);

    // Another consumer's event on the shared topic, not even Avro, is passed over: only a consumer
    // that handles its type may judge it. Not claimed, not dead-lettered, and what follows flows.
    const foreignEventId = newEventId();
    const foreign = new EventProducer(kafka);
    await foreign.send([{ topic, key: id, value: Buffer.from('not avro'), headers: { [EventHeader.eventId]: foreignEventId, [EventHeader.eventType]: 'backbone.other.SomethingElse' } }]);
    await foreign.disconnect();
    await database.db.transaction((trx) => outbox.append(trx, { type: PING_TYPE, key: id, payload: { id, seq: 4, note: null } }));
    await eventually(async () => (await appliedSeqs(id)).length === 4, 20_000, 'the ping after it');
    expect(await database.db('event_inbox').where({ event_id: foreignEventId })).toEqual([]);
    await expect(readTopic(kafka, deadLetterTopicOf(topic), 3, 3_000)).rejects.toThrow('read 2 of 3 records');
  });
});
