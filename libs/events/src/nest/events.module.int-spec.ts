import { Controller, Injectable, type INestApplication } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { ErpSynced, ErpSyncFailed } from '@backbone/schemas';
import { DeadLetterHeader, headersToStrings } from '../envelope/headers';
import { EventHeader } from '../envelope/headers';
import { ensureTopics } from '../kafka/topics';
import { Outbox } from '../outbox/outbox';
import { createTestDatabase, eventually, testKafka, testStack, uniqueName, type TestDatabase } from '../testing';
import type { EventContext } from '../transport/event-context';
import { OnEvent } from '../transport/on-event.decorator';
import { connectEvents, EventsModule } from './events.module';

const received: { payload: ErpSyncFailed; correlationId: string; causationId?: string; source: string }[] = [];

@Controller()
class OnErpSyncFailed {
  @OnEvent('backbone.erp.ErpSyncFailed')
  async handle(@Payload() payload: ErpSyncFailed, @Ctx() ctx: EventContext): Promise<void> {
    received.push({ payload, correlationId: ctx.correlationId, causationId: ctx.causationId, source: ctx.headers[EventHeader.source] });
  }
}

/** A handler with a bug: its TypeError must reach the transport as itself, so it is dead-lettered at once. */
@Controller()
class OnErpSynced {
  @OnEvent('backbone.erp.ErpSynced')
  async handle(@Payload() synced: ErpSynced): Promise<void> {
    throw new TypeError(`cannot read odooIds of ${synced.sourceEventId}`);
  }
}

/** A use case that writes its event in its own transaction, the way services publish. */
@Injectable()
class ReportFailure {
  constructor(private readonly outbox: Outbox) {}
  run(db: TestDatabase['db'], failure: ErpSyncFailed) {
    return db.transaction((trx) => this.outbox.append(trx, { type: 'backbone.erp.ErpSyncFailed', key: failure.sourceEventId, payload: failure, correlationId: 'corr-42' }));
  }
}

describe('EventsModule in a Nest application', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureTopics(testKafka(), [{ topic: 'erp.sync.v1', partitions: 6 }]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventsModule.forRootAsync({
          useFactory: () => ({
            serviceName: 'events-module-test',
            kafka: { brokers: testStack.brokers, clientId: 'events-module-test' },
            schemaRegistry: { url: testStack.registryUrl },
            db: database.db,
            databaseUrl: database.url,
            relay: { pollIntervalMs: 50 },
          }),
        }),
      ],
      controllers: [OnErpSyncFailed, OnErpSynced],
      providers: [ReportFailure],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    connectEvents(app, uniqueName('events-module-test'), { fromBeginning: false });
    await app.startAllMicroservices();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('publishes through the outbox and relay, and hands the catalog event to its @OnEvent handler', async () => {
    const failure: ErpSyncFailed = { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', errorCode: 'ODOO.VALIDATION', message: 'Missing partner', retriable: false, sourceEventType: null, subjectId: null };

    await app.get(ReportFailure).run(database.db, failure);

    await eventually(async () => received.some((event) => event.payload.sourceEventId === failure.sourceEventId), 30_000, 'the handler to receive the event');
    const event = received.find((entry) => entry.payload.sourceEventId === failure.sourceEventId)!;
    expect(event.payload).toEqual(failure);
    expect(event.correlationId).toBe('corr-42');
    expect(event.source).toBe('events-module-test');
    expect(await database.db('event_inbox').count({ n: '*' }).first()).toEqual({ n: '1' });
  });

  it('dead-letters a handler bug at once with its own error code (handler errors reach the transport unchanged)', async () => {
    const synced: ErpSynced = { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', odooIds: [7], externalId: 'x', sourceEventType: null, subjectId: null, odooName: null };
    const [eventId] = await database.db.transaction((trx) => app.get(Outbox).append(trx, { type: 'backbone.erp.ErpSynced', key: synced.sourceEventId, payload: synced }));

    const kafka = testKafka();
    const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['erp.sync.v1.dlq'], fromBeginning: true });
    const found = new Promise<Record<string, string>>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = headersToStrings(message.headers);
          if (headers[EventHeader.eventId] === eventId) resolve(headers);
        },
      });
    });
    try {
      const headers = await Promise.race([found, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no dead letter within 30 s')), 30_000))]);
      expect(headers[DeadLetterHeader.errorCode]).toBe('UNEXPECTED.TypeError');
      expect(headers[DeadLetterHeader.errorMessage]).toContain('cannot read odooIds');
      expect(headers[DeadLetterHeader.attempts]).toBe('1');
    } finally {
      await consumer.disconnect();
    }
  });
});
