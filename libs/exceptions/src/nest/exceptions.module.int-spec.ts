import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { connectEvents, ensureTopics, EventHeader, OnEvent, type EventContext } from '@backbone/events';
import { eventually, testKafka, uniqueName } from '@backbone/events/testing';
import type { ExceptionRaised, ExceptionResolved } from '@backbone/schemas';
import { createService, DATABASE, hashApiKey, loadConfig, serviceConfigSchema } from '@backbone/service-kit';
import { stackEnv } from '@backbone/service-kit/testing';
import { Controller, Injectable, Module, type DynamicModule, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ServiceKitModule } from '@backbone/service-kit';
import { knex, type Knex } from 'knex';
import request from 'supertest';
import type { RaiseException } from '../model/business-exception';
import { ExceptionQueue } from '../queue/exception-queue';
import { ExceptionsModule } from './exceptions.module';

const SERVICE = 'exceptions-api-test';
const received: { type: string; payload: ExceptionRaised | ExceptionResolved; headers: Record<string, string> }[] = [];

/** A downstream consumer of ops.exception.v1 (say, an ops dashboard). */
@Controller()
class OnExceptionEvents {
  @OnEvent('backbone.ops.ExceptionRaised')
  async raised(@Payload() payload: ExceptionRaised, @Ctx() ctx: EventContext): Promise<void> {
    received.push({ type: ctx.eventType, payload, headers: ctx.headers });
  }

  @OnEvent('backbone.ops.ExceptionResolved')
  async resolved(@Payload() payload: ExceptionResolved, @Ctx() ctx: EventContext): Promise<void> {
    received.push({ type: ctx.eventType, payload, headers: ctx.headers });
  }
}

/** How a service registers a retry handler: here a credit gate that still fails. */
@Injectable()
class CreditGateRetry implements OnModuleInit {
  constructor(private readonly exceptions: ExceptionQueue) {}

  onModuleInit(): void {
    this.exceptions.registerRetryHandler('ORDER.CREDIT_HOLD', async (trx, exception) => {
      await this.exceptions.raise(trx, { code: exception.code, message: 'Customer C-1 is still on credit hold', subject: exception.subject });
    });
  }
}

@Module({})
class TestServiceModule {
  static forRoot(database: string, settings: Record<string, string> = {}): DynamicModule {
    return {
      module: TestServiceModule,
      imports: [
        ServiceKitModule.forRoot({
          config: loadConfig(serviceConfigSchema({ serviceName: SERVICE, httpPort: 3998 }), { ...stackEnv(database), ...settings }),
          migrationDirectories: [join(__dirname, '..', 'test-support', 'migrations')],
          openApi: { title: 'Exceptions test', description: 'A service with an exception queue', version: '1' },
        }),
        ExceptionsModule.forRoot(),
      ],
      controllers: [OnExceptionEvents],
      providers: [CreditGateRetry],
    };
  }
}

describe('ExceptionsModule in a service on the real stack', () => {
  const database = `exceptions_api_${randomUUID().slice(0, 8)}`;
  let admin: Knex;
  let app: INestApplication;
  let queue: ExceptionQueue;
  let db: Knex;
  let subjects = 0;

  beforeAll(async () => {
    admin = knex({ client: 'pg', connection: stackEnv('postgres').DATABASE_URL, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${database}`);
    await ensureTopics(testKafka(), [{ topic: 'ops.exception.v1', partitions: 6 }]);
    app = await createService(TestServiceModule.forRoot(database));
    connectEvents(app, uniqueName('exceptions-api-test'), { fromBeginning: false });
    await app.startAllMicroservices();
    await app.init();
    queue = app.get(ExceptionQueue);
    db = app.get(DATABASE);
  });

  afterAll(async () => {
    await app?.close();
    await admin.raw(`drop database if exists ${database} with (force)`);
    await admin.destroy();
  });

  const http = () => request(app.getHttpServer());

  function raise(overrides: Partial<RaiseException> = {}) {
    subjects += 1;
    const input: RaiseException = {
      code: 'ORDER.PRICE_MISMATCH',
      message: 'Line 1 price 9.50 EUR differs from the pricelist (10.00 EUR)',
      subject: { type: 'order', id: `O-${subjects}` },
      details: { sku: 'SKU-1', pricelist: 'PL-B2B' },
      ...overrides,
    };
    return db.transaction((trx) => queue.raise(trx, input)).then((outcome) => outcome.exception);
  }

  describe('GET /exceptions', () => {
    it('pages newest first with nextCursor, narrowed by filters', async () => {
      const subjectType = uniqueName('cart');
      const raised = [];
      for (let k = 0; k < 3; k += 1) raised.push(await raise({ subject: { type: subjectType, id: `C-${k}` } }));

      const first = await http().get('/exceptions').query({ subjectType, status: 'OPEN', code: 'ORDER.PRICE_MISMATCH', limit: 2 }).expect(200);
      const second = await http().get('/exceptions').query({ subjectType, limit: 2, cursor: first.body.nextCursor }).expect(200);

      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([raised[2].id, raised[1].id]);
      expect(first.body.items[0]).toMatchObject({ subject: { type: subjectType, id: 'C-2' }, status: 'OPEN', raisedAt: raised[2].raisedAt.toISOString() });
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: raised[0].id })], nextCursor: null });
    });

    it('filters by subject id and raise time', async () => {
      const exception = await raise();

      const bySubject = await http().get('/exceptions').query({ subjectType: 'order', subjectId: exception.subject.id }).expect(200);
      const before = await http().get('/exceptions').query({ subjectId: exception.subject.id, raisedTo: exception.raisedAt.toISOString() }).expect(200);

      expect(bySubject.body.items.map((item: { id: string }) => item.id)).toEqual([exception.id]);
      expect(before.body.items).toEqual([]);
    });

    it('answers bad filters with a 400 problem naming each one', async () => {
      const response = await http().get('/exceptions').query({ status: 'DONE', limit: 500, raisedFrom: 'yesterday' }).expect(400);

      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', instance: '/exceptions' });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['status', 'raisedFrom', 'limit']);
    });

    it('answers a cursor it did not issue with a 400 problem naming the cursor', async () => {
      const response = await http().get('/exceptions').query({ cursor: 'not-a-cursor' }).expect(400);

      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'cursor', message: expect.any(String) }] });
    });
  });

  describe('GET /exceptions/:id', () => {
    it('returns the exception with its audit trail', async () => {
      const exception = await raise();

      const response = await http().get(`/exceptions/${exception.id}`).expect(200);

      expect(response.body).toMatchObject({ id: exception.id, code: 'ORDER.PRICE_MISMATCH', details: { sku: 'SKU-1', pricelist: 'PL-B2B' }, occurrences: 1, attempts: 0 });
      expect(response.body.audit).toEqual([expect.objectContaining({ action: 'RAISED', actor: { kind: 'service', id: SERVICE }, before: null })]);
    });

    it('answers an unknown id with a 404 problem, and a malformed one with a 400', async () => {
      const missing = await http().get('/exceptions/019ab000-0000-7000-8000-00000000dead').expect(404);
      const malformed = await http().get('/exceptions/42').expect(400);

      expect(missing.body).toMatchObject({ status: 404, code: 'EXCEPTION.NOT_FOUND', exceptionId: '019ab000-0000-7000-8000-00000000dead' });
      expect(malformed.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'id', message: 'must be a UUID' }] });
    });
  });

  describe('POST /exceptions/:id/override and /reject', () => {
    it('overrides with a reason, records the operator, and refuses a second resolution with 409', async () => {
      const exception = await raise();

      const response = await http().post(`/exceptions/${exception.id}/override`).set('x-actor', 'ops-anna').send({ reason: 'Price agreed by phone' }).expect(200);
      const again = await http().post(`/exceptions/${exception.id}/reject`).set('x-actor', 'ops-ben').send({ reason: 'Too late' }).expect(409);

      expect(response.body).toMatchObject({ outcome: 'RESOLVED', exception: { status: 'RESOLVED', resolution: 'OVERRIDDEN', resolvedBy: { kind: 'user', id: 'ops-anna' }, reason: 'Price agreed by phone' } });
      expect(again.body).toMatchObject({ status: 409, code: 'EXCEPTION.ALREADY_RESOLVED', resolution: 'OVERRIDDEN' });
      const audit = (await http().get(`/exceptions/${exception.id}`)).body.audit;
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['RAISED', 'OVERRIDDEN']);
      expect(audit[1]).toMatchObject({ actor: { kind: 'user', id: 'ops-anna' }, reason: 'Price agreed by phone', before: { status: 'OPEN' }, after: { status: 'RESOLVED' } });
    });

    it.each(['override', 'reject'])('%s without a reason is a 400 problem naming the reason, and changes nothing', async (action) => {
      const exception = await raise();

      const response = await http().post(`/exceptions/${exception.id}/${action}`).send({ reason: ' ' }).expect(400);

      expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'reason' }] });
      expect((await http().get(`/exceptions/${exception.id}`)).body.status).toBe('OPEN');
    });

    it('rejects as anonymous when no actor is given', async () => {
      const exception = await raise();

      const response = await http().post(`/exceptions/${exception.id}/reject`).send({ reason: 'Duplicate of another order' }).expect(200);

      expect(response.body.exception).toMatchObject({ resolution: 'REJECTED', resolvedBy: { kind: 'anonymous', id: 'anonymous' } });
    });

    it('answers an unknown id with 404', async () => {
      await http().post('/exceptions/019ab000-0000-7000-8000-00000000dead/override').send({ reason: 'x' }).expect(404);
    });
  });

  describe('POST /exceptions/:id/retry', () => {
    it('says STILL_OPEN and counts the attempt when the retry handler raises the same code again', async () => {
      const exception = await raise({ code: 'ORDER.CREDIT_HOLD', message: 'Customer C-1 is on credit hold' });

      const response = await http().post(`/exceptions/${exception.id}/retry`).set('x-actor', 'ops-anna').expect(200);

      expect(response.body).toMatchObject({ outcome: 'STILL_OPEN', exception: { status: 'OPEN', attempts: 1, occurrences: 2, message: 'Customer C-1 is still on credit hold' } });
    });

    it('answers 422 EXCEPTION.NO_RETRY_HANDLER for a code nothing can retry', async () => {
      const exception = await raise();

      const response = await http().post(`/exceptions/${exception.id}/retry`).send({}).expect(422);

      expect(response.body).toMatchObject({ code: 'EXCEPTION.NO_RETRY_HANDLER', exceptionCode: 'ORDER.PRICE_MISMATCH' });
    });
  });

  it('documents every route in the OpenAPI document', async () => {
    const document = (await http().get('/openapi.json').expect(200)).body;

    const operations = Object.entries(document.paths as Record<string, Record<string, { summary?: string; tags?: string[] }>>)
      .filter(([path]) => path.startsWith('/exceptions'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, summary: operation.summary, tags: operation.tags })));
    expect(operations.map((operation) => operation.route).sort()).toEqual([
      'GET /exceptions',
      'GET /exceptions/{id}',
      'POST /exceptions/{id}/override',
      'POST /exceptions/{id}/reject',
      'POST /exceptions/{id}/retry',
    ]);
    for (const operation of operations) expect(operation).toMatchObject({ summary: expect.any(String), tags: ['exceptions'] });
    expect(document.components.schemas.BusinessExceptionDto.properties.code).toBeDefined();
  });

  it('serves business_exceptions_open on /metrics', async () => {
    await raise({ code: 'ORDER.UNKNOWN_SKU' });

    const metrics = await http().get('/metrics').expect(200);

    expect(metrics.text).toContain(`business_exceptions_open{service="${SERVICE}",code="ORDER.UNKNOWN_SKU"} 1`);
  });

  it('publishes ExceptionRaised and ExceptionResolved to ops.exception.v1 through the outbox relay, with the standard headers', async () => {
    const exception = await raise({ code: 'ORDER.ADDRESS_INVALID', sourceEventId: 'evt-order-received-1', correlationId: uniqueName('corr') });
    await http().post(`/exceptions/${exception.id}/override`).set('x-actor', 'ops-anna').send({ reason: 'Address checked by phone' }).expect(200);

    const mine = () => received.filter((event) => event.payload.exceptionId === exception.id);
    await eventually(async () => mine().length === 2, 30_000, 'both exception events');

    const [raised, resolved] = mine();
    expect(raised.type).toBe('backbone.ops.ExceptionRaised');
    expect(raised.payload).toMatchObject({ exceptionId: exception.id, service: SERVICE, code: 'ORDER.ADDRESS_INVALID', subject: exception.subject, raisedAt: exception.raisedAt });
    expect(raised.headers).toMatchObject({
      [EventHeader.eventType]: 'backbone.ops.ExceptionRaised',
      [EventHeader.correlationId]: exception.correlationId,
      [EventHeader.causationId]: 'evt-order-received-1',
      [EventHeader.source]: SERVICE,
      [EventHeader.occurredAt]: exception.raisedAt.toISOString(),
    });
    expect(raised.headers[EventHeader.eventId]).toMatch(/^[0-9a-f-]{36}$/);
    expect(raised.headers[EventHeader.traceparent]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(resolved.type).toBe('backbone.ops.ExceptionResolved');
    expect(resolved.payload).toMatchObject({ exceptionId: exception.id, resolution: 'OVERRIDDEN', resolvedBy: { kind: 'user', id: 'ops-anna' }, reason: 'Address checked by phone' });
    expect(resolved.headers[EventHeader.correlationId]).toBe(exception.correlationId);
    expect(await db('event_outbox').where({ partition_key: exception.id }).count({ n: '*' }).first()).toEqual({ n: '0' });
  });

  // Last: closing a second app in this process shuts down the shared tracing, which earlier tests assert on.
  describe('with authentication enforced', () => {
    const keys = { ops: 'ops-console-secret-key', channel: 'webshop-secret-key' };
    let secured: INestApplication;

    beforeAll(async () => {
      const apiKeys = [
        { id: 'ops-console', keyHash: hashApiKey(keys.ops), roles: ['ops'] },
        { id: 'webshop', keyHash: hashApiKey(keys.channel), roles: ['channel'] },
      ];
      secured = await createService(TestServiceModule.forRoot(database, { AUTH_MODE: 'enforce', AUTH_API_KEYS: JSON.stringify(apiKeys) }));
      await secured.init();
    });

    afterAll(async () => {
      await secured?.close();
    });

    it('lets the ops role work the queue and audits the authenticated caller, not the x-actor header', async () => {
      const exception = await raise();

      const response = await request(secured.getHttpServer())
        .post(`/exceptions/${exception.id}/override`)
        .set('x-api-key', keys.ops)
        .set('x-actor', 'someone-else')
        .send({ reason: 'Price agreed by phone' })
        .expect(200);

      expect(response.body.exception.resolvedBy).toEqual({ kind: 'api-key', id: 'ops-console' });
    });

    it('refuses other roles with a 403 problem and changes nothing', async () => {
      const exception = await raise();

      const response = await request(secured.getHttpServer()).post(`/exceptions/${exception.id}/reject`).set('x-api-key', keys.channel).send({ reason: 'no' }).expect(403);

      expect(response.body).toMatchObject({ status: 403 });
      expect((await http().get(`/exceptions/${exception.id}`)).body.status).toBe('OPEN');
    });
  });
});
