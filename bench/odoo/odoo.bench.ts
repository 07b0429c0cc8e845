/*
 * bench/odoo: sale orders written into Odoo (the simulator: 20 ms per call, 4 workers, Odoo 19 JSON-2).
 *   adapter:  the odoo-adapter in its own process; BENCH_ODOO_ORDERS orders published on Kafka
 *             (OrderReceived + OrderReserved each), from the first send until every one is a
 *             confirmed sale order in Odoo
 *   baseline: a naive point-to-point connector in the same run: one order at a time, one call per
 *             record (partner by ref, product per line, create, confirm, read its name)
 * Reported: orders/s and Odoo calls per 1,000 orders for each.
 * Run: npm run bench (builds everything), or npm run bench:odoo -w bench after a build.
 */
import { createBackboneCodec, EventProducer, EventPublisher, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, testKafka, testStack, uniqueName, waitForConsumerGroup } from '@backbone/events/testing';
import { seedDemoCatalog, startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { startServiceProcess } from '@backbone/service-kit/testing';
import { until } from '../support';

const ORDERS = Number(process.env.BENCH_ODOO_ORDERS ?? 2_000);
const BASELINE_ORDERS = Number(process.env.BENCH_ODOO_BASELINE_ORDERS ?? 100);
const LATENCY_MS = 20;
const WORKERS = 4;
const CUSTOMERS = ['C-ACME', 'C-BOLT', 'C-WEB'];
const SKUS = ['SKU-1001', 'SKU-1002', 'SKU-1003', 'SKU-1004', 'SKU-1005', 'SKU-1006', 'SKU-1007', 'SKU-1008'];

interface Order {
  orderId: string;
  customerId: string;
  lines: Array<{ sku: string; quantity: number; price: number }>;
}

interface Result {
  name: string;
  orders: number;
  seconds: number;
  calls: number;
}

/** Orders of 1–3 lines over the demo catalog's customers and SKUs. */
function makeOrders(count: number, prefix: string): Order[] {
  return Array.from({ length: count }, (_, i) => ({
    orderId: `${prefix}-${i}`,
    customerId: CUSTOMERS[i % CUSTOMERS.length]!,
    lines: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ sku: SKUS[(i + k) % SKUS.length]!, quantity: 1 + k, price: 10 + k })),
  }));
}

function events(order: Order): OutgoingEvent[] {
  const address = { name: 'Bench', street: '1 Main St', street2: null, city: 'Lyon', postalCode: '69001', region: null, countryCode: 'FR', phone: null, email: null };
  const received = {
    orderId: order.orderId,
    channel: 'bench',
    externalOrderId: order.orderId,
    customer: { customerId: order.customerId, channelCustomerId: null, name: order.customerId, email: null },
    billTo: address,
    shipTo: address,
    lines: order.lines.map((line, k) => ({ lineId: String(k + 1), sku: line.sku, quantity: { value: String(line.quantity), uom: 'Units' }, unitPrice: { amount: String(line.price), currency: 'EUR' } })),
    requestedDate: null,
    notes: null,
    placedAt: new Date(),
  };
  return [
    { type: 'backbone.orders.OrderReceived', key: order.orderId, payload: received },
    { type: 'backbone.orders.OrderReserved', key: order.orderId, payload: { orderId: order.orderId, lines: [] } },
  ];
}

/** The naive connector: JSON-2 calls one after another, as a point-to-point script makes them. */
async function naiveConnector(odoo: OdooSimulator, orders: Order[]): Promise<void> {
  const apiKey = odoo.users.find((user) => user.login === 'integration')!.apiKey!;
  const call = async (model: string, method: string, body: object): Promise<unknown> => {
    const response = await fetch(`${odoo.url}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `bearer ${apiKey}`, 'X-Odoo-Database': odoo.database },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${model}.${method}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  for (const order of orders) {
    const [partnerId] = (await call('res.partner', 'search', { domain: [['ref', '=', order.customerId]], limit: 1 })) as number[];
    const lines = [];
    for (const line of order.lines) {
      const [productId] = (await call('product.product', 'search', { domain: [['default_code', '=', line.sku]], limit: 1 })) as number[];
      lines.push([0, 0, { product_id: productId, product_uom_qty: line.quantity, price_unit: line.price }]);
    }
    const [orderId] = (await call('sale.order', 'create', { vals_list: [{ partner_id: partnerId, client_order_ref: order.orderId, order_line: lines }] })) as number[];
    await call('sale.order', 'action_confirm', { ids: [orderId] });
    await call('sale.order', 'read', { ids: [orderId], fields: ['name'] });
  }
}

const confirmedCount = (odoo: OdooSimulator, prefix: string) => odoo.orm.search('sale.order', [['client_order_ref', '=like', `${prefix}-%`], ['state', '=', 'sale']]).length;

async function main(): Promise<void> {
  const results: Result[] = [];
  const odoo = await startOdooSimulator({ version: 19, latencyMs: LATENCY_MS, workers: WORKERS, seed: (seed) => void seedDemoCatalog(seed) });
  try {
    console.log(`bench/odoo: simulator ${LATENCY_MS} ms per call, ${WORKERS} workers; baseline: naive connector, ${BASELINE_ORDERS} orders`);
    odoo.stats.reset();
    const baselineOrders = makeOrders(BASELINE_ORDERS, uniqueName('naive'));
    let startedAt = Date.now();
    await naiveConnector(odoo, baselineOrders);
    results.push({ name: 'naive point-to-point connector', orders: BASELINE_ORDERS, seconds: (Date.now() - startedAt) / 1000, calls: odoo.stats.total });

    console.log(`odoo-adapter: ${ORDERS} orders through Kafka`);
    await ensureCatalogTopics();
    const database = await createTestDatabase({ eventTables: false });
    const group = uniqueName('bench-odoo-adapter');
    const integration = odoo.users.find((user) => user.login === 'integration')!;
    const adapter = await startServiceProcess('odoo-adapter', {
      DATABASE_URL: database.url,
      KAFKA_CONSUMER_GROUP: group,
      KAFKA_CONSUMER_START: 'latest',
      ODOO_URL: odoo.url,
      ODOO_DATABASE: odoo.database,
      ODOO_API_KEY: integration.apiKey!,
      ODOO_API: 'json2',
      ODOO_WORKERS: String(WORKERS),
    });
    const producer = new EventProducer(testKafka('bench-order-service'));
    const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'order-service');
    try {
      await waitForConsumerGroup(group);
      const prefix = uniqueName('bench');
      const orders = makeOrders(ORDERS, prefix);
      odoo.stats.reset();
      startedAt = Date.now();
      for (let i = 0; i < orders.length; i += 250) await publisher.publish(orders.slice(i, i + 250).flatMap(events));
      // Polled every 20 ms: counting searches the simulator, which runs in this process.
      await until(() => confirmedCount(odoo, prefix) >= ORDERS, 600_000, 'every order confirmed in Odoo', () => `${confirmedCount(odoo, prefix)} of ${ORDERS} confirmed`, 20);
      results.push({ name: 'odoo-adapter (Kafka → batches → Odoo)', orders: ORDERS, seconds: (Date.now() - startedAt) / 1000, calls: odoo.stats.total });
      const duplicates = odoo.orm.search('sale.order', [['client_order_ref', '=like', `${prefix}-%`]]).length - ORDERS;
      if (duplicates !== 0) throw new Error(`${duplicates} duplicate sale orders`);
    } finally {
      await adapter.stop();
      await producer.disconnect();
      await database.drop();
    }
  } finally {
    await odoo.stop();
  }

  console.log('');
  console.log('path'.padEnd(42) + 'orders'.padStart(8) + 'orders/s'.padStart(10) + 'calls/1000 orders'.padStart(19));
  for (const r of results) {
    console.log(r.name.padEnd(42) + String(r.orders).padStart(8) + (r.orders / r.seconds).toFixed(1).padStart(10) + ((r.calls / r.orders) * 1000).toFixed(0).padStart(19));
  }
  const [baseline, adapter] = results as [Result, Result];
  console.log(
    `\nadapter vs baseline: ${(adapter.orders / adapter.seconds / (baseline.orders / baseline.seconds)).toFixed(1)}× the orders/s, ` +
      `${((adapter.calls / adapter.orders / (baseline.calls / baseline.orders)) * 100).toFixed(1)}% of the calls per order`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
