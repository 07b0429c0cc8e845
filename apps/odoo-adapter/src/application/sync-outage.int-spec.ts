import { eventually, uniqueName, watchTopics } from '@backbone/events/testing';
import { seedDemoCatalog, startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { register } from 'prom-client';
import { orderReceived, orderReserved, startAdapter, type RunningAdapter } from '../testing/adapter-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function breakerState(): Promise<number> {
  return (await register.getSingleMetric('odoo_circuit_breaker_state')!.get()).values[0]!.value;
}

describe('Odoo down for 30 s under load', () => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter;

  beforeAll(async () => {
    odoo = await startOdooSimulator({ version: 19, latencyMs: 5, workers: 4, seed: (seed) => void seedDemoCatalog(seed) });
    adapter = await startAdapter(odoo, 'json2', { ODOO_BREAKER_HALF_OPEN_MS: '1000', ODOO_TIMEOUT_MS: '2000', SYNC_RETRY_MAX_DELAY_MS: '2000' });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await odoo?.stop();
  });

  it('writes every order exactly once after the outage; the breaker opens and closes; a bad order goes to the exception queue', async () => {
    const prefix = uniqueName('outage');
    const orderIds = Array.from({ length: 240 }, (_, i) => `${prefix}-${i}`);
    const badOrder = `${prefix}-bad`;
    const published = (async () => {
      // 40 orders every 5 s for 30 s: before, during and after the outage.
      for (let i = 0; i < orderIds.length; i += 40) {
        await adapter.publish(orderIds.slice(i, i + 40).flatMap((orderId, k) => [orderReceived(orderId, 'C-ACME', [[`SKU-100${1 + (k % 8)}`, '1', '10.00']]), orderReserved(orderId)]));
        if (i === 80) await adapter.publish([orderReceived(badOrder, 'C-ACME', [['SKU-UNKNOWN', '1', '1.00']]), orderReserved(badOrder)]);
        await sleep(5_000);
      }
    })();
    await sleep(2_000);
    await odoo.outage(30_000);
    await eventually(async () => (await breakerState()) === 1, 20_000, 'the breaker to open');

    await published;
    await eventually(
      async () => odoo.orm.search('sale.order', [['client_order_ref', '=like', `${prefix}-%`], ['state', '=', 'sale']]).length === orderIds.length,
      60_000,
      'every order confirmed in Odoo',
    );

    expect(await breakerState()).toBe(0);
    const refs = (odoo.orm.searchRead('sale.order', [['client_order_ref', '=like', `${prefix}-%`]], ['client_order_ref']) as Array<{ client_order_ref: string }>).map((row) => row.client_order_ref);
    expect(refs.sort()).toEqual([...orderIds].sort());
    // The last batches commit just after Odoo confirmed them.
    await eventually(async () => (await adapter.database.db('erp_sync_job').where({ status: 'PENDING' })).length === 0, 10_000, 'no job pending');
    // This test's jobs only: tests running meanwhile publish their orders on the same topics.
    const jobs = await adapter.database.db('erp_sync_job').where('subject_id', 'like', `${prefix}-%`).select('status', 'attempts', 'subject_id');
    expect(jobs.filter((job) => job.status === 'DONE')).toHaveLength(orderIds.length);
    expect(jobs.some((job) => job.attempts > 1)).toBe(true);
    expect(jobs.filter((job) => job.status === 'FAILED').map((job) => job.subject_id)).toEqual([badOrder]);
    expect(await adapter.database.db('business_exception').where({ subject_id: badOrder }).first('code', 'status')).toEqual({ code: 'ERP.UNKNOWN_PRODUCT', status: 'OPEN' });
  }, 150_000);
});

describe('Odoo down for longer than a job may wait', () => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter;

  beforeAll(async () => {
    odoo = await startOdooSimulator({ version: 19, seed: (seed) => void seedDemoCatalog(seed) });
    adapter = await startAdapter(odoo, 'json2', { SYNC_MAX_ATTEMPTS: '3', ODOO_RETRY_ATTEMPTS: '1', SYNC_RETRY_MAX_DELAY_MS: '200' });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await odoo?.stop();
  });

  it('reports ErpSyncFailed retriable (not an exception) once the job has used its tries', async () => {
    const erp = await watchTopics(['erp.sync.v1']);
    const orderId = uniqueName('order-unreachable');
    try {
      await odoo.outage();
      await adapter.publish([orderReceived(orderId, 'C-ACME', [['SKU-1001', '1', '1.00']]), orderReserved(orderId)]);

      const failed = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === orderId);

      expect(failed.payload).toMatchObject({ errorCode: 'ERP.UNAVAILABLE', retriable: true, sourceEventType: 'backbone.orders.OrderReserved' });
      expect(await adapter.database.db('erp_sync_job').where({ subject_id: orderId }).first('status', 'attempts')).toEqual({ status: 'FAILED', attempts: 3 });
      expect(await adapter.database.db('business_exception').where({ subject_id: orderId })).toEqual([]);
    } finally {
      await odoo.restore();
      await erp.stop();
    }
  });
});
