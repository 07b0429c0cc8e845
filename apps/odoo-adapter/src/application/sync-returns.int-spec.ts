import type { OutgoingEvent } from '@backbone/events';
import { uniqueName, type TopicWatch } from '@backbone/events/testing';
import type { OdooSimulator } from '@backbone/odoo-simulator';
import { orderReceived, orderReserved, startAdapterOnOdoo, type RunningAdapter, type AdapterOnOdoo } from '../testing/adapter-harness';

const shipped = (orderId: string, sku: string, quantity: string): OutgoingEvent => ({
  type: 'backbone.orders.OrderShipmentRecorded',
  key: orderId,
  payload: { orderId, shipmentId: uniqueName('shp'), lines: [{ lineId: '1', sku, shipped: { value: quantity, uom: 'Units' }, backordered: { value: '0', uom: 'Units' } }], carrier: 'UPS', trackingNumber: null, shippedAt: new Date() },
});

const rmaReceived = (rmaId: string, orderId: string, sku: string, quantity: string): OutgoingEvent => ({
  type: 'backbone.returns.RmaReceived',
  key: rmaId,
  payload: { rmaId, orderId, sourceSystem: 'wms', occurredAt: new Date(), locationId: 'WH/Stock', lines: [{ sku, quantity: { value: quantity, uom: 'Units' }, reasonCode: null }] },
});

const refundIssued = (rmaId: string, orderId: string, refundId: string, amount: string): OutgoingEvent => ({
  type: 'backbone.returns.RmaRefundIssued',
  key: rmaId,
  payload: { rmaId, orderId, sourceSystem: 'returns-portal', occurredAt: new Date(), refundId, amount: { amount, currency: 'EUR' } },
});

describe.each([
  { version: 19 as const, api: 'json2' as const },
  { version: 17 as const, api: 'jsonrpc' as const },
])('Returns and refunds in Odoo $version over $api', ({ version, api }) => {
  let odoo: OdooSimulator;
  let adapter: RunningAdapter;
  let erp: TopicWatch;
  let env: AdapterOnOdoo;
  let orderId: string;

  beforeAll(async () => {
    env = await startAdapterOnOdoo(version, api);
    ({ odoo, adapter, erp } = env);
    orderId = uniqueName('order');
    await adapter.publish([orderReceived(orderId, 'C-BOLT', [['SKU-1008', '2', '39.00']]), orderReserved(orderId), shipped(orderId, 'SKU-1008', '2')]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId && event.sourceEventType === 'backbone.orders.OrderShipmentRecorded');
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
  });

  const returnsOf = () => odoo.orm.searchRead('stock.picking', [['sale_id.client_order_ref', '=', orderId], ['picking_type_code', '=', 'incoming']], ['name', 'state']) as Array<{ id: number; name: string; state: string }>;

  it('receives returned goods as a validated return of the delivery, once however often the event comes', async () => {
    const rmaId = uniqueName('rma');

    await adapter.publish([rmaReceived(rmaId, orderId, 'SKU-1008', '1')]);

    const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === rmaId);
    expect(returnsOf()).toEqual([expect.objectContaining({ state: 'done' })]);
    expect(synced.payload).toMatchObject({ odooModel: 'stock.picking', odooIds: [returnsOf()[0]!.id], externalId: `backbone.rma_${rmaId}` });
    const [line] = odoo.orm.searchRead('sale.order.line', [['order_id.client_order_ref', '=', orderId]], ['qty_delivered']) as Array<{ qty_delivered: number }>;
    expect(line!.qty_delivered).toBe(1);

    await adapter.publish([rmaReceived(rmaId, orderId, 'SKU-1008', '1')]);
    await erp.waitFor('backbone.erp.ErpSynced', () => erp.seen().filter((seen) => seen.key === rmaId).length >= 2);
    expect(returnsOf()).toHaveLength(1);
  });

  it('makes one return when the same receipt arrives twice at once', async () => {
    const otherOrder = uniqueName('order');
    await adapter.publish([orderReceived(otherOrder, 'C-BOLT', [['SKU-1008', '2', '39.00']]), orderReserved(otherOrder), shipped(otherOrder, 'SKU-1008', '2')]);
    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === otherOrder && event.sourceEventType === 'backbone.orders.OrderShipmentRecorded');
    const rmaId = uniqueName('rma');

    await adapter.publish([rmaReceived(rmaId, otherOrder, 'SKU-1008', '1'), rmaReceived(rmaId, otherOrder, 'SKU-1008', '1')]);

    await erp.waitFor('backbone.erp.ErpSynced', () => erp.seen().filter((seen) => seen.key === rmaId).length >= 2);
    const returns = odoo.orm.searchRead('stock.picking', [['sale_id.client_order_ref', '=', otherOrder], ['picking_type_code', '=', 'incoming']], ['state']) as Array<{ state: string }>;
    expect(returns).toEqual([expect.objectContaining({ state: 'done' })]);
    const [line] = odoo.orm.searchRead('sale.order.line', [['order_id.client_order_ref', '=', otherOrder]], ['qty_delivered']) as Array<{ qty_delivered: number }>;
    expect(line!.qty_delivered).toBe(1);
  });

  it('posts a credit note for a refund, once, even when the create answer is lost', async () => {
    const rmaId = uniqueName('rma');
    const refundId = uniqueName('refund');
    odoo.faults.inject({ kind: 'timeout', afterCommit: true, match: { model: 'account.move', method: 'create' }, once: true });

    await adapter.publish([refundIssued(rmaId, orderId, refundId, '39.00'), refundIssued(rmaId, orderId, refundId, '39.00')]);

    const synced = await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === rmaId);
    const notes = odoo.orm.searchRead('account.move', [['ref', '=', `RMA ${rmaId} refund ${refundId}`]], ['name', 'state', 'move_type', 'amount_total', 'partner_id']) as Array<{ id: number; name: string; state: string; move_type: string; amount_total: number; partner_id: [number, string] }>;
    expect(notes).toEqual([expect.objectContaining({ state: 'posted', move_type: 'out_refund', amount_total: 39, partner_id: [expect.any(Number), 'Bolt Builders GmbH'] })]);
    expect(synced.payload).toMatchObject({ odooModel: 'account.move', odooIds: [notes[0]!.id], odooName: notes[0]!.name, externalId: `backbone.refund_${refundId}` });
  });
});
