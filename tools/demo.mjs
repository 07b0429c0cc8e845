// The demonstration flow `npm start` runs once the services are ready, end to end through Kafka,
// the schema registry and Odoo (the simulator, or a real Odoo given ODOO_URL):
//   Odoo's customers, pricelists and products reach the services through the odoo-adapter's
//   change capture → a WMS reports stock → a B2B customer orders through the order-service API →
//   validation gates (customer, credit, B2B price) → the inventory-service reserves →
//   the odoo-adapter writes and confirms the sale order in Odoo → the order is released →
//   the WMS confirms a partial shipment → the adapter validates Odoo's delivery with a backorder.
// Needs KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL, ORDERS_URL, ODOO_URL, ODOO_DATABASE,
// ODOO_API_KEY, API_KEY (ops or admin) and WEBHOOK_SECRET (the `wms` webhook secret).
import { createHmac } from 'node:crypto';
import events from '../libs/events/dist/index.js';

const { createBackboneCodec, createKafka, EventProducer, EventPublisher, ensureTopics, newEventId } = events;
const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, INVENTORY_URL, ORDERS_URL, ODOO_URL, ODOO_DATABASE, ODOO_API_KEY, API_KEY, WEBHOOK_SECRET } = process.env;
const say = (message) => console.log(`[demo] ${message}`);

async function request(base, method, path, body, extraHeaders = {}) {
  const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY, ...extraHeaders };
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json();
}
const inventory = (method, path, body) => request(INVENTORY_URL, method, path, body);
const orders = (method, path, body, extraHeaders) => request(ORDERS_URL, method, path, body, extraHeaders);
/** Reads Odoo through its JSON-2 API (read only: the odoo-adapter is the only writer). */
const odoo = (model, method, body) => request(ODOO_URL, 'POST', `/json/2/${model}/${method}`, body, { authorization: `bearer ${ODOO_API_KEY}`, 'x-odoo-database': ODOO_DATABASE, 'x-api-key': '' });

async function until(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const kafka = createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'demo' });
await ensureTopics(kafka, [{ topic: 'inventory.movements.v1', partitions: 6 }]);
const producer = new EventProducer(kafka);
const publisher = new EventPublisher(createBackboneCodec({ url: SCHEMA_REGISTRY_URL }), producer, 'demo');
const run = newEventId().slice(-8);
const sku = 'SKU-1001';

const [customer] = await odoo('res.partner', 'search_read', { domain: [['ref', '=', 'C-ACME']], fields: ['name', 'credit_limit', 'property_product_pricelist'] });
say(`Odoo holds customer C-ACME (${customer.name}, credit limit ${customer.credit_limit}, pricelist ${customer.property_product_pricelist[1]}) and ${sku}; the odoo-adapter captures them by write_date onto erp.masterdata.v1`);

say('the inventory-service gets two WMS-run warehouses serving the b2b-portal channel; the WMS reports receipts of 8 and 6 units (inventory.movements.v1)');
await inventory('PUT', `/locations/WH-EAST-${run}`, { kind: 'WAREHOUSE', onHandAuthority: 'WMS' });
await inventory('PUT', `/locations/WH-WEST-${run}`, { kind: 'WAREHOUSE', onHandAuthority: 'WMS' });
await inventory('PUT', '/channels/b2b-portal', { locationIds: [`WH-EAST-${run}`, `WH-WEST-${run}`], preferredLocationId: `WH-WEST-${run}`, buffer: { kind: 'PERCENTAGE', percent: '10' } });
// The product master follows Odoo (ProductChanged); stating the unit here lets the demo go on before that event lands.
await inventory('PUT', `/products/${sku}`, { baseUnit: 'Units' });
await publisher.publish([receipt(`WH-EAST-${run}`, '8'), receipt(`WH-WEST-${run}`, '6')]);
await until('the receipts in the ledger', async () => (await inventory('GET', `/stock?sku=${sku}`)).items.filter((item) => item.locationId.endsWith(run)).length === 2);

function receipt(locationId, units) {
  return {
    type: 'backbone.inventory.StockMovementReported',
    key: `${sku}@${locationId}`,
    payload: { kind: 'RECEIPT', sku, locationId, transitLocationId: null, countedQuantityType: null, quantity: { value: units, uom: 'Units' }, sourceSystem: 'wms-demo', sourceEventId: newEventId(), reportedBy: 'WMS', reasonCode: 'STOCK.RECEIPT', sequence: null, occurredAt: new Date() },
  };
}

say('Acme orders 10 drills at its B2B price 115.00 EUR through the order-service intake API (POST /orders, Idempotency-Key)');
const address = { name: 'Acme Hardware Ltd', street: '1 Forge Lane', city: 'Leeds', postalCode: 'LS1 4AP', countryCode: 'GB' };
const placed = await orders(
  'POST',
  '/orders',
  {
    channel: 'b2b-portal',
    externalOrderId: `PO-${run}`,
    customer: { customerId: 'C-ACME', name: 'Acme Hardware Ltd' },
    billTo: address,
    shipTo: address,
    currency: 'EUR',
    lines: [{ sku, quantity: '10', unit: 'Units', unitPrice: '115.00' }],
    placedAt: new Date().toISOString(),
  },
  { 'idempotency-key': `demo-${run}` },
);
const { orderId } = placed;
say(`order ${orderId} is ${placed.status}${placed.hold ? ` (${placed.hold.reason.code}: ${placed.hold.reason.message})` : ''}`);
// Odoo's master data may reach the order-service just after the order: a retry from the exception queue re-runs the gates.
await until('the order past its gates', async () => {
  const order = await orders('GET', `/orders/${orderId}`);
  if (order.status !== 'ON_HOLD') return order;
  const {
    items: [exception],
  } = await orders('GET', `/exceptions?subjectId=${orderId}&status=OPEN`);
  if (exception) await orders('POST', `/exceptions/${exception.id}/retry`, { reason: 'master data synced from Odoo' });
  return null;
});

const released = await until('the sale order in Odoo and the release to the warehouse', async () => {
  const order = await orders('GET', `/orders/${orderId}`);
  return order.status === 'RELEASED' ? order : null;
});
const stock = (await inventory('GET', `/stock?sku=${sku}`)).items.filter((item) => item.locationId.endsWith(run));
say('the inventory-service reserved the order (preferred warehouse first, then the other):');
console.table(stock.map(({ locationId, onHand, reserved, availableToPromise }) => ({ locationId, onHand, reserved, availableToPromise })));
const [saleOrder] = await odoo('sale.order', 'search_read', { domain: [['client_order_ref', '=', orderId]], fields: ['name', 'state', 'amount_total', 'picking_ids'] });
say(`the odoo-adapter created and confirmed ${saleOrder.name} in Odoo (state "${saleOrder.state}", total ${saleOrder.amount_total}); the order-service released the order to the warehouse`);

say('the WMS ships 6 drills and backorders 4 (POST /webhooks/shipments, signed with the wms secret)');
const shipment = JSON.stringify({
  orderId,
  shipmentId: `SHP-${run}`,
  sourceSystem: 'wms-demo',
  locationId: `WH-WEST-${run}`,
  lines: [{ lineId: released.lines[0].lineId, sku, shipped: { value: '6', uom: 'Units' }, backordered: { value: '4', uom: 'Units' } }],
  carrier: 'dhl',
  trackingNumber: `JD0002${run}`,
  shippedAt: new Date().toISOString(),
});
await orders('POST', '/webhooks/shipments', shipment, { 'x-signature': sign(shipment) });
await until('Odoo to validate the delivery with a backorder', async () => {
  const pickings = await odoo('stock.picking', 'search_read', { domain: [['origin', '=', saleOrder.name]], fields: ['name', 'state', 'backorder_id'] });
  return pickings.some((picking) => picking.state === 'done') && pickings.some((picking) => picking.backorder_id) ? pickings : null;
}).then((pickings) => {
  say(`Odoo's deliveries for ${saleOrder.name}:`);
  console.table(pickings.map(({ name, state, backorder_id }) => ({ name, state, backorderOf: backorder_id ? backorder_id[1] : '' })));
});

function sign(body) {
  const t = String(Math.floor(Date.now() / 1000));
  return `t=${t},v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex')}`;
}

const order = await orders('GET', `/orders/${orderId}`);
say(`order ${orderId} is ${order.status}; its line: ${JSON.stringify(order.lines.map(({ ordered, reserved, shipped, backordered }) => ({ ordered, reserved, shipped, backordered }))[0])}`);
const history = await orders('GET', `/orders/${orderId}/history`);
say('its history (GET /orders/{id}/history):');
console.table(history.items.map(({ command, to, actor, reason }) => ({ command, to, actor: `${actor.kind}:${actor.id}`, reason: reason.code })));
await producer.disconnect();
