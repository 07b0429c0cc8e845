import type { OutgoingEvent } from '@backbone/events';
import { eventually, uniqueName, type TopicWatch } from '@backbone/events/testing';
import type { OdooSimulator } from '@backbone/odoo-simulator';
import { startAdapterOnOdoo, type RunningAdapter, type AdapterOnOdoo } from '../testing/adapter-harness';

function stockChanged(sku: string, locationId: string, changeKind: 'DELTA' | 'ABSOLUTE', value: string, quantityType = 'ON_HAND'): OutgoingEvent {
  return {
    type: 'backbone.inventory.StockChanged',
    key: `${sku}@${locationId}`,
    payload: {
      sku,
      locationId,
      quantityType,
      changeKind,
      quantity: { value, uom: 'Units' },
      cause: { eventId: null, sourceSystem: 'wms', reasonCode: 'STOCK.CYCLE_COUNT' },
      occurredAt: new Date(),
    },
  };
}

describe.each([
  { version: 19 as const, api: 'json2' as const },
  { version: 17 as const, api: 'jsonrpc' as const },
])('StockChanged at a mirrored location → inventory count in Odoo $version over $api', ({ version, api }) => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter;
  let erp: TopicWatch;
  let env: AdapterOnOdoo;

  beforeAll(async () => {
    env = await startAdapterOnOdoo(version, api, { ODOO_STOCK_MIRROR_LOCATIONS: 'WH/Stock, EU/Stock' });
    ({ odoo, adapter, erp } = env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  const onHand = (sku: string, location: string) =>
    (odoo.orm.searchRead('stock.quant', [['product_id.default_code', '=', sku], ['location_id.complete_name', '=', location]], ['quantity']) as Array<{ quantity: number }>).reduce((sum, quant) => sum + quant.quantity, 0);

  it('counts an absolute level, then applies deltas; other locations and figures are left alone', async () => {
    await adapter.publish([stockChanged('SKU-1005', 'WH/Stock', 'ABSOLUTE', '50'), stockChanged('SKU-1005', 'WH/Stock', 'DELTA', '-5'), stockChanged('SKU-1006', 'WH/Other', 'ABSOLUTE', '1'), stockChanged('SKU-1006', 'WH/Stock', 'ABSOLUTE', '1', 'DAMAGED')]);

    await eventually(async () => onHand('SKU-1005', 'WH/Stock') === 45, 20_000, 'the count in Odoo');
    const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === 'SKU-1005@WH/Stock');
    expect(synced.payload).toMatchObject({ odooModel: 'stock.quant', externalId: 'backbone.quant_SKU-1005_WH_Stock' });
    expect(onHand('SKU-1006', 'WH/Stock')).toBe(120);
    expect(await adapter.database.db('erp_sync_job').where({ kind: 'stock-count' }).count({ n: '*' })).toEqual([{ n: '2' }]);
  });

  it('adds a delta once when Odoo applied the count but the answer was lost', async () => {
    const before = onHand('SKU-1007', 'EU/Stock');
    odoo.faults.inject({ kind: 'timeout', afterCommit: true, match: { model: 'stock.quant', method: 'action_apply_inventory' }, once: true });

    await adapter.publish([stockChanged('SKU-1007', 'EU/Stock', 'DELTA', '3')]);

    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === 'SKU-1007@EU/Stock');
    expect(onHand('SKU-1007', 'EU/Stock')).toBe(before + 3);
  });

  it('refuses a SKU Odoo does not know (exception, ErpSyncFailed not retriable)', async () => {
    const sku = uniqueName('SKU-NEW');
    await adapter.publish([stockChanged(sku, 'WH/Stock', 'ABSOLUTE', '4')]);
    const failed = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === `${sku}@WH/Stock`);
    expect(failed.payload).toMatchObject({ errorCode: 'ERP.UNKNOWN_PRODUCT', retriable: false });
  });

  it('files a count Odoo refuses for good (a service product has no stock) as an exception, not retried', async () => {
    await adapter.publish([stockChanged('SHIP', 'WH/Stock', 'ABSOLUTE', '4')]);
    const failed = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === 'SHIP@WH/Stock');
    expect(failed.payload).toMatchObject({ errorCode: 'ERP.REJECTED', retriable: false, odooModel: 'stock.quant' });
    expect(await adapter.database.db('erp_sync_job').where({ subject_id: 'SHIP@WH/Stock' }).first('status', 'attempts')).toEqual({ status: 'FAILED', attempts: 1 });
  });
});
