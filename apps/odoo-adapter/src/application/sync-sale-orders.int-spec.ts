import { eventually, uniqueName, type TopicWatch } from '@backbone/events/testing';
import type { OdooSimulator } from '@backbone/odoo-simulator';
import { newEventId } from '@backbone/events';
import { orderReceived, orderReserved, startAdapterOnOdoo, type RunningAdapter, type AdapterOnOdoo } from '../testing/adapter-harness';

describe.each([
  { version: 19 as const, api: 'json2' as const },
  { version: 16 as const, api: 'jsonrpc' as const },
])('OrderReserved → confirmed sale order in Odoo $version over $api', ({ version, api }) => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter;
  let erp: TopicWatch;
  let env: AdapterOnOdoo;

  beforeAll(async () => {
    env = await startAdapterOnOdoo(version, api);
    ({ odoo, adapter, erp } = env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  const saleOrders = (orderId: string) =>
    odoo.orm.searchRead('sale.order', [['client_order_ref', '=', orderId]], ['name', 'state', 'partner_id', 'order_line']) as Array<{ id: number; name: string; state: string; partner_id: [number, string]; order_line: number[] }>;

  it('creates and confirms one sale order per order, in batches, and publishes ErpSynced with its name', async () => {
    const orderIds = Array.from({ length: 30 }, () => uniqueName('order'));
    odoo.stats.reset();

    await adapter.publish(orderIds.flatMap((orderId) => [orderReceived(orderId, 'C-ACME', [['SKU-1001', '2', '115.00'], ['SKU-1006', '10', '6.50']]), orderReserved(orderId)]));

    for (const orderId of orderIds) {
      const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId);
      const [saleOrder] = saleOrders(orderId);
      expect(saleOrder).toMatchObject({ state: 'sale', partner_id: [expect.any(Number), 'Acme Hardware Ltd'] });
      expect(saleOrder!.order_line).toHaveLength(2);
      expect(synced.payload).toMatchObject({
        sourceEventType: 'backbone.orders.OrderReserved',
        odooModel: 'sale.order',
        odooIds: [saleOrder!.id],
        odooName: saleOrder!.name,
        externalId: `backbone.sale_order_${orderId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      });
    }
    const lines = odoo.orm.searchRead('sale.order.line', [['order_id.client_order_ref', '=', orderIds[0]]], ['product_uom_qty', 'price_unit']);
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ product_uom_qty: 2, price_unit: 115 })]));
    // Batched: far fewer creates and confirms than orders.
    expect(odoo.stats.count({ model: 'sale.order', method: 'create' })).toBeLessThan(10);
    expect(odoo.stats.count({ model: 'sale.order', method: 'action_confirm' })).toBeLessThan(10);
    const xmlIds = odoo.orm.searchRead('ir.model.data', [['module', '=', 'backbone'], ['model', '=', 'sale.order']], ['name']);
    expect(xmlIds.length).toBeGreaterThanOrEqual(30);
  });

  it('creates no second sale order when the event is delivered again, re-published, or the adapter forgot it wrote one', async () => {
    const orderId = uniqueName('order-replay');
    const reservedEventId = newEventId();
    await adapter.publish([orderReceived(orderId, 'C-BOLT', [['SKU-1002', '1', '149.00']]), orderReserved(orderId, reservedEventId)]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId);

    // The same event again (inbox), the order reserved again under a new event id (a topic replay), and a lost projection.
    await adapter.publish([orderReserved(orderId, reservedEventId), orderReserved(orderId)]);
    await eventually(async () => (await adapter.database.db('erp_sync_job').where({ subject_id: orderId, status: 'DONE' }).count({ n: '*' }))[0]!.n === '2', 20_000, 'the replayed job');
    await adapter.database.db('erp_order').where({ order_id: orderId }).update({ odoo_id: null, odoo_name: null });
    await adapter.publish([orderReserved(orderId)]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId && erp.seen().filter((seen) => seen.key === orderId).length >= 2);

    expect(saleOrders(orderId)).toHaveLength(1);
    expect(saleOrders(orderId)[0]!.state).toBe('sale');
  });

  it('finds the sale order an unanswered create committed instead of creating a second', async () => {
    const orderId = uniqueName('order-ambiguous');
    odoo.faults.inject({ kind: 'timeout', afterCommit: true, match: { model: 'sale.order', method: 'create' }, once: true });

    await adapter.publish([orderReceived(orderId, 'C-WEB', [['SKU-1003', '1', '79.50']]), orderReserved(orderId)]);

    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId);
    expect(saleOrders(orderId)).toEqual([expect.objectContaining({ state: 'sale' })]);
  });

  it('files an unknown customer or SKU as an exception and ErpSyncFailed (not retriable), and writes the rest of the batch', async () => {
    const [unknownCustomer, unknownSku, fine] = [uniqueName('order-nocust'), uniqueName('order-nosku'), uniqueName('order-fine')];

    await adapter.publish([
      orderReceived(unknownCustomer, 'C-NOBODY', [['SKU-1001', '1', '1.00']]),
      orderReceived(unknownSku, 'C-ACME', [['SKU-NOPE', '1', '1.00']]),
      orderReceived(fine, 'C-ACME', [['SKU-1004', '1', '49.90']]),
      orderReserved(unknownCustomer),
      orderReserved(unknownSku),
      orderReserved(fine),
    ]);

    const noCustomer = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === unknownCustomer);
    expect(noCustomer.payload).toMatchObject({ errorCode: 'ERP.UNKNOWN_CUSTOMER', retriable: false, odooModel: 'sale.order' });
    const noSku = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === unknownSku);
    expect(noSku.payload).toMatchObject({ errorCode: 'ERP.UNKNOWN_PRODUCT', retriable: false });
    expect(noSku.payload.message).toContain('SKU-NOPE');
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === fine);

    const exceptions = await adapter.database.db('business_exception').whereIn('subject_id', [unknownCustomer, unknownSku]).select('code', 'status');
    expect(exceptions).toEqual(expect.arrayContaining([{ code: 'ERP.UNKNOWN_CUSTOMER', status: 'OPEN' }, { code: 'ERP.UNKNOWN_PRODUCT', status: 'OPEN' }]));
    expect(saleOrders(unknownCustomer)).toEqual([]);
    expect(saleOrders(unknownSku)).toEqual([]);
  });
});
