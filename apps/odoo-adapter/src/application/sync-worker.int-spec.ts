import { eventually, uniqueName } from '@backbone/events/testing';
import { seedDemoCatalog, startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { orderReceived, orderReserved, startAdapter, type RunningAdapter } from '../testing/adapter-harness';

describe('SyncWorker waiting for work', () => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter | undefined;

  beforeAll(async () => {
    odoo = await startOdooSimulator({ version: 19, seed: (seed) => void seedDemoCatalog(seed) });
    // A poll far longer than the test: only the enqueue notification can start the work in time.
    adapter = await startAdapter(odoo, 'json2', { SYNC_IDLE_POLL_MS: '60000', SYNC_CONCURRENCY: '2' });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await odoo?.stop();
  });

  it('starts on a job as soon as it is enqueued, and every idle loop stops at once on shutdown', async () => {
    const orderId = uniqueName('wake');
    await new Promise((resolve) => setTimeout(resolve, 500)); // both loops idle

    await adapter!.publish([orderReceived(orderId, 'C-ACME', [['SKU-1001', '1', '10.00']]), orderReserved(orderId)]);
    await eventually(async () => odoo.orm.search('sale.order', [['client_order_ref', '=', orderId], ['state', '=', 'sale']]).length === 1, 15_000, 'the sale order confirmed');

    const stopping = Date.now();
    await adapter!.stop();
    adapter = undefined;
    expect(Date.now() - stopping).toBeLessThan(10_000);
  }, 60_000);
});
