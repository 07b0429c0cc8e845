// The flow the module comment describes, through the public API only.
import * as domain from './index';

describe('the order-service domain, end to end', () => {
  const at = new Date('2026-11-23T10:00:00Z');
  const system: domain.Actor = { kind: 'system', id: 'order-service' };
  const webshop: domain.ChannelMapping = { skus: { 'shirt-red': 'SHIRT-RED' }, skuPassThrough: false, units: { pcs: 'Units' }, statuses: {} };
  const body = {
    channel: 'webshop',
    externalOrderId: 'WS-42',
    customer: { customerId: 'C-1', name: 'ACME' },
    billTo: { name: 'ACME', street: 'Hauptstr. 1', city: 'Berlin', countryCode: 'DE' },
    shipTo: { name: 'ACME', street: 'Hauptstr. 1', city: 'Berlin', countryCode: 'DE' },
    currency: 'EUR',
    lines: [{ sku: 'shirt-red', quantity: '3', unit: 'pcs', unitPrice: '19.90' }],
    placedAt: '2026-11-23T09:00:00Z',
  };
  const gates: domain.GateInputs = {
    credit: { customer: { customerId: 'C-1', active: true, onCreditHold: false, creditLimit: domain.money('500', 'EUR') }, openExposure: domain.money('0', 'EUR') },
    prices: {
      pricelists: [
        {
          pricelistId: 7,
          currency: 'EUR',
          active: true,
          items: [{ productId: 1, sku: 'SHIRT-RED', minQuantity: { value: '1', uom: 'Units' }, price: domain.money('19.90', 'EUR'), dateStart: null, dateEnd: null }],
        },
      ],
      assignment: { customerPricelistId: 7, channelPricelistId: null, defaultPricelistId: null },
      tolerance: { kind: 'percent', percent: '0.5' },
    },
  };

  function unwrap<T>(result: domain.Result<T, unknown>): T {
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  }

  it('takes an order from intake to invoiced, one audit entry per step', () => {
    const request = unwrap(domain.normalizeOrder(unwrap(domain.validateOrderRequest(body)), webshop));
    const audit: domain.AuditEntry[] = [];
    const record = (step: domain.Transitioned) => {
      audit.push(step.audit);
      return step.order;
    };

    let order = record(domain.receiveOrder(request, { kind: 'channel', id: 'webshop' }, at));
    order = record(unwrap(domain.runGates(order, gates, system, at)));
    order = record(unwrap(domain.recordReservation(order, [{ sku: 'SHIRT-RED', locationId: 'WH/Stock', requested: { value: '3', uom: 'Units' }, reserved: { value: '3', uom: 'Units' } }], system, at)));
    order = record(unwrap(domain.transition(order, 'CONFIRM_IN_ERP', { kind: 'erp', id: 'odoo' }, at, { code: 'ERP.SYNCED', message: 'S00042' })));
    order = record(unwrap(domain.transition(order, 'RELEASE_TO_WAREHOUSE', system, at, { code: 'ORDER.RELEASED', message: 'picking created' })));
    const shipment = { shipmentId: 'WH/OUT/7', lines: [{ lineId: '1', sku: 'SHIRT-RED', shipped: { value: '3', uom: 'Units' }, backordered: { value: '0', uom: 'Units' } }] };
    order = record(unwrap(domain.recordShipment(order, shipment, { kind: 'warehouse', id: 'wh-berlin' }, at)));
    order = record(unwrap(domain.transition(order, 'INVOICE', { kind: 'erp', id: 'odoo' }, at, { code: 'ERP.INVOICED', message: 'INV/2026/0001' })));

    expect(audit.map((entry) => entry.to)).toEqual(['RECEIVED', 'VALIDATED', 'RESERVED', 'CONFIRMED_IN_ERP', 'RELEASED', 'SHIPPED', 'INVOICED']);
    expect(order).toMatchObject({ orderId: domain.orderIdFor(domain.naturalKey('webshop', 'WS-42')), version: 7 });
    expect(domain.orderTotal(order)).toEqual(domain.money('59.7', 'EUR'));
    expect(order.lines[0]).toMatchObject({ sku: 'SHIRT-RED', uom: 'Units', ordered: '3', shipped: '3', reserved: '0' });
  });
});
