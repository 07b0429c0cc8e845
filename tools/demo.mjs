// The demonstration flow `npm start` runs once the services are ready: a warehouse reports stock,
// the ERP's customer and pricelist arrive, a shop places an order through the order-service intake
// API, the order-service validates it and the inventory-service reserves it — all through Kafka
// and the schema registry — then the APIs show the result.
// Needs KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL, ORDERS_URL and API_KEY (an ops or admin key).
import events from '../libs/events/dist/index.js';

const { createBackboneCodec, createKafka, EventProducer, EventPublisher, ensureTopics, newEventId } = events;
const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL, ORDERS_URL = 'http://127.0.0.1:3101', API_KEY } = process.env;
const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY };
const say = (message) => console.log(`[demo] ${message}`);

async function request(base, method, path, body, extraHeaders = {}) {
  const response = await fetch(`${base}${path}`, { method, headers: { ...headers, ...extraHeaders }, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}
const call = (method, path, body) => request(INVENTORY_URL, method, path, body);
const orders = (method, path, body, extraHeaders) => request(ORDERS_URL, method, path, body, extraHeaders);

async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const kafka = createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'demo' });
await ensureTopics(kafka, ['orders.order.v1', 'inventory.movements.v1', 'inventory.stock.v1', 'erp.masterdata.v1'].map((topic) => ({ topic, partitions: 6 })));
const producer = new EventProducer(kafka);
const publisher = new EventPublisher(createBackboneCodec({ url: SCHEMA_REGISTRY_URL }), producer, 'demo');
const run = newEventId().slice(-8);
const sku = `DEMO-${run}`;

say(`setting up locations, product ${sku} (sold by the unit and in boxes of 6) and the webshop channel`);
await call('PUT', '/locations/WH-EAST', { kind: 'WAREHOUSE', onHandAuthority: 'WMS' });
await call('PUT', '/locations/WH-WEST', { kind: 'WAREHOUSE', onHandAuthority: 'WMS' });
await call('PUT', `/products/${sku}`, { baseUnit: 'Units', basePerUnit: { 'Box of 6': '6' } });
await call('PUT', '/channels/webshop', { locationIds: ['WH-EAST', 'WH-WEST'], preferredLocationId: 'WH-WEST', buffer: { kind: 'PERCENTAGE', percent: '10' } });

say('the WMS reports receipts: 3 boxes of 6 at WH-EAST, 4 units at WH-WEST (inventory.movements.v1)');
const receipt = (locationId, quantity) => ({
  type: 'backbone.inventory.StockMovementReported',
  key: `${sku}@${locationId}`,
  payload: { kind: 'RECEIPT', sku, locationId, transitLocationId: null, countedQuantityType: null, quantity, sourceSystem: 'wms-demo', sourceEventId: newEventId(), reportedBy: 'WMS', reasonCode: 'STOCK.RECEIPT', sequence: null, occurredAt: new Date() },
});
await publisher.publish([receipt('WH-EAST', { value: '3', uom: 'Box of 6' }), receipt('WH-WEST', { value: '4', uom: 'Units' })]);
await until('the receipts in the ledger', async () => (await call('GET', `/stock?sku=${sku}`)).items.length === 2);

say('the ERP publishes customer c-42 and its GBP pricelist (erp.masterdata.v1, as the odoo-adapter would)');
const pricelistId = 4200 + Math.floor(Math.random() * 1000);
await publisher.publish([
  {
    type: 'backbone.erp.PricelistChanged',
    key: String(pricelistId),
    payload: { pricelistId, name: 'Demo GBP', currency: 'GBP', active: true, changedAt: new Date(), items: [{ productId: 1, sku, minQuantity: { value: '1', uom: 'Units' }, price: { amount: '19.90', currency: 'GBP' }, dateStart: null, dateEnd: null }] },
  },
  {
    type: 'backbone.erp.PartnerChanged',
    key: '4242',
    payload: { partnerId: 4242, parentId: null, name: 'Ada Lovelace', isCompany: false, email: null, vat: null, address: null, creditLimit: { amount: '1000', currency: 'GBP' }, onCreditHold: false, active: true, ref: 'c-42', pricelistId, changedAt: new Date() },
  },
]);

say('the webshop places an order for 10 units through the order-service intake API (POST /orders, Idempotency-Key)');
const address = { name: 'Ada Lovelace', street: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', countryCode: 'GB' };
const placed = await orders('POST', '/orders', {
  channel: 'webshop', externalOrderId: `shop-${run}`,
  customer: { customerId: 'c-42', name: 'Ada Lovelace' },
  billTo: address, shipTo: address, currency: 'GBP',
  lines: [{ sku, quantity: '10', unit: 'Units', unitPrice: '19.90' }],
  placedAt: new Date().toISOString(),
}, { 'idempotency-key': `demo-${run}` });
const { orderId } = placed;
say(`order ${orderId} is ${placed.status}${placed.hold ? ` (${placed.hold.reason.code})` : ''}`);
// The master data may reach the order-service just after the order: the exception queue's retry re-runs the gates.
await until('the order past its gates', async () => {
  const order = await orders('GET', `/orders/${orderId}`);
  if (order.status !== 'ON_HOLD') return order;
  // One retry re-runs every gate, and resolves the order's other gate exceptions when they pass.
  const { items: [exception] } = await orders('GET', `/exceptions?subjectId=${orderId}&status=OPEN`);
  if (exception) await orders('POST', `/exceptions/${exception.id}/retry`, { reason: 'master data synced' });
  return null;
});
const stock = await until('the reservation', async () => {
  const { items } = await call('GET', `/stock?sku=${sku}`);
  return items.reduce((sum, item) => sum + Number(item.reserved), 0) === 10 ? items : null;
});
say('stock after the reservation (preferred warehouse first, then the other):');
console.table(stock.map(({ locationId, onHand, reserved, availableToPromise }) => ({ locationId, onHand, reserved, availableToPromise })));
const { items } = await call('GET', `/availability/webshop?sku=${sku}`);
say(`the webshop may now sell ${items[0].available} units of ${sku} (available to promise minus its 10% buffer)`);
await until('the order-service to record the reservation', async () => (await orders('GET', `/orders/${orderId}`)).status !== 'VALIDATED');
const history = await orders('GET', `/orders/${orderId}/history`);
say(`order ${orderId} so far (GET /orders/{id}/history):`);
console.table(history.items.map(({ command, to, actor, reason }) => ({ command, to, actor: `${actor.kind}:${actor.id}`, reason: reason.code })));
await producer.disconnect();
