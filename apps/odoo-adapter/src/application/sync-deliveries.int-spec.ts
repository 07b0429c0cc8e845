import { uniqueName, type TopicWatch } from '@backbone/events/testing';
import type { OdooSimulator } from '@backbone/odoo-simulator';
import type { OutgoingEvent } from '@backbone/events';
import type { ErpSynced } from '@backbone/schemas';
import { orderReceived, orderReserved, startAdapterOnOdoo, type RunningAdapter, type AdapterOnOdoo } from '../testing/adapter-harness';

function shipment(orderId: string, shipmentId: string, lines: Array<[sku: string, shipped: string, backordered: string]>): OutgoingEvent {
  return {
    type: 'backbone.orders.OrderShipmentRecorded',
    key: orderId,
    correlationId: `corr-${orderId}`,
    payload: {
      orderId,
      shipmentId,
      lines: lines.map(([sku, shipped, backordered], index) => ({ lineId: String(index + 1), sku, shipped: { value: shipped, uom: 'Units' }, backordered: { value: backordered, uom: 'Units' } })),
      carrier: 'DHL',
      trackingNumber: null,
      shippedAt: new Date(),
    },
  };
}

function cancelled(orderId: string): OutgoingEvent {
  return { type: 'backbone.orders.OrderCancelled', key: orderId, correlationId: `corr-${orderId}`, payload: { orderId, reason: { code: 'CUSTOMER', message: 'changed mind' }, cancelledBy: 'shop' } };
}

describe.each([
  { version: 19 as const, api: 'json2' as const },
  { version: 16 as const, api: 'jsonrpc' as const },
])('Shipments and cancellations in Odoo $version over $api', ({ version, api }) => {
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

  const pickingsOf = (orderId: string) =>
    odoo.orm.searchRead('stock.picking', [['sale_id.client_order_ref', '=', orderId]], ['name', 'state', 'backorder_id'], { order: 'id' }) as Array<{ id: number; name: string; state: string; backorder_id: [number, string] | false }>;

  async function confirmedOrder(lines: Array<[string, string, string]>): Promise<string> {
    const orderId = uniqueName('order');
    await adapter.publish([orderReceived(orderId, 'C-ACME', lines), orderReserved(orderId)]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId);
    return orderId;
  }

  it('validates a partial shipment, keeps the rest as a backorder, then validates the backorder with the next shipment', async () => {
    const orderId = await confirmedOrder([['SKU-1001', '3', '115'], ['SKU-1002', '1', '149']]);
    const first = uniqueName('shp');

    await adapter.publish([shipment(orderId, first, [['SKU-1001', '2', '1'], ['SKU-1002', '1', '0']])]);

    const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.sourceEventType === 'backbone.orders.OrderShipmentRecorded' && event.externalId.endsWith(first));
    const [delivery, backorder] = pickingsOf(orderId);
    expect(delivery).toMatchObject({ state: 'done' });
    expect(synced.payload).toMatchObject({ odooModel: 'stock.picking', odooIds: [delivery!.id], odooName: delivery!.name });
    expect(backorder).toMatchObject({ state: 'assigned', backorder_id: [delivery!.id, delivery!.name] });
    const line = odoo.orm.searchRead('sale.order.line', [['order_id.client_order_ref', '=', orderId], ['product_id.default_code', '=', 'SKU-1001']], ['qty_delivered']);
    expect(line).toEqual([expect.objectContaining({ qty_delivered: 2 })]);

    const second = uniqueName('shp');
    await adapter.publish([shipment(orderId, second, [['SKU-1001', '1', '0']])]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.externalId.endsWith(second));
    expect(pickingsOf(orderId).map((picking) => picking.state)).toEqual(['done', 'done']);

    // A replayed shipment finds its picking (validated) and validates nothing else.
    await adapter.publish([shipment(orderId, first, [['SKU-1001', '2', '1'], ['SKU-1002', '1', '0']])]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.externalId.endsWith(first) && erp.seen().filter((seen) => seen.type === 'backbone.erp.ErpSynced' && (seen.payload as ErpSynced).externalId.endsWith(first)).length >= 2);
    expect(pickingsOf(orderId)).toHaveLength(2);
  });

  it('validates a short shipment without a backorder when nothing is backordered', async () => {
    const orderId = await confirmedOrder([['SKU-1003', '4', '79.5']]);
    const shipmentId = uniqueName('shp');

    await adapter.publish([shipment(orderId, shipmentId, [['SKU-1003', '3', '0']])]);

    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.externalId.endsWith(shipmentId));
    expect(pickingsOf(orderId).map((picking) => picking.state)).toEqual(['done']);
  });

  it('cancels the sale order and its delivery, once, on OrderCancelled', async () => {
    const orderId = await confirmedOrder([['SKU-1004', '1', '49.9']]);

    await adapter.publish([cancelled(orderId), cancelled(orderId)]);

    const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId && event.sourceEventType === 'backbone.orders.OrderCancelled');
    const [saleOrder] = odoo.orm.searchRead('sale.order', [['client_order_ref', '=', orderId]], ['state', 'name']) as Array<{ id: number; state: string; name: string }>;
    expect(saleOrder).toMatchObject({ state: 'cancel' });
    expect(synced.payload).toMatchObject({ odooModel: 'sale.order', odooIds: [saleOrder!.id], odooName: saleOrder!.name });
    expect(pickingsOf(orderId).map((picking) => picking.state)).toEqual(['cancel']);
    expect(odoo.stats.count({ model: 'sale.order', method: 'action_cancel' })).toBe(1);
  });

  it('refuses a shipment for an order Odoo never got (exception, not retriable)', async () => {
    const orderId = uniqueName('order-missing');
    await adapter.publish([shipment(orderId, uniqueName('shp'), [['SKU-1001', '1', '0']])]);
    const failed = await erp.waitFor('backbone.erp.ErpSyncFailed', (event) => event.subjectId === orderId);
    expect(failed.payload).toMatchObject({ errorCode: 'ERP.NO_OPEN_DELIVERY', retriable: false, odooModel: 'stock.picking' });
  });
});
