import { createBackboneCodec, EventProducer, EventPublisher, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, watchTopics, type SeenEvent, type TestDatabase, type TopicWatch } from '@backbone/events/testing';
import { EXCEPTION_TABLE } from '@backbone/exceptions';
import { startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { createService, hashApiKey, loadConfig } from '@backbone/service-kit';
import { stackEnv, startServiceProcess, type RunningService } from '@backbone/service-kit/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../app.module';
import { odooAdapterConfigSchema } from '../config/odoo-adapter.config';
import { odooSettingsFor } from '../testing/odoo-settings';
import type { ReconciliationConfig } from './reconciliation.settings';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { Reconciliations } from './reconciliations';

/**
 * Reconciliation through the adapter's API on the real stack: Odoo is the simulator, the
 * inventory-service runs as its own process (built dist) with its own database, order events
 * reach the adapter over Kafka, and drift leaves as events on erp.reconciliation.v1.
 */
describe('odoo-adapter reconciliation', () => {
  let odoo: OdooSimulator;
  let adapterDb: TestDatabase;
  let inventoryDb: TestDatabase;
  let inventory: RunningService;
  let app: INestApplication;
  let events: TopicWatch;
  const group = uniqueName('odoo-adapter-reconciliation');
  const producer = new EventProducer(testKafka('order-service-stand-in'));
  const orders = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'order-service');
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await ensureCatalogTopics();
    odoo = await startOdooSimulator({ version: 19 });
    const [sku1, sku2] = [odoo.seed.product({ name: 'Drill', default_code: 'SKU-1' }), odoo.seed.product({ name: 'Saw', default_code: 'SKU-2' })];
    odoo.seed.stock(sku1, 12);
    odoo.seed.stock(sku2, 5);

    inventoryDb = await createTestDatabase({ eventTables: false });
    inventory = await startServiceProcess('inventory-service', { DATABASE_URL: inventoryDb.url, KAFKA_CONSUMER_GROUP: uniqueName('inventory'), KAFKA_CONSUMER_START: 'latest' });
    await inventoryDb.db('product').insert([{ sku: 'SKU-1', base_unit: 'Units' }, { sku: 'SKU-2', base_unit: 'Units' }, { sku: 'SKU-3', base_unit: 'Units' }]);
    await inventoryDb.db('location').insert([{ location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'ODOO' }, { location_id: '3PL-X', kind: 'THREE_PL', on_hand_authority: 'WMS' }]);
    await inventoryDb.db('stock_position').insert([
      { sku: 'SKU-1', location_id: 'WH-1', on_hand: 12 },
      { sku: 'SKU-2', location_id: 'WH-1', on_hand: 3 },
      { sku: 'SKU-3', location_id: '3PL-X', on_hand: 7 }, // not an Odoo location: not compared
    ]);

    adapterDb = await createTestDatabase({ eventTables: false });
    const integration = odooSettingsFor(odoo, 'json2');
    const config = loadConfig(odooAdapterConfigSchema, {
      ...stackEnv('unused'),
      DATABASE_URL: adapterDb.url,
      KAFKA_CONSUMER_GROUP: group,
      KAFKA_CONSUMER_START: 'latest',
      ODOO_URL: integration.ODOO_URL,
      ODOO_DATABASE: integration.ODOO_DATABASE,
      ODOO_API_KEY: integration.ODOO_API_KEY,
      INVENTORY_URL: inventory.url,
      CHANGE_CAPTURE_ENABLED: 'false',
      RECONCILIATION_INTERVAL_MS: '0',
      RECONCILIATION_ORDER_GRACE_MS: '0',
      RECONCILIATION_LOCATION_MAP: JSON.stringify({ 'WH/Stock': 'WH-1' }),
    });
    app = await createService(AppModule.forRoot(config));
    await app.init();
    await app.startAllMicroservices();
    events = await watchTopics(['erp.reconciliation.v1']);
    // The adapter consumes from the latest offset: probe until it has joined and reads what is published now.
    await eventually(async () => {
      const probe = uniqueName('probe');
      await orders.publish([{ type: 'backbone.orders.OrderValidated', key: probe, payload: { orderId: probe } }]);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return (await adapterDb.db('order_status_projection').count({ n: '*' }))[0].n !== '0';
    }, 60_000, 'the adapter consuming orders.order.v1');
    await adapterDb.db('order_status_projection').delete();
  }, 180_000);

  afterAll(async () => {
    await events?.stop();
    await app?.close();
    await producer.disconnect();
    await inventory?.stop();
    await odoo?.stop();
    await adapterDb?.drop();
    await inventoryDb?.drop();
  });

  async function runToEnd(kind: string) {
    const started = await http().post('/reconciliations').send({ kind }).expect(202);
    expect(started.body).toEqual({ runId: expect.any(String), kind, status: 'RUNNING' });
    const { runId } = started.body as { runId: string };
    let report: Record<string, unknown> = {};
    await eventually(async () => {
      report = (await http().get(`/reconciliations/${runId}`).expect(200)).body;
      return report.status !== 'RUNNING';
    }, 30_000, `${kind} run finished`);
    return report;
  }
  const isDrift = (event: SeenEvent): event is SeenEvent<'backbone.erp.DriftDetected'> => event.type === 'backbone.erp.DriftDetected';
  /** The run's events once `count` arrived (DriftDetected is keyed by subject, so partitions may interleave), sorted by type. */
  async function eventsOfRun(runId: unknown, count: number): Promise<SeenEvent[]> {
    const ofRun = () => events.seen().filter((event) => 'runId' in event.payload && event.payload.runId === runId);
    await eventually(async () => ofRun().length >= count, 30_000, `${count} events of run ${String(runId)}`);
    return ofRun().sort((a, b) => a.type.localeCompare(b.type));
  }
  const openExceptions = (code: string) => adapterDb.db(EXCEPTION_TABLE).where({ code, status: 'OPEN' }).orderBy('subject_id');

  it('finds stock drift per SKU and warehouse: a report line, DriftDetected, an exception, the drift gauge', async () => {
    const report = await runToEnd('STOCK');

    expect(report).toMatchObject({ kind: 'STOCK', status: 'COMPLETED', trigger: 'REQUEST', checkedCount: 2, driftCount: 1 });
    expect(report.drifts).toEqual([
      { subjectId: 'SKU-2@WH-1', locationId: 'WH-1', odooValue: '5', backboneValue: '3', difference: '2', message: 'SKU-2 at WH-1: Odoo has 5, the inventory-service 3 on hand (difference 2)' },
    ]);
    const ofRun = await eventsOfRun(report.runId, 2);
    expect(ofRun.map((event) => event.type)).toEqual(['backbone.erp.DriftDetected', 'backbone.erp.ReconciliationCompleted']);
    expect(ofRun[0].payload).toMatchObject({ kind: 'STOCK', subjectId: 'SKU-2@WH-1', odooValue: '5', backboneValue: '3', difference: '2' });
    expect(ofRun[1].payload).toMatchObject({ kind: 'STOCK', checkedCount: 2, driftCount: 1 });
    expect(await openExceptions('ERP.STOCK_DRIFT')).toEqual([expect.objectContaining({ subject_type: 'stock-position', subject_id: 'SKU-2@WH-1' })]);
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toContain('erp_reconciliation_drift{kind="STOCK",location="WH-1"} 1');
    expect(metrics).toMatch(/erp_reconciliation_runs_total\{kind="STOCK",outcome="COMPLETED"\} \d/);
  });

  it('completes with driftCount 0 once both agree, and closes the drift exception', async () => {
    await inventoryDb.db('stock_position').where({ sku: 'SKU-2', location_id: 'WH-1' }).update({ on_hand: 5 });

    const report = await runToEnd('STOCK');

    expect(report).toMatchObject({ status: 'COMPLETED', checkedCount: 2, driftCount: 0, drifts: [] });
    const ofRun = await eventsOfRun(report.runId, 1);
    expect(ofRun.map((event) => event.type)).toEqual(['backbone.erp.ReconciliationCompleted']);
    expect(ofRun[0].payload).toMatchObject({ kind: 'STOCK', checkedCount: 2, driftCount: 0 });
    expect(await openExceptions('ERP.STOCK_DRIFT')).toEqual([]);
    expect(await adapterDb.db(EXCEPTION_TABLE).where({ code: 'ERP.STOCK_DRIFT', subject_id: 'SKU-2@WH-1' }).first()).toMatchObject({ status: 'RESOLVED', resolution: 'RETRIED' });
  });

  it('finds sale orders whose state disagrees with the order status the adapter projected from orders.order.v1', async () => {
    const customer = odoo.seed.partner({ name: 'ACME' });
    const ids = { agrees: uniqueName('o'), cancelledInOdoo: uniqueName('o'), missingInOdoo: uniqueName('o'), notYetInErp: uniqueName('o') };
    const saleOrder = (ref: string) => odoo.orm.create('sale.order', { partner_id: customer, client_order_ref: ref }) as number;
    const confirmed = saleOrder(ids.agrees);
    odoo.orm.call('sale.order', 'action_confirm', [confirmed]);
    const cancelled = saleOrder(ids.cancelledInOdoo);
    odoo.orm.call('sale.order', 'action_confirm', [cancelled]);
    odoo.orm.call('sale.order', 'action_cancel', [cancelled], {}, { disable_cancel_warning: true });
    const published: OutgoingEvent[] = [
      { type: 'backbone.orders.OrderConfirmed', key: ids.agrees, payload: { orderId: ids.agrees, erpOrderId: confirmed, erpOrderName: 'S1' } },
      { type: 'backbone.orders.OrderReleased', key: ids.agrees, payload: { orderId: ids.agrees, locationIds: ['WH-1'], erpOrderName: 'S1' } },
      { type: 'backbone.orders.OrderConfirmed', key: ids.cancelledInOdoo, payload: { orderId: ids.cancelledInOdoo, erpOrderId: cancelled, erpOrderName: 'S2' } },
      { type: 'backbone.orders.OrderConfirmed', key: ids.missingInOdoo, payload: { orderId: ids.missingInOdoo, erpOrderId: 999, erpOrderName: 'S999' } },
      { type: 'backbone.orders.OrderValidated', key: ids.notYetInErp, payload: { orderId: ids.notYetInErp } },
    ];
    await orders.publish(published);
    await eventually(async () => Number((await adapterDb.db('order_status_projection').whereIn('order_id', Object.values(ids)).count({ n: '*' }))[0].n) === 4, 30_000, 'orders projected');
    expect(await adapterDb.db('order_status_projection').where({ order_id: ids.agrees }).first()).toMatchObject({ status: 'RELEASED', erp_order_id: confirmed });

    const report = await runToEnd('ORDER_STATE');

    // orders.order.v1 is shared with other tests: orders they publish meanwhile are projected and compared too.
    const mine = new Set(Object.values(ids));
    const ofMine = <T extends { subjectId?: unknown; subject_id?: unknown }>(items: T[]) => items.filter((item) => mine.has(String(item.subjectId ?? item.subject_id)));
    expect(report).toMatchObject({ kind: 'ORDER_STATE', status: 'COMPLETED' });
    expect(report.checkedCount).toBeGreaterThanOrEqual(4);
    expect(ofMine(report.drifts as Array<Record<string, unknown>>).map(({ subjectId, odooValue, backboneValue }) => ({ subjectId, odooValue, backboneValue }))).toEqual(
      [
        { subjectId: ids.cancelledInOdoo, odooValue: 'cancel', backboneValue: 'CONFIRMED_IN_ERP' },
        { subjectId: ids.missingInOdoo, odooValue: null, backboneValue: 'CONFIRMED_IN_ERP' },
      ].sort((a, b) => a.subjectId.localeCompare(b.subjectId)),
    );
    const ofRun = await eventsOfRun(report.runId, Number(report.driftCount) + 1);
    expect(ofMine(ofRun.filter(isDrift).map((event) => event.payload)).map((payload) => payload.subjectId).sort()).toEqual([ids.cancelledInOdoo, ids.missingInOdoo].sort());
    expect(ofRun.at(-1)!.payload).toMatchObject({ kind: 'ORDER_STATE', checkedCount: report.checkedCount, driftCount: report.driftCount });
    expect(ofMine(await openExceptions('ERP.ORDER_STATE_DRIFT')).map((row) => row.subject_id).sort()).toEqual([ids.cancelledInOdoo, ids.missingInOdoo].sort());
  });

  it('lists runs newest first, refuses a second run of a kind while one runs, and answers problems for bad input', async () => {
    odoo.faults.inject({ kind: 'delay', ms: 1500, match: { model: 'stock.quant' }, once: true });
    const first = await http().post('/reconciliations').send({ kind: 'STOCK' }).expect(202);
    const second = await http().post('/reconciliations').send({ kind: 'STOCK' }).expect(409);
    expect(second.body).toMatchObject({ code: 'RECONCILIATION.ALREADY_RUNNING', runId: first.body.runId });
    await eventually(async () => (await http().get(`/reconciliations/${first.body.runId}`)).body.status === 'COMPLETED', 30_000, 'slow run finished');

    const page = await http().get('/reconciliations?kind=STOCK&limit=2').expect(200);
    expect(page.body.items.map((run: { runId: string }) => run.runId)[0]).toBe(first.body.runId);
    expect(page.body.items).toHaveLength(2);
    const next = await http().get(`/reconciliations?kind=STOCK&limit=2&before=${page.body.next}`).expect(200);
    expect(next.body.items.length).toBeGreaterThan(0);
    expect(next.body.items.map((run: { runId: string }) => run.runId)).not.toContain(page.body.items[1].runId);

    const invalid = await http().post('/reconciliations').send({ kind: 'INVOICES' }).expect(400);
    expect(invalid.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field: 'kind' })] });
    expect((await http().get('/reconciliations/6f1c1b34-5b8e-4b8a-9c55-0d2f8e3f2a10').expect(404)).body).toMatchObject({ code: 'RECONCILIATION.NOT_FOUND' });
    const openApi = (await http().get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(openApi.paths['/reconciliations'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(openApi.paths['/reconciliations/{runId}']).toHaveProperty('get');
  });

  it('runs each kind on schedule on one replica per interval', async () => {
    const replicas = [1, 2].map(() => new ReconciliationScheduler(adapterDb.db, { RECONCILIATION_INTERVAL_MS: 3_600_000 } as ReconciliationConfig, app.get(Reconciliations)));

    await Promise.all(replicas.map((replica) => replica.tick()));
    await replicas[0].tick();

    const scheduled = await adapterDb.db('reconciliation_run').where({ trigger: 'SCHEDULE' }).orderBy('kind');
    expect(scheduled.map((run) => [run.kind, run.requested_by])).toEqual([['ORDER_STATE', 'schedule'], ['STOCK', 'schedule']]);
    await eventually(async () => (await adapterDb.db('reconciliation_run').where({ status: 'RUNNING' })).length === 0, 30_000, 'scheduled runs finished');
  });

  it('serves the report API to ops and admin only', async () => {
    const keys = { ops: 'ops-key-for-tests', channel: 'channel-key-for-tests' };
    const guarded = await createService(
      AppModule.forRoot(
        loadConfig(odooAdapterConfigSchema, {
          ...stackEnv('unused'),
          DATABASE_URL: adapterDb.url,
          ODOO_URL: odoo.url,
          ODOO_DATABASE: odoo.database,
          ODOO_API_KEY: 'unused',
          CHANGE_CAPTURE_ENABLED: 'false',
          RECONCILIATION_INTERVAL_MS: '0',
          AUTH_MODE: 'enforce',
          AUTH_API_KEYS: JSON.stringify([
            { id: 'ops-console', keyHash: hashApiKey(keys.ops), roles: ['ops'] },
            { id: 'webshop', keyHash: hashApiKey(keys.channel), roles: ['channel'] },
          ]),
        }),
      ),
    );
    await guarded.init();
    try {
      await request(guarded.getHttpServer()).get('/reconciliations').expect(401);
      const refused = await request(guarded.getHttpServer()).post('/reconciliations').set('X-API-Key', keys.channel).send({ kind: 'STOCK' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
      await request(guarded.getHttpServer()).get('/reconciliations').set('X-API-Key', keys.ops).expect(200);
    } finally {
      await guarded.close();
    }
  });

  it('records a run that cannot read the inventory-service as FAILED with a typed error code', async () => {
    await inventory.stop();

    const report = await runToEnd('STOCK');

    expect(report).toMatchObject({ status: 'FAILED', errorCode: 'RECONCILIATION.INVENTORY_UNAVAILABLE' });
  });
});
