import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { newEventId } from '@backbone/events';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { ExceptionsModule } from '@backbone/exceptions';
import type { OrderReceived } from '@backbone/schemas';
import { createService, hashApiKey, loadConfig, serviceConfigSchema, ServiceKitModule, verifyWebhookSignature } from '@backbone/service-kit';
import { stackEnv } from '@backbone/service-kit/testing';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { channelNotificationSettings } from './channel-notifications.config';
import { ChannelNotificationsModule } from './channel-notifications.module';
import { DeliveryLogRetention } from './delivery-log-retention';
import type { OrderStatus } from '../domain';
import type { OrderChangeNotice, OrderEvent } from './order-notification';
import { RecordOrderNotifications } from './record-order-notifications';

const SECRET = 'webshop-signing-secret-0001';
const MAX_ATTEMPTS = 3;

/** A channel's endpoint: records every call; answers with the scripted statuses per path, then 200. */
class Receiver {
  readonly calls: { path: string; headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  private readonly scripts = new Map<string, number[]>();
  private readonly delays = new Map<string, number>();
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.calls.push({ path, headers: req.headers, body, at: Date.now() });
        const status = this.scripts.get(path)?.shift() ?? 200;
        setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `refused with ${status}`), this.delays.get(path) ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  answer(path: string, ...statuses: number[]): void {
    this.scripts.set(path, statuses);
  }

  slowDown(path: string, ms: number): void {
    this.delays.set(path, ms);
  }

  to(path: string) {
    return this.calls.filter((call) => call.path === path).map((call) => ({ ...call, json: JSON.parse(call.body) as { eventType: string; orderId: string; eventId: string } }));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

@Module({})
class NotificationsTestService {
  static forRoot(settings: Record<string, string>): DynamicModule {
    const schema = serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 }).extend(channelNotificationSettings);
    return {
      module: NotificationsTestService,
      imports: [
        ServiceKitModule.forRoot({
          config: loadConfig(schema, settings),
          migrationDirectories: [join(__dirname, '..', 'persistence', 'migrations')],
          openApi: { title: 'Order Service', description: 'channel notifications under test', version: '1' },
        }),
        ExceptionsModule.forRoot(),
        ChannelNotificationsModule,
      ],
    };
  }
}

function orderReceived(orderId: string, channel: string): OrderReceived {
  const address = { name: 'Ada', street: '1 Main St', street2: null, city: 'Lyon', postalCode: '69001', region: null, countryCode: 'FR', phone: null, email: null };
  return {
    orderId,
    channel,
    externalOrderId: `ext-${orderId}`,
    customer: { customerId: 'c-1', channelCustomerId: null, name: 'Ada', email: null },
    billTo: address,
    shipTo: address,
    lines: [{ lineId: '1', sku: 'SKU-1', quantity: { value: '2', uom: 'Units' }, unitPrice: { amount: '9.90', currency: 'EUR' } }],
    requestedDate: null,
    notes: null,
    placedAt: new Date(),
  };
}

describe('channel notifications on the real stack', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase({ eventTables: false });
    app = await createService(
      NotificationsTestService.forRoot({
        ...stackEnv('unused'),
        DATABASE_URL: database.url,
        CHANNEL_NOTIFICATIONS_POLL_MS: '50',
        CHANNEL_NOTIFICATIONS_BACKOFF_BASE_MS: '200',
        CHANNEL_NOTIFICATIONS_BACKOFF_MAX_MS: '1000',
        CHANNEL_NOTIFICATIONS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        CHANNEL_NOTIFICATIONS_TIMEOUT_MS: '2000',
        CHANNEL_NOTIFICATION_SECRETS: JSON.stringify({ webshop: [SECRET] }),
      }),
    );
    await app.init();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await receiver.stop();
    await database?.drop();
  });

  const api = () => request(app.getHttpServer());

  async function subscribe(channel: string, path: string, eventTypes: string[]): Promise<string> {
    const response = await api().post('/channel-subscriptions').send({ channel, url: receiver.url(path), secretName: 'webshop', eventTypes }).expect(201);
    return response.body.subscriptionId;
  }

  /** Records an order's changes as the order-service's transitions do, one transaction each; returns their event ids. */
  async function change(orderId: string, channel: string, ...types: OrderEvent['type'][]): Promise<string[]> {
    const after: Partial<Record<OrderEvent['type'], { status: OrderStatus; payload: unknown }>> = {
      'backbone.orders.OrderReceived': { status: 'RECEIVED', payload: orderReceived(orderId, channel) },
      'backbone.orders.OrderValidated': { status: 'VALIDATED', payload: { orderId } },
      'backbone.orders.OrderConfirmed': { status: 'CONFIRMED_IN_ERP', payload: { orderId, erpOrderId: 7, erpOrderName: 'S00007' } },
      'backbone.orders.OrderCancelled': { status: 'CANCELLED', payload: { orderId, reason: { code: 'CUSTOMER', message: 'changed mind' }, cancelledBy: 'shop' } },
    };
    const eventIds: string[] = [];
    for (const type of types) {
      const { status, payload } = after[type]!;
      const eventId = newEventId();
      await record({ order: { orderId, channel, status }, event: { type, payload } as OrderEvent, facts: { eventId, correlationId: `corr-${orderId}`, occurredAt: new Date() } });
      eventIds.push(eventId);
    }
    return eventIds;
  }

  const record = (...notices: OrderChangeNotice[]) => database.db.transaction((trx) => app.get(RecordOrderNotifications).record(trx, notices));

  const deliveries = (orderId: string) => database.db('channel_delivery').where({ order_id: orderId }).orderBy('seq');
  const settled = (orderId: string, count: number) => async () => (await deliveries(orderId)).filter((row) => row.status !== 'PENDING').length >= count;

  it('delivers the subscribed events once each, in order, signed with the named secret', async () => {
    // Given a webshop subscribed to OrderReceived and OrderConfirmed only
    await subscribe('shop-a', '/shop-a', ['OrderReceived', 'OrderConfirmed']);
    const orderId = uniqueName('order');

    // When the order is received, validated and confirmed
    const [receivedId, , confirmedId] = await change(orderId, 'shop-a', 'backbone.orders.OrderReceived', 'backbone.orders.OrderValidated', 'backbone.orders.OrderConfirmed');
    await eventually(settled(orderId, 2), 20_000, 'two deliveries');

    // Then the channel heard the two events it asked for, in order, each signed
    const calls = receiver.to('/shop-a');
    expect(calls.map((call) => [call.json.eventType, call.json.eventId])).toEqual([
      ['OrderReceived', receivedId],
      ['OrderConfirmed', confirmedId],
    ]);
    for (const call of calls) {
      expect(verifyWebhookSignature({ secrets: SECRET, signature: call.headers['x-signature'] as string, rawBody: call.body })).toMatchObject({ ok: true });
      expect(call.headers['x-event-id']).toBe(call.json.eventId);
      expect(call.headers['x-correlation-id']).toBe(`corr-${orderId}`);
    }
    expect(calls[1]!.json).toMatchObject({ orderId, channel: 'shop-a', status: 'CONFIRMED_IN_ERP', channelStatus: null, data: { erpOrderName: 'S00007' } });
    const rows = await deliveries(orderId);
    expect(rows.map((row) => [row.event_type, row.status, row.attempts])).toEqual([
      ['OrderReceived', 'DELIVERED', 1],
      ['OrderConfirmed', 'DELIVERED', 1],
    ]);
  });

  it('retries a 500 and logs both attempts', async () => {
    await subscribe('shop-b', '/shop-b', ['OrderReceived']);
    receiver.answer('/shop-b', 500);
    const orderId = uniqueName('order');

    await change(orderId, 'shop-b', 'backbone.orders.OrderReceived');
    await eventually(settled(orderId, 1), 20_000, 'the delivery');

    const [row] = await deliveries(orderId);
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 2, last_status_code: 200 });
    const detail = await api().get(`/channel-deliveries/${row.delivery_id}`).expect(200);
    expect(detail.body.attemptLog.map((attempt: { attempt: number; statusCode: number; outcome: string; responseExcerpt: string }) => [attempt.attempt, attempt.statusCode, attempt.outcome, attempt.responseExcerpt])).toEqual([
      [1, 500, 'RETRY', 'refused with 500'],
      [2, 200, 'DELIVERED', 'ok'],
    ]);
    expect(JSON.parse(detail.body.body)).toMatchObject({ orderId, eventType: 'OrderReceived', status: 'RECEIVED' });
    expect(receiver.to('/shop-b')).toHaveLength(2);
  });

  it('fails a 400 at once, raises an exception, and delivers when redelivered', async () => {
    await subscribe('shop-c', '/shop-c', ['OrderReceived']);
    receiver.answer('/shop-c', 400);
    const orderId = uniqueName('order');

    await change(orderId, 'shop-c', 'backbone.orders.OrderReceived');
    await eventually(settled(orderId, 1), 20_000, 'the delivery');

    // Then it failed after one attempt and operators see it
    const [row] = await deliveries(orderId);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1, last_status_code: 400 });
    expect(row.last_error).toContain('not retried');
    const exception = await database.db('business_exception').where({ subject_id: row.delivery_id }).first();
    expect(exception).toMatchObject({ code: 'CHANNEL_NOTIFICATION.DELIVERY_FAILED', status: 'OPEN', subject_type: 'channel-delivery' });

    // When an operator redelivers it (the channel has fixed its side)
    const redelivered = await api().post(`/channel-deliveries/${row.delivery_id}/redeliver`).expect(200);
    expect(redelivered.body).toMatchObject({ status: 'PENDING', attempts: 0 });
    await eventually(settled(orderId, 1), 20_000, 'the redelivery');

    // Then it is delivered, the log keeps both attempts and the exception resolves itself
    expect((await deliveries(orderId))[0]).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(await database.db('channel_delivery_attempt').where({ delivery_id: row.delivery_id }).orderBy('attempt').pluck('outcome')).toEqual(['FAILED', 'DELIVERED']);
    expect(await database.db('business_exception').where({ id: exception.id }).first('status', 'resolution')).toEqual({ status: 'RESOLVED', resolution: 'RETRIED' });
    const twice = receiver.to('/shop-c');
    expect(twice[1]!.body).toBe(twice[0]!.body);
  });

  it('retries a receiver that is down with growing delays, then fails into the exception queue', async () => {
    // A port nothing listens on
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const response = await api().post('/channel-subscriptions').send({ channel: 'shop-d', url: `http://127.0.0.1:${port}/hook`, secretName: 'webshop', eventTypes: ['OrderReceived'] }).expect(201);
    const orderId = uniqueName('order');

    await change(orderId, 'shop-d', 'backbone.orders.OrderReceived');
    await eventually(settled(orderId, 1), 30_000, 'the delivery to give up');

    const [row] = await deliveries(orderId);
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, subscription_id: response.body.subscriptionId });
    expect(row.last_error).toContain(`gave up after ${MAX_ATTEMPTS} attempts`);
    const attempts = await database.db('channel_delivery_attempt').where({ delivery_id: row.delivery_id }).orderBy('attempt');
    expect(attempts.map((attempt) => [attempt.status_code, attempt.outcome])).toEqual([
      [null, 'RETRY'],
      [null, 'RETRY'],
      [null, 'FAILED'],
    ]);
    expect(attempts[0].error).toContain('ECONNREFUSED');
    // Backoff: at least half of 200 ms, then of 400 ms, between attempts
    const gaps = attempts.slice(1).map((attempt, index) => attempt.started_at.getTime() - attempts[index]!.started_at.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    const exception = await database.db('business_exception').where({ subject_id: row.delivery_id }).first('id', 'code', 'status');
    expect(exception).toMatchObject({ code: 'CHANNEL_NOTIFICATION.DELIVERY_FAILED', status: 'OPEN' });

    // An operator's retry from the exception queue sends it again; still down, it fails anew into a new exception
    const retried = await api().post(`/exceptions/${exception.id}/retry`).send({ reason: 'endpoint is back' }).expect(200);
    expect(retried.body.outcome).toBe('RESOLVED');
    await eventually(async () => (await database.db('channel_delivery_attempt').where({ delivery_id: row.delivery_id }).count({ n: '*' }).first())?.n === String(2 * MAX_ATTEMPTS), 30_000, 'the second round');
    await eventually(settled(orderId, 1), 10_000, 'the second round to settle');
    expect(await database.db('business_exception').where({ subject_id: row.delivery_id }).orderBy('raised_at').pluck('status')).toEqual(['RESOLVED', 'OPEN']);
  });

  it('records one delivery per subscription and event, however often the change is recorded', async () => {
    await subscribe('shop-e', '/shop-e', ['OrderReceived', 'OrderValidated']);
    const orderId = uniqueName('order');
    const received: OrderChangeNotice = {
      order: { orderId, channel: 'shop-e', status: 'RECEIVED' },
      event: { type: 'backbone.orders.OrderReceived', payload: orderReceived(orderId, 'shop-e') },
      facts: { eventId: newEventId(), correlationId: 'corr-dup', occurredAt: new Date() },
    };

    const first = await record(received);
    await eventually(settled(orderId, 1), 20_000, 'the delivery');
    const again = await record(received, received);

    expect([first, again]).toEqual([1, 0]);
    expect(await deliveries(orderId)).toHaveLength(1);
    expect(receiver.to('/shop-e')).toHaveLength(1);
  });

  it('records nothing for channels nobody subscribed to, and sees a new subscription at once', async () => {
    const orderId = uniqueName('order');
    expect(await change(orderId, 'shop-unheard', 'backbone.orders.OrderReceived')).toHaveLength(1);
    expect(await deliveries(orderId)).toHaveLength(0);

    await subscribe('shop-unheard', '/shop-unheard', ['OrderValidated']);
    await change(orderId, 'shop-unheard', 'backbone.orders.OrderValidated');

    expect((await deliveries(orderId)).map((row) => row.event_type)).toEqual(['OrderValidated']);
  });

  it("never delivers an order's next event before the previous one is settled", async () => {
    await subscribe('shop-f', '/shop-f', ['OrderReceived', 'OrderValidated', 'OrderCancelled']);
    receiver.answer('/shop-f', 503, 503);
    const orderId = uniqueName('order');

    await change(orderId, 'shop-f', 'backbone.orders.OrderReceived', 'backbone.orders.OrderValidated', 'backbone.orders.OrderCancelled');
    await eventually(settled(orderId, 3), 20_000, 'three deliveries');

    expect(receiver.to('/shop-f').map((call) => call.json.eventType)).toEqual(['OrderReceived', 'OrderReceived', 'OrderReceived', 'OrderValidated', 'OrderCancelled']);
    expect((await deliveries(orderId)).map((row) => [row.event_type, row.attempts])).toEqual([
      ['OrderReceived', 3],
      ['OrderValidated', 1],
      ['OrderCancelled', 1],
    ]);
  });

  it('keeps delivering to other channels while one channel is slow to answer', async () => {
    await subscribe('shop-slow', '/shop-slow', ['OrderReceived']);
    await subscribe('shop-fast', '/shop-fast', ['OrderReceived']);
    receiver.slowDown('/shop-slow', 1500);
    const [slowOrder, fastOrder] = [uniqueName('order'), uniqueName('order')];

    // Given a delivery waiting on the slow channel's answer
    await change(slowOrder, 'shop-slow', 'backbone.orders.OrderReceived');
    await eventually(async () => receiver.to('/shop-slow').length === 1, 20_000, 'the slow call');

    // When another channel's event comes meanwhile, it is delivered without waiting for the slow one
    await change(fastOrder, 'shop-fast', 'backbone.orders.OrderReceived');
    await eventually(settled(fastOrder, 1), 20_000, 'the fast delivery');
    expect((await deliveries(slowOrder))[0]).toMatchObject({ status: 'PENDING' });

    await eventually(settled(slowOrder, 1), 20_000, 'the slow delivery');
    expect((await deliveries(slowOrder))[0]).toMatchObject({ status: 'DELIVERED', attempts: 1 });
  });

  it('keeps delivered deliveries for the retention, then deletes them with their attempts; failed ones stay', async () => {
    await subscribe('shop-ret', '/shop-ret', ['OrderReceived']);
    const [old, recent, oldFailed] = [uniqueName('order'), uniqueName('order'), uniqueName('order')];
    for (const orderId of [old, recent, oldFailed]) await change(orderId, 'shop-ret', 'backbone.orders.OrderReceived');
    for (const orderId of [old, recent, oldFailed]) await eventually(settled(orderId, 1), 20_000, `the delivery of ${orderId}`);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    await database.db('channel_delivery').whereIn('order_id', [old, oldFailed]).update({ updated_at: longAgo });
    await database.db('channel_delivery').where({ order_id: oldFailed }).update({ status: 'FAILED' });
    const [oldDelivery] = await deliveries(old);

    const deleted = await app.get(DeliveryLogRetention).sweep();

    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await deliveries(old)).toEqual([]);
    expect(await database.db('channel_delivery_attempt').where({ delivery_id: oldDelivery.delivery_id })).toEqual([]);
    expect((await deliveries(recent)).map((row) => row.status)).toEqual(['DELIVERED']);
    expect((await deliveries(oldFailed)).map((row) => row.status)).toEqual(['FAILED']);
    // The other tests list every failed delivery: this one was failed by hand.
    await database.db('channel_delivery').where({ order_id: oldFailed }).delete();
  });

  it('lists deliveries by channel, order and status, newest first, page by page', async () => {
    const page = await api().get('/channel-deliveries?channel=shop-a&limit=1').expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ channel: 'shop-a', eventType: 'OrderConfirmed', status: 'DELIVERED' });
    const next = await api().get(`/channel-deliveries?channel=shop-a&limit=1&cursor=${page.body.nextCursor}`).expect(200);
    expect(next.body.items[0]).toMatchObject({ eventType: 'OrderReceived' });
    expect(next.body.nextCursor).toBeNull();

    const failed = await api().get('/channel-deliveries?status=FAILED').expect(200);
    expect(failed.body.items.map((item: { channel: string }) => item.channel)).toEqual(['shop-d']);
    const byOrder = await api().get(`/channel-deliveries?orderId=${page.body.items[0].orderId}`).expect(200);
    expect(byOrder.body.items).toHaveLength(2);
  });

  it('manages subscriptions without ever showing a secret', async () => {
    const id = await subscribe('shop-g', '/shop-g', ['OrderReceived']);
    await api().patch(`/channel-subscriptions/${id}`).send({ active: false }).expect(200);
    const orderId = uniqueName('order');
    await change(orderId, 'shop-g', 'backbone.orders.OrderReceived');
    // An inactive subscription records nothing
    expect(await deliveries(orderId)).toHaveLength(0);

    const updated = await api().patch(`/channel-subscriptions/${id}`).send({ active: true, eventTypes: ['OrderCancelled', 'OrderCancelled'] }).expect(200);
    expect(updated.body).toMatchObject({ subscriptionId: id, channel: 'shop-g', secretName: 'webshop', active: true, eventTypes: ['OrderCancelled'] });
    const listed = await api().get('/channel-subscriptions?channel=shop-g').expect(200);
    expect(listed.body.items.map((item: { subscriptionId: string }) => item.subscriptionId)).toEqual([id]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);

    await api().delete(`/channel-subscriptions/${id}`).expect(204);
    await api().get(`/channel-subscriptions/${id}`).expect(404);
  });

  it('refuses invalid subscriptions and queries with a problem naming each field, and stores nothing', async () => {
    const invalid = await api()
      .post('/channel-subscriptions')
      .send({ channel: 'web shop', url: 'ftp://example.com', secretName: 'nope', eventTypes: ['OrderShipped'], colour: 'red' })
      .expect(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.body.code).toBe('REQUEST.INVALID');
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['channel', 'colour', 'eventTypes.0', 'secretName', 'url']);
    expect(await database.db('channel_subscription').where({ channel: 'web shop' }).first()).toBeUndefined();

    const empty = await api().patch(`/channel-subscriptions/${newEventId()}`).send({}).expect(400);
    expect(empty.body.errors[0].message).toContain('must change at least one');
    await api().patch(`/channel-subscriptions/${newEventId()}`).send({ active: false }).expect(404);
    const query = await api().get('/channel-deliveries?status=LOST&limit=0&cursor=abc').expect(400);
    expect(query.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['cursor', 'limit', 'status']);
    const badId = await api().get('/channel-deliveries/not-a-uuid').expect(400);
    expect(badId.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    const missing = await api().post(`/channel-deliveries/${newEventId()}/redeliver`).expect(404);
    expect(missing.body.code).toBe('CHANNEL_NOTIFICATION.DELIVERY_NOT_FOUND');
  });

  it('refuses to redeliver what is pending; deleting a subscription cancels it and keeps the log', async () => {
    // Given a delivery recorded while its subscription was paused (nothing sends it)
    const id = await subscribe('shop-h', '/shop-h', ['OrderReceived']);
    const orderId = uniqueName('order');
    await database.db.transaction(async (trx) => {
      await app.get(RecordOrderNotifications).record(trx, [
        { order: { orderId, channel: 'shop-h', status: 'RECEIVED' }, event: { type: 'backbone.orders.OrderReceived', payload: orderReceived(orderId, 'shop-h') }, facts: { eventId: newEventId(), correlationId: 'c', occurredAt: new Date() } },
      ]);
      await trx('channel_subscription').where({ subscription_id: id }).update({ active: false });
    });
    const [row] = await deliveries(orderId);

    const pending = await api().post(`/channel-deliveries/${row.delivery_id}/redeliver`).expect(409);
    expect(pending.body.code).toBe('CHANNEL_NOTIFICATION.ALREADY_PENDING');

    // When the subscription is deleted
    await api().delete(`/channel-subscriptions/${id}`).expect(204);

    // Then its delivery stays in the log, cancelled, and cannot be redelivered
    const detail = await api().get(`/channel-deliveries/${row.delivery_id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'CANCELLED', subscriptionId: null, lastError: 'subscription deleted' });
    const orphan = await api().post(`/channel-deliveries/${row.delivery_id}/redeliver`).expect(409);
    expect(orphan.body.code).toBe('CHANNEL_NOTIFICATION.SUBSCRIPTION_DELETED');
    expect(receiver.to('/shop-h')).toHaveLength(0);
  });

  it('documents every route in OpenAPI, for ops, with its problems', async () => {
    const { body } = await api().get('/openapi.json').expect(200);

    expect(Object.keys(body.paths).filter((path) => path.startsWith('/channel-')).sort()).toEqual([
      '/channel-deliveries',
      '/channel-deliveries/{id}',
      '/channel-deliveries/{id}/redeliver',
      '/channel-subscriptions',
      '/channel-subscriptions/{id}',
    ]);
    const redeliver = body.paths['/channel-deliveries/{id}/redeliver'].post;
    expect(Object.keys(redeliver.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(body.paths['/channel-subscriptions'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateSubscriptionDto');
  });

  it('lets only ops (and admin) manage subscriptions and read the log', async () => {
    // A second replica on the same database, authenticating callers, sending nothing itself
    const replica = await createService(
      NotificationsTestService.forRoot({
        ...stackEnv('unused'),
        DATABASE_URL: database.url,
        AUTH_MODE: 'enforce',
        AUTH_API_KEYS: JSON.stringify([
          { id: 'ops-console', keyHash: hashApiKey('ops-key-for-tests'), roles: ['ops'] },
          { id: 'webshop', keyHash: hashApiKey('shop-key-for-tests'), roles: ['channel'] },
        ]),
        CHANNEL_NOTIFICATIONS_ENABLED: 'false',
      }),
    );
    await replica.init();
    try {
      const as = (key: string) => request(replica.getHttpServer()).get('/channel-deliveries?limit=1').set('X-API-Key', key);
      expect((await as('shop-key-for-tests').expect(403)).body.code).toBe('AUTH.FORBIDDEN');
      await as('ops-key-for-tests').expect(200);
      await request(replica.getHttpServer()).post('/channel-subscriptions').send({}).expect(401);
    } finally {
      await replica.close();
    }
  });

  it('counts deliveries and times attempts on /metrics', async () => {
    const metrics = await api().get('/metrics').expect(200);

    expect(metrics.text).toMatch(/channel_notifications_deliveries_total\{outcome="delivered"\} \d+/);
    expect(metrics.text).toMatch(/channel_notifications_deliveries_total\{outcome="retry_scheduled"\} \d+/);
    expect(metrics.text).toContain('channel_notifications_attempt_duration_seconds_bucket{le="0.5",result="2xx"}');
  });
});
