import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import type { PartnerChanged, PricelistChanged } from '@backbone/schemas';
import { verifyWebhookSignature } from '@backbone/service-kit';
import { startServiceProcess, type RunningService } from '@backbone/service-kit/testing';
import { waitForConsumerGroup } from '@backbone/events/testing';

const SECRET = 'webshop-notification-secret-1';

/** The web shop's endpoint for order status: accepts only correctly signed calls, records them. */
async function startChannelEndpoint(): Promise<{ server: Server; url: string; calls: { headers: IncomingHttpHeaders; body: string }[] }> {
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const verified = verifyWebhookSignature({ secrets: SECRET, signature: req.headers['x-signature'] as string | undefined, rawBody: body });
      if (verified.ok) calls.push({ headers: req.headers, body });
      res.writeHead(verified.ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/order-status`, calls };
}

describe('order-service tells a web shop about its order, from intake to validation', () => {
  let database: TestDatabase;
  let orders: RunningService;
  let endpoint: Awaited<ReturnType<typeof startChannelEndpoint>>;
  const producer = new EventProducer(testKafka('odoo-adapter-stand-in'));
  const erp = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'odoo-adapter');
  const group = uniqueName('order-service-it');

  beforeAll(async () => {
    await ensureCatalogTopics();
    endpoint = await startChannelEndpoint();
    database = await createTestDatabase({ eventTables: false });
    orders = await startServiceProcess('order-service', {
      DATABASE_URL: database.url,
      KAFKA_CONSUMER_GROUP: group,
      KAFKA_CONSUMER_START: 'latest',
      CHANNEL_NOTIFICATION_SECRETS: JSON.stringify({ webshop: [SECRET] }),
      CHANNEL_NOTIFICATIONS_POLL_MS: '100',
    });
    await waitForConsumerGroup(group);
  }, 120_000);

  afterAll(async () => {
    await orders?.stop();
    await producer.disconnect();
    await new Promise((resolve) => endpoint?.server.close(resolve));
    await database?.drop();
  });

  const call = (method: string, path: string, body?: object) =>
    fetch(`${orders.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });

  it('sends OrderReceived and OrderValidated, signed, in order, in the shop’s own status words', async () => {
    // Given the ERP's customer and pricelist (as the odoo-adapter publishes them)...
    const partner: PartnerChanged = {
      partnerId: 101, parentId: null, name: 'ACME GmbH', isCompany: true, email: null, vat: null, address: null,
      creditLimit: null, onCreditHold: false, active: true, ref: 'C-1', pricelistId: 1, changedAt: new Date(),
    };
    const pricelist: PricelistChanged = {
      pricelistId: 1, name: 'Public', currency: 'EUR', active: true, changedAt: new Date(),
      items: [{ productId: 1, sku: 'SKU-A', minQuantity: { value: '1', uom: 'Units' }, price: { amount: '2.50', currency: 'EUR' }, dateStart: null, dateEnd: null }],
    };
    await erp.publish([
      { type: 'backbone.erp.PartnerChanged', key: '101', payload: partner },
      { type: 'backbone.erp.PricelistChanged', key: '1', payload: pricelist },
    ]);
    await eventually(async () => (await database.db('customer_account').where({ customer_id: 'C-1' }).first()) !== undefined && (await database.db('pricelist').where({ pricelist_id: 1 }).first()) !== undefined, 30_000, 'master data');
    // ...the shop's status words, and its subscription
    expect((await call('PUT', '/channel-mappings/webshop', { skuPassThrough: true, units: { Units: 'Units' }, statuses: { new: 'RECEIVED', processing: 'VALIDATED' } })).status).toBe(200);
    const subscription = await call('POST', '/channel-subscriptions', { channel: 'webshop', url: endpoint.url, secretName: 'webshop', eventTypes: ['OrderReceived', 'OrderValidated'] });
    expect(subscription.status).toBe(201);

    // When the shop places an order through the intake API
    const placed = await call('POST', '/orders', {
      channel: 'webshop', externalOrderId: uniqueName('WS'), currency: 'EUR', placedAt: new Date().toISOString(),
      customer: { customerId: 'C-1', name: 'ACME GmbH', email: 'buyer@acme.example' },
      billTo: { name: 'ACME GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
      shipTo: { name: 'ACME GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
      lines: [{ sku: 'SKU-A', quantity: '4', unit: 'Units', unitPrice: '2.50' }],
    });
    expect(placed.status).toBe(201);
    const { orderId, status } = (await placed.json()) as { orderId: string; status: string };
    expect(status).toBe('VALIDATED');

    // Then its endpoint hears both events (deliveries recorded with the order's change → signed POST), in order
    // (other tests may publish webshop orders on the shared topic meanwhile: only this order counts)
    const calls = () => endpoint.calls.filter((received) => (JSON.parse(received.body) as { orderId: string }).orderId === orderId);
    await eventually(async () => calls().length >= 2, 30_000, 'two notifications');
    const bodies = calls().map((received) => JSON.parse(received.body) as Record<string, unknown>);
    expect(bodies.map((body) => [body.eventType, body.orderId, body.status, body.channelStatus])).toEqual([
      ['OrderReceived', orderId, 'RECEIVED', 'new'],
      ['OrderValidated', orderId, 'VALIDATED', 'processing'],
    ]);
    expect(calls().map((received) => received.headers['x-event-id'])).toEqual(bodies.map((body) => body.eventId));
    const log = (await (await call('GET', `/channel-deliveries?orderId=${orderId}`)).json()) as { items: { status: string; attempts: number }[] };
    expect(log.items.map((item) => [item.status, item.attempts])).toEqual([
      ['DELIVERED', 1],
      ['DELIVERED', 1],
    ]);
  });
});
