/*
 * bench/inventory: the inventory-service as it runs in production (its own process, real Kafka,
 * registry and PostgreSQL), fed WMS stock movements on inventory.movements.v1.
 *   throughput: a burst of BENCH_STOCK_EVENTS receipts, first send to last one in the ledger, and
 *               until the availability it changed is published and every event relayed to Kafka
 *   latency:    BENCH_STOCK_PACED receipts at half the published throughput (or BENCH_STOCK_RATE/s
 *               if lower), each for its own SKU, from the send to the AvailabilityChanged
 *               it causes (availability is coalesced every AVAILABILITY_INTERVAL_MS, 100 ms here)
 *               split into stages by the service's own timestamps (ledger, published figures)
 *               and the availability record's create time
 *   baseline:   raw kafkajs with JSON values on the same broker in the same run (bench/events' (c))
 * Run: npm run bench (builds everything), or npm run bench:inventory -w bench after a build.
 */
import { createBackboneCodec, EventProducer, EventPublisher, newEventId, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, waitForConsumerGroup } from '@backbone/events/testing';
import { startServiceProcess } from '@backbone/service-kit/testing';
import { cpuMs, printTable, sleep, summarize, until, type PathResult } from '../support';
import { measure, rawKafkajsPath } from '../events/paths';

const BURST = Number(process.env.BENCH_STOCK_EVENTS ?? 20_000);
const PACED = Number(process.env.BENCH_STOCK_PACED ?? 3_000);
const MAX_RATE = Number(process.env.BENCH_STOCK_RATE ?? Number.POSITIVE_INFINITY);
const SKUS = 500;
const CHUNK = 500;

function receipt(sku: string, locationId = 'WH-1'): OutgoingEvent {
  return {
    type: 'backbone.inventory.StockMovementReported',
    key: `${sku}@${locationId}`,
    payload: {
      kind: 'RECEIPT', sku, locationId, transitLocationId: null, countedQuantityType: null, quantity: { value: '1', uom: 'Units' },
      sourceSystem: 'bench-wms', sourceEventId: newEventId(), reportedBy: 'WMS', reasonCode: 'STOCK.RECEIPT', sequence: null, occurredAt: new Date(),
    },
  };
}

async function main(): Promise<void> {
  const kafka = testKafka('bench-inventory');
  await ensureCatalogTopics(kafka);
  const results: PathResult[] = [];
  let stages: PathResult[] = [];
  /** The service process's CPU time per stock event: on a shared machine, steadier than wall-clock figures. */
  const cpu: string[] = [];

  console.log('bench/inventory: baseline (raw kafkajs, JSON) first');
  const [baseline] = await measure(await rawKafkajsPath(kafka));
  results.push(baseline);

  const database = await createTestDatabase({ eventTables: false });
  const group = uniqueName('bench-inventory');
  const service = await startServiceProcess('inventory-service', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, KAFKA_CONSUMER_START: 'latest', AVAILABILITY_INTERVAL_MS: '100' });
  const producer = new EventProducer(kafka);
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'bench-wms');
  const watcher = kafka.consumer({ groupId: uniqueName('bench-availability'), maxWaitTimeInMs: 100 });
  try {
    const skus = Array.from({ length: SKUS + PACED }, (_, i) => `BENCH-${i}`);
    await database.db.batchInsert('product', skus.map((sku) => ({ sku, base_unit: 'Units' })), 1000);
    await database.db('location').insert({ location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' });
    await database.db('channel').insert({ channel: 'bench', location_ids: ['WH-1'] });
    await waitForConsumerGroup(group);

    // Availability events, timed on arrival, by SKU.
    const arrivals = new Map<string, number>();
    /** When the outbox relay produced each one (the record's create time). */
    const relayed = new Map<string, number>();
    const joined = new Promise<void>((resolve) => watcher.on(watcher.events.GROUP_JOIN, () => resolve()));
    await watcher.connect();
    await watcher.subscribe({ topics: ['inventory.availability.v1'], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ message }) => {
        const sku = message.key!.toString().split('/')[1];
        arrivals.set(sku, Date.now());
        relayed.set(sku, Number(message.timestamp));
      },
    });
    await joined;

    console.log(`inventory-service: burst of ${BURST} receipts over ${SKUS} SKUs`);
    const ledgerSize = async () => Number((await database.db('ledger_entry').count({ n: '*' }))[0].n);
    const startedAt = Date.now();
    const cpuBefore = cpuMs(service.child.pid);
    for (let i = 0; i < BURST; i += CHUNK) await publisher.publish(Array.from({ length: Math.min(CHUNK, BURST - i) }, (_, k) => receipt(skus[(i + k) % SKUS])));
    await eventually(async () => (await ledgerSize()) >= BURST, 600_000, 'the burst in the ledger');
    results.push(summarize('inventory-service ingest (burst)', BURST, startedAt, Date.now(), []));
    // The paced phase starts on a quiet service: availability published and every event relayed.
    const backlog = async () => Number((await database.db.raw('select (select count(*) from availability_pending) + (select count(*) from event_outbox) as n')).rows[0].n);
    await eventually(async () => (await backlog()) === 0, 600_000, 'the burst published');
    results.push(summarize('burst → availability published and relayed', BURST, startedAt, Date.now(), []));
    const cpuAfterBurst = cpuMs(service.child.pid);
    const benchCpuBefore = process.cpuUsage();
    cpu.push(`burst ${((cpuAfterBurst - cpuBefore) / BURST).toFixed(2)}`);

    // Latency at half the measured rate, each receipt on a SKU of its own.
    const rate = Math.min(MAX_RATE, Math.floor(results[2].eventsPerSecond / 2));
    const sentAt = new Map<string, number>();
    const pacedStart = Date.now();
    const perTick = Math.max(1, Math.round(rate / 100));
    for (let sent = 0, tick = 0; sent < PACED; tick++) {
      const batch = skus.slice(SKUS + sent, SKUS + Math.min(PACED, sent + perTick));
      const now = Date.now();
      for (const sku of batch) sentAt.set(sku, now);
      await publisher.publish(batch.map((sku) => receipt(sku)));
      sent += batch.length;
      const wait = pacedStart + (tick + 1) * 10 - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await until(() => [...sentAt.keys()].every((sku) => arrivals.has(sku)), 60_000, 'every availability event', () => `${[...sentAt.keys()].filter((sku) => arrivals.has(sku)).length} of ${PACED}`);
    const latencies = [...sentAt].map(([sku, at]) => (arrivals.get(sku) as number) - at);
    results.push(summarize(`stock event → AvailabilityChanged (paced ${rate}/s)`, PACED, pacedStart, Date.now(), latencies));
    cpu.push(`paced ${((cpuMs(service.child.pid) - cpuAfterBurst) / PACED).toFixed(2)}`);
    const benchCpu = process.cpuUsage(benchCpuBefore);
    cpu.push(`this bench's own process while pacing ${((benchCpu.user + benchCpu.system) / 1000 / PACED).toFixed(2)}`);
    const [{ transactions }] = await database.db('event_inbox').where('processed_at', '>=', new Date(pacedStart)).countDistinct({ transactions: 'processed_at' });
    const [{ passes }] = await database.db('availability_published').whereIn('sku', [...sentAt.keys()]).countDistinct({ passes: 'published_at' });
    cpu.push(`paced batches: ${(PACED / Number(transactions)).toFixed(1)} events per consumer transaction, ${(PACED / Number(passes)).toFixed(1)} per availability pass`);
    stages = await stageBreakdown(database.db, sentAt, relayed, arrivals);
  } finally {
    await watcher.disconnect();
    await producer.disconnect();
    await service.stop();
    await database.drop();
  }

  printTable(results);
  console.log('\nwhere the paced latency goes (p50/p99 of each stage, ms):');
  for (const stage of stages) console.log(stage.name.padEnd(44) + stage.p50Ms.toFixed(1).padStart(9) + stage.p99Ms.toFixed(1).padStart(9));
  console.log(`\ninventory-service CPU per stock event (ms): ${cpu.join('; ')}`);
  console.log('');
  console.log(`ratio ingest/baseline (throughput): ${(results[1].eventsPerSecond / results[0].eventsPerSecond).toFixed(2)}`);
  process.exit(0);
}

/**
 * Splits each paced latency by the service's own timestamps: send → ledger entry recorded (Kafka
 * fetch, batch load), recorded → availability computed (ingest commit, publisher wake-up and
 * interval), computed → relayed (publisher commit, outbox relay wake-up; the record's create time),
 * relayed → received (broker, this bench's consumer).
 */
async function stageBreakdown(db: Awaited<ReturnType<typeof createTestDatabase>>['db'], sentAt: Map<string, number>, relayed: Map<string, number>, arrivals: Map<string, number>): Promise<PathResult[]> {
  const skus = [...sentAt.keys()];
  const rows: { sku: string; recorded: Date; published: Date }[] = await db('ledger_entry as l')
    .join('availability_published as a', 'a.sku', 'l.sku')
    .whereIn('l.sku', skus)
    .select('l.sku', 'l.recorded_at as recorded', 'a.published_at as published');
  const stage = (name: string, of: (row: (typeof rows)[number]) => number) => summarize(name, rows.length, 0, 1, rows.map(of));
  return [
    stage('send → recorded in the ledger', (row) => row.recorded.getTime() - (sentAt.get(row.sku) as number)),
    stage('recorded → availability computed', (row) => row.published.getTime() - row.recorded.getTime()),
    stage('computed → relayed to Kafka', (row) => (relayed.get(row.sku) as number) - row.published.getTime()),
    stage('relayed → received by the bench', (row) => (arrivals.get(row.sku) as number) - (relayed.get(row.sku) as number)),
  ];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
