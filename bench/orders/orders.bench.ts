/*
 * bench/orders: the order-service intake API as channels use it (its own process, real Kafka,
 * registry and PostgreSQL), with the inventory-service reserving behind it.
 *   throughput: BENCH_ORDERS orders POSTed by BENCH_ORDER_CONCURRENCY keep-alive connections, each
 *               with an Idempotency-Key; an order is accepted when its 201 answers (order, audit
 *               and outbox rows committed); then until the relay has sent every event to Kafka
 *   latency:    BENCH_ORDERS_PACED orders at half the accepted rate (or BENCH_ORDER_RATE/s if
 *               lower), twice: the intake request's latency with the order-service alone (as it
 *               runs in production, on cores of its own); then with the inventory-service
 *               reserving on the same two cores, the intake latency again and from the request to
 *               OrderReserved on orders.order.v1 (order-service → inventory-service → order-service)
 *   baseline:   raw kafkajs with JSON values on the same broker in the same run (bench/events' (c))
 * Run: npm run bench (builds everything), or npm run bench:orders -w bench after a build.
 */
import { Agent, request } from 'node:http';
import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, waitForConsumerGroup, type TestDatabase } from '@backbone/events/testing';
import { startServiceProcess, type RunningService } from '@backbone/service-kit/testing';
import { cpuMs, printTable, sleep, summarize, until, type PathResult } from '../support';
import { measure, rawKafkajsPath } from '../events/paths';

const BURST = Number(process.env.BENCH_ORDERS ?? 10_000);
const PACED = Number(process.env.BENCH_ORDERS_PACED ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_ORDER_CONCURRENCY ?? 32);
const MAX_RATE = Number(process.env.BENCH_ORDER_RATE ?? Number.POSITIVE_INFINITY);
const SKUS = 200;
const CUSTOMER = 'BENCH-CUSTOMER';
const address = { name: 'Bench GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

// One keep-alive pool per phase: between phases the server closes idle connections (keepAliveTimeout).
const burstAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const pacedAgent = new Agent({ keepAlive: true, maxSockets: 256 });

function orderBody(externalOrderId: string, i: number): string {
  return JSON.stringify({
    channel: 'webshop',
    externalOrderId,
    customer: { customerId: CUSTOMER, name: 'Bench GmbH' },
    billTo: address,
    shipTo: address,
    currency: 'EUR',
    lines: [{ sku: `BENCH-${i % SKUS}`, quantity: '1', unit: 'Units', unitPrice: '9.90' }],
    placedAt: new Date().toISOString(),
  });
}

/**
 * POSTs one order; resolves with the status and the order id. A kept-alive connection the server
 * closed just as it was reused fails with ECONNRESET: that request is sent once more (as Node's
 * documentation advises; the Idempotency-Key makes the repeat safe).
 */
function submit(agent: Agent, url: URL, externalOrderId: string, i: number, retried = false): Promise<{ status: number; orderId: string }> {
  const body = orderBody(externalOrderId, i);
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: '/orders', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': externalOrderId } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, orderId: res.statusCode === 201 ? (JSON.parse(text) as { orderId: string }).orderId : text }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(submit(agent, url, externalOrderId, i, true));
      else reject(error);
    });
    req.end(body);
  });
}

async function main(): Promise<void> {
  const kafka = testKafka('bench-orders');
  await ensureCatalogTopics(kafka);
  const results: PathResult[] = [];
  /** The order-service process's CPU time per accepted order in the burst: steadier than wall-clock figures on a shared machine. */
  let cpu = NaN;
  /** order-service and inventory-service CPU per paced order, from intake to OrderReserved. */
  let pacedCpu = [NaN, NaN];
  console.log('bench/orders: baseline (raw kafkajs, JSON) first');
  const [baseline] = await measure(await rawKafkajsPath(kafka));
  results.push(baseline);

  const [orderDb, inventoryDb] = await Promise.all([createTestDatabase({ eventTables: false }), createTestDatabase({ eventTables: false })]);
  const orderGroup = uniqueName('bench-orders');
  const orders = await startServiceProcess('order-service', { DATABASE_URL: orderDb.url, KAFKA_CONSUMER_GROUP: orderGroup, KAFKA_CONSUMER_START: 'latest', DEFAULT_PRICELIST_ID: '1' });
  let inventory: RunningService | undefined;
  const producer = new EventProducer(kafka);
  const erp = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'bench-erp');
  const watcher = kafka.consumer({ groupId: uniqueName('bench-order-events'), maxWaitTimeInMs: 100 });
  try {
    await waitForConsumerGroup(orderGroup);
    await seedMasterData(erp, orderDb);
    const url = new URL(orders.url);

    console.log(`order-service: burst of ${BURST} orders, ${CONCURRENCY} connections`);
    const burstStart = Date.now();
    const cpuBefore = cpuMs(orders.child.pid);
    const burstLatencies: number[] = [];
    let next = 0;
    let refused = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < BURST; i = next++) {
          const sent = Date.now();
          const { status } = await submit(burstAgent, url, `BURST-${orderGroup}-${i}`, i);
          burstLatencies.push(Date.now() - sent);
          if (status !== 201) refused++;
        }
      }),
    );
    const accepted = summarize(`intake API, ${CONCURRENCY} concurrent (201s)`, BURST, burstStart, Date.now(), burstLatencies);
    results.push(accepted);
    cpu = (cpuMs(orders.child.pid) - cpuBefore) / BURST;
    if (refused > 0) throw new Error(`${refused} orders were not accepted`);
    await eventually(async () => Number((await orderDb.db('event_outbox').count({ n: '*' }))[0].n) === 0, 300_000, 'the outbox drained');
    results.push(summarize('intake API → every event relayed to Kafka', BURST, burstStart, Date.now(), []));
    // Counted in the audit: inventory-services of other runs on the same broker may already be answering.
    const [{ validated }] = await orderDb.db('order_audit').where({ command: 'VALIDATE' }).count({ validated: '*' });
    if (Number(validated) !== BURST) throw new Error(`only ${validated} of ${BURST} orders passed the gates`);

    const rate = Math.min(MAX_RATE, Math.floor(accepted.eventsPerSecond / 2));
    console.log(`paced: ${PACED} orders at ${rate}/s, the order-service alone`);
    const alone = await pace(url, `ALONE-${orderGroup}`, PACED, rate);
    results.push(summarize(`intake API latency (paced ${rate}/s, alone)`, PACED, alone.startedAt, Date.now(), alone.intakeLatencies));
    await eventually(async () => Number((await orderDb.db('event_outbox').count({ n: '*' }))[0].n) === 0, 300_000, 'the outbox drained');

    // The inventory-service reserves from here on: started now, so the intake figures above do not share the two cores with it.
    const inventoryGroup = uniqueName('bench-inventory');
    inventory = await startServiceProcess('inventory-service', { DATABASE_URL: inventoryDb.url, KAFKA_CONSUMER_GROUP: inventoryGroup, KAFKA_CONSUMER_START: 'latest' });
    await seedStock(inventoryDb);
    await waitForConsumerGroup(inventoryGroup);
    const reservedAt = new Map<string, number>();
    const joined = new Promise<void>((resolve) => watcher.on(watcher.events.GROUP_JOIN, () => resolve()));
    await watcher.connect();
    await watcher.subscribe({ topics: ['orders.order.v1'], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.['event-type']?.toString() === 'backbone.orders.OrderReserved') reservedAt.set(message.key!.toString(), Date.now());
      },
    });
    await joined;

    console.log(`paced: ${PACED} orders at ${rate}/s, reserved by the inventory-service on the same cores`);
    const pacedCpuBefore = [cpuMs(orders.child.pid), cpuMs(inventory.child.pid)];
    const paced = await pace(url, `PACED-${orderGroup}`, PACED, rate);
    results.push(summarize(`intake API latency (paced ${rate}/s, reserving)`, PACED, paced.startedAt, Date.now(), paced.intakeLatencies));
    await until(() => [...paced.sentAt.keys()].every((orderId) => reservedAt.has(orderId)), 600_000, 'every OrderReserved', () => `${[...paced.sentAt.keys()].filter((id) => reservedAt.has(id)).length} of ${PACED}`);
    results.push(summarize(`intake → OrderReserved (paced ${rate}/s)`, PACED, paced.startedAt, Date.now(), [...paced.sentAt].map(([orderId, at]) => (reservedAt.get(orderId) as number) - at)));
    pacedCpu = [(cpuMs(orders.child.pid) - pacedCpuBefore[0]) / PACED, (cpuMs(inventory.child.pid) - pacedCpuBefore[1]) / PACED];
  } catch (error) {
    // The services' own account of what went wrong (they log warnings and errors only).
    for (const service of [orders, inventory]) if (service) console.error(service.output().split('\n').slice(-20).join('\n'));
    throw error;
  } finally {
    await watcher.disconnect();
    await producer.disconnect();
    await Promise.all([orders.stop(), inventory?.stop()]);
    await Promise.all([orderDb.drop(), inventoryDb.drop()]);
    burstAgent.destroy();
    pacedAgent.destroy();
  }

  printTable(results);
  console.log(`\norder-service CPU per accepted order (burst, relay included): ${cpu.toFixed(2)} ms`);
  console.log(`CPU per paced order until reserved: order-service ${pacedCpu[0].toFixed(2)} ms, inventory-service ${pacedCpu[1].toFixed(2)} ms`);
  console.log('');
  console.log(`accepted orders/s: ${results[1].eventsPerSecond.toFixed(0)} (baseline raw kafkajs events/s: ${results[0].eventsPerSecond.toFixed(0)}, ratio ${(results[1].eventsPerSecond / results[0].eventsPerSecond).toFixed(2)})`);
  process.exit(0);
}

/**
 * Submits `count` orders at `rate`/s, each at its own due time (i / rate), so low rates are paced
 * as exactly as high ones; resolves once every one has answered 201.
 */
async function pace(url: URL, prefix: string, count: number, rate: number): Promise<{ startedAt: number; intakeLatencies: number[]; sentAt: Map<string, number> }> {
  const sentAt = new Map<string, number>();
  const intakeLatencies: number[] = [];
  const pending: Promise<void>[] = [];
  const failures: unknown[] = [];
  const startedAt = Date.now();
  for (let i = 0; i < count; i++) {
    const wait = startedAt + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    const at = Date.now();
    pending.push(
      submit(pacedAgent, url, `${prefix}-${i}`, i).then(
        ({ status, orderId }) => {
          if (status !== 201) failures.push(`paced order ${i} answered ${status}: ${orderId}`);
          intakeLatencies.push(Date.now() - at);
          sentAt.set(orderId, at);
        },
        (error: unknown) => void failures.push(error),
      ),
    );
  }
  await Promise.all(pending);
  if (failures.length > 0) throw new Error(`${failures.length} paced orders failed, first: ${String(failures[0])}`);
  return { startedAt, intakeLatencies, sentAt };
}

/** The customer and the pricelist the gates check, published as the odoo-adapter publishes them. */
async function seedMasterData(erp: EventPublisher, orderDb: TestDatabase): Promise<void> {
  const units = { value: '1', uom: 'Units' };
  await erp.publish([
    {
      type: 'backbone.erp.PricelistChanged',
      key: '1',
      payload: { pricelistId: 1, name: 'Bench', currency: 'EUR', active: true, changedAt: new Date(), items: Array.from({ length: SKUS }, (_, i) => ({ productId: i + 1, sku: `BENCH-${i}`, minQuantity: units, price: { amount: '9.90', currency: 'EUR' }, dateStart: null, dateEnd: null })) },
    },
    { type: 'backbone.erp.PartnerChanged', key: '1', payload: { partnerId: 1, parentId: null, name: 'Bench GmbH', isCompany: true, email: null, vat: null, address: null, creditLimit: null, onCreditHold: false, active: true, ref: CUSTOMER, pricelistId: 1, changedAt: new Date() } },
  ]);
  await eventually(async () => (await orderDb.db('customer_account').where({ customer_id: CUSTOMER }).first()) !== undefined && (await orderDb.db('pricelist_item').count({ n: '*' }))[0].n === String(SKUS), 60_000, 'master data synced');
}

async function seedStock(inventoryDb: TestDatabase): Promise<void> {
  const skus = Array.from({ length: SKUS }, (_, i) => `BENCH-${i}`);
  await inventoryDb.db.batchInsert('product', skus.map((sku) => ({ sku, base_unit: 'Units' })), 1000);
  await inventoryDb.db('location').insert({ location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' });
  await inventoryDb.db.batchInsert('stock_position', skus.map((sku) => ({ sku, location_id: 'WH-1', on_hand: 1_000_000 })), 1000);
  await inventoryDb.db('channel').insert({ channel: 'webshop', location_ids: ['WH-1'] });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
