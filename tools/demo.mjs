// The demonstration flow `npm start` runs once the services are ready: a warehouse reports stock,
// a shop's order is received and validated, and the inventory-service reserves it — all through
// Kafka and the schema registry — then the stock API shows the result.
// Needs KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL and API_KEY (an ops or admin key).
import events from '../libs/events/dist/index.js';

const { createBackboneCodec, createKafka, EventProducer, EventPublisher, ensureTopics, newEventId } = events;
const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL, API_KEY } = process.env;
const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY };
const say = (message) => console.log(`[demo] ${message}`);

async function call(method, path, body) {
  const response = await fetch(`${INVENTORY_URL}${path}`, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}

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
await ensureTopics(kafka, ['orders.order.v1', 'inventory.movements.v1', 'inventory.stock.v1'].map((topic) => ({ topic, partitions: 6 })));
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

const orderId = `demo-order-${run}`;
say(`the webshop's order ${orderId} for 10 units is received and validated (orders.order.v1)`);
const address = { name: 'Ada Lovelace', street: '12 Analytical St', street2: null, city: 'London', postalCode: 'N1 9GU', region: null, countryCode: 'GB', phone: null, email: null };
await publisher.publish([
  {
    type: 'backbone.orders.OrderReceived',
    key: orderId,
    payload: {
      orderId, channel: 'webshop', externalOrderId: `shop-${run}`,
      customer: { customerId: 'c-42', channelCustomerId: null, name: 'Ada Lovelace', email: null },
      billTo: address, shipTo: address,
      lines: [{ lineId: '1', sku, quantity: { value: '10', uom: 'Units' }, unitPrice: { amount: '19.90', currency: 'GBP' } }],
      requestedDate: null, notes: null, placedAt: new Date(),
    },
  },
  { type: 'backbone.orders.OrderValidated', key: orderId, payload: { orderId } },
]);

const stock = await until('the reservation', async () => {
  const { items } = await call('GET', `/stock?sku=${sku}`);
  return items.reduce((sum, item) => sum + Number(item.reserved), 0) === 10 ? items : null;
});
say('stock after the reservation (preferred warehouse first, then the other):');
console.table(stock.map(({ locationId, onHand, reserved, availableToPromise }) => ({ locationId, onHand, reserved, availableToPromise })));
const { items } = await call('GET', `/availability/webshop?sku=${sku}`);
say(`the webshop may now sell ${items[0].available} units of ${sku} (available to promise minus its 10% buffer)`);
await producer.disconnect();
