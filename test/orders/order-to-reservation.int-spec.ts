import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { signWebhook } from '@backbone/service-kit';
import { startServiceProcess, TEST_WEBHOOK_SECRET, type RunningService } from '@backbone/service-kit/testing';
import { waitForConsumerGroup, watchTopics } from '@backbone/events/testing';

const units = (value: string) => ({ value, uom: 'Units' });
const address = { name: 'ACME GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

/**
 * An order entering through the order-service intake API travels over Kafka to the
 * inventory-service, which reserves it; its answer brings the order back to RESERVED (or ON_HOLD
 * when stock is short). Both services run as their own processes on their own databases.
 */
describe('order intake → Kafka → inventory reservation → order RESERVED', () => {
  let orderDb: TestDatabase;
  let inventoryDb: TestDatabase;
  let orders: RunningService;
  let inventory: RunningService;
  const producer = new EventProducer(testKafka('odoo-adapter-stand-in'));
  const erp = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'odoo-adapter');
  const customerId = uniqueName('customer');
  const sku = uniqueName('SKU');

  const call = (service: RunningService, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const orderStatus = async (orderId: string) => ((await (await call(orders, 'GET', `/orders/${orderId}`)).json()) as { status: string }).status;

  beforeAll(async () => {
    await ensureCatalogTopics();
    [orderDb, inventoryDb] = await Promise.all([createTestDatabase({ eventTables: false }), createTestDatabase({ eventTables: false })]);
    const [orderGroup, inventoryGroup] = [uniqueName('order-service'), uniqueName('inventory-service')];
    [orders, inventory] = await Promise.all([
      startServiceProcess('order-service', { DATABASE_URL: orderDb.url, KAFKA_CONSUMER_GROUP: orderGroup, KAFKA_CONSUMER_START: 'latest' }),
      startServiceProcess('inventory-service', { DATABASE_URL: inventoryDb.url, KAFKA_CONSUMER_GROUP: inventoryGroup, KAFKA_CONSUMER_START: 'latest' }),
    ]);
    await Promise.all([waitForConsumerGroup(orderGroup), waitForConsumerGroup(inventoryGroup)]);

    // Inventory: a warehouse, the product, the webshop channel and 12 units received.
    expect((await call(inventory, 'PUT', '/locations/WH-1', { kind: 'WAREHOUSE', onHandAuthority: 'WMS' })).status).toBe(200);
    expect((await call(inventory, 'PUT', `/products/${sku}`, { baseUnit: 'Units' })).status).toBe(200);
    expect((await call(inventory, 'PUT', '/channels/webshop', { locationIds: ['WH-1'], reservationPolicy: 'ALLOW_PARTIAL' })).status).toBe(200);
    const receipt = JSON.stringify({ kind: 'RECEIPT', sku, locationId: 'WH-1', quantity: units('12'), sourceSystem: 'wms', sourceEventId: uniqueName('rcpt'), reasonCode: 'STOCK.RECEIPT', occurredAt: new Date().toISOString() });
    const received = await fetch(`${inventory.url}/webhooks/stock-movements`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signWebhook(TEST_WEBHOOK_SECRET, receipt) }, body: receipt });
    expect(received.status).toBe(200);

    // ERP master data for the order-service gates, as the odoo-adapter publishes it.
    await erp.publish([
      { type: 'backbone.erp.PricelistChanged', key: '70', payload: { pricelistId: 70, name: 'Retail', currency: 'EUR', active: true, changedAt: new Date(), items: [{ productId: 1, sku, minQuantity: units('1'), price: { amount: '4.20', currency: 'EUR' }, dateStart: null, dateEnd: null }] } },
      { type: 'backbone.erp.PartnerChanged', key: '700', payload: { partnerId: 700, parentId: null, name: 'ACME', isCompany: true, email: null, vat: null, address: null, creditLimit: null, onCreditHold: false, active: true, ref: customerId, pricelistId: 70, changedAt: new Date() } },
    ]);
    await eventually(async () => (await orderDb.db('customer_account').where({ customer_id: customerId }).first()) !== undefined, 30_000, 'the customer synced to the order-service');
  }, 180_000);

  afterAll(async () => {
    await Promise.all([orders?.stop(), inventory?.stop()]);
    await producer.disconnect();
    await Promise.all([orderDb?.drop(), inventoryDb?.drop()]);
  });

  const submit = (externalOrderId: string, quantity: string) =>
    call(orders, 'POST', '/orders', {
      channel: 'webshop',
      externalOrderId,
      customer: { customerId, name: 'ACME GmbH' },
      billTo: address,
      shipTo: address,
      currency: 'EUR',
      lines: [{ sku, quantity, unit: 'Units', unitPrice: '4.20' }],
      placedAt: new Date().toISOString(),
    }, { 'Idempotency-Key': externalOrderId });

  it('reserves an order placed through the intake API and brings it back RESERVED, with OrderReserved on orders.order.v1', async () => {
    const published = await watchTopics(['orders.order.v1']);
    try {
      const response = await submit(uniqueName('WS'), '8');
      expect(response.status).toBe(201);
      const { orderId, status } = (await response.json()) as { orderId: string; status: string };
      expect(status).toBe('VALIDATED');

      const reserved = await published.waitFor('backbone.orders.OrderReserved', (payload) => payload.orderId === orderId);
      expect(reserved.payload.lines).toEqual([{ lineId: '1', sku, locationId: 'WH-1', quantity: units('8') }]);
      await eventually(async () => (await orderStatus(orderId)) === 'RESERVED', 30_000, 'order RESERVED');
      const [reservation] = await inventoryDb.db('reservation').where({ order_id: orderId }).select('status');
      expect(reservation.status).toBe('CONFIRMED');
    } finally {
      await published.stop();
    }
  });

  it('holds an order the warehouse can only partly serve, with ORDER.NOT_AVAILABLE in the exception queue', async () => {
    const response = await submit(uniqueName('WS'), '10');
    const { orderId } = (await response.json()) as { orderId: string };

    await eventually(async () => (await orderStatus(orderId)) === 'ON_HOLD', 30_000, 'order ON_HOLD');

    const exceptions = (await (await call(orders, 'GET', `/exceptions?subjectId=${orderId}`)).json()) as { items: { code: string; message: string }[] };
    expect(exceptions.items).toEqual([expect.objectContaining({ code: 'ORDER.NOT_AVAILABLE', message: 'not enough stock: line 1 short 6 Units' })]);
  });
});
