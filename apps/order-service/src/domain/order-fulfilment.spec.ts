import type { ReservationLine, ShipmentLine } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { cancelOrder, recordReservation, recordShipment } from './order-fulfilment';
import { AT, anOrder, inStatus, OPERATOR, SYSTEM } from './testing/order-builders';

// The fixture order: line 1 is 10 × SKU-A, line 2 is 4 × SKU-B.
const reserved = (sku: string, value: string): ReservationLine => ({
  sku,
  locationId: 'WH/Stock',
  requested: { value, uom: 'Units' },
  reserved: { value, uom: 'Units' },
});
const shipped = (lineId: string, sku: string, value: string, backordered = '0'): ShipmentLine => ({
  lineId,
  sku,
  shipped: { value, uom: 'Units' },
  backordered: { value: backordered, uom: 'Units' },
});
const warehouse = { kind: 'warehouse', id: 'wh-berlin' } as const;

function released(): Order {
  const result = recordReservation(inStatus(anOrder(), 'VALIDATED'), [reserved('SKU-A', '10'), reserved('SKU-B', '4')], SYSTEM, AT);
  if (!result.ok) throw new Error('fixture reservation failed');
  return inStatus(result.value.order, 'RELEASED');
}

describe('recordReservation', () => {
  it('reserves a validated order when every line is reserved', () => {
    const result = recordReservation(inStatus(anOrder(), 'VALIDATED'), [reserved('SKU-A', '10'), reserved('SKU-B', '4')], SYSTEM, AT);

    expect(result.ok && result.value.order.status).toBe('RESERVED');
    expect(result.ok && result.value.event).toBe('backbone.orders.OrderReserved');
    expect(result.ok && result.value.allocations).toHaveLength(2);
    expect(result.ok && result.value.failures).toEqual([]);
  });

  it('holds the order with ORDER.NOT_AVAILABLE naming each short line', () => {
    const result = recordReservation(inStatus(anOrder(), 'VALIDATED'), [reserved('SKU-A', '7')], SYSTEM, AT);

    expect(result.ok && result.value.order).toMatchObject({ status: 'ON_HOLD', hold: { returnTo: 'VALIDATED' } });
    expect(result.ok && result.value.order.lines.map((line) => line.reserved)).toEqual(['7', '0']);
    expect(result.ok && result.value.failures).toEqual([
      {
        code: 'ORDER.NOT_AVAILABLE',
        message: 'not enough stock: line 1 short 3 Units; line 2 short 4 Units',
        shortfalls: [
          { lineId: '1', sku: 'SKU-A', missing: { value: '3', uom: 'Units' } },
          { lineId: '2', sku: 'SKU-B', missing: { value: '4', uom: 'Units' } },
        ],
      },
    ]);
    expect(result.ok && result.value.audit.reason).toEqual({ code: 'ORDER.NOT_AVAILABLE', message: 'not enough stock: line 1 short 3 Units; line 2 short 4 Units' });
  });

  it('refuses a reservation for an order that is not waiting for one', () => {
    const result = recordReservation(inStatus(anOrder(), 'RECEIVED'), [reserved('SKU-A', '10'), reserved('SKU-B', '4')], SYSTEM, AT);

    expect(!result.ok && result.error).toEqual([expect.objectContaining({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'RECEIVED' })]);
  });

  it('passes on refusals of the reservation itself', () => {
    const result = recordReservation(inStatus(anOrder(), 'VALIDATED'), [reserved('SKU-Z', '1')], SYSTEM, AT);

    expect(!result.ok && result.error.map((problem) => problem.code)).toEqual(['ORDER.UNKNOWN_LINE']);
  });
});

describe('recordShipment', () => {
  it('moves through partial shipment and backorder to shipped, one event and audit entry per shipment', () => {
    const first = recordShipment(released(), { shipmentId: 'WH/OUT/1', lines: [shipped('1', 'SKU-A', '10')] }, warehouse, AT);
    const firstOrder = first.ok ? first.value.order : released();
    const second = recordShipment(firstOrder, { shipmentId: 'WH/OUT/2', lines: [shipped('2', 'SKU-B', '1', '3')] }, warehouse, AT);
    const secondOrder = second.ok ? second.value.order : firstOrder;
    const third = recordShipment(secondOrder, { shipmentId: 'WH/OUT/3', lines: [shipped('2', 'SKU-B', '3')] }, warehouse, AT);

    expect([first, second, third].map((result) => result.ok && [result.value.audit.from, result.value.audit.to, result.value.event])).toEqual([
      ['RELEASED', 'PARTIALLY_SHIPPED', 'backbone.orders.OrderShipmentRecorded'],
      ['PARTIALLY_SHIPPED', 'BACKORDERED', 'backbone.orders.OrderShipmentRecorded'],
      ['BACKORDERED', 'SHIPPED', 'backbone.orders.OrderShipmentRecorded'],
    ]);
    expect(third.ok && third.value.order.shipmentIds).toEqual(['WH/OUT/1', 'WH/OUT/2', 'WH/OUT/3']);
  });

  it('refuses a shipment already recorded with ORDER.DUPLICATE_SHIPMENT', () => {
    const first = recordShipment(released(), { shipmentId: 'WH/OUT/1', lines: [shipped('1', 'SKU-A', '5')] }, warehouse, AT);
    if (!first.ok) throw new Error('first shipment failed');

    const again = recordShipment(first.value.order, { shipmentId: 'WH/OUT/1', lines: [shipped('1', 'SKU-A', '5')] }, warehouse, AT);

    expect(!again.ok && again.error).toEqual([expect.objectContaining({ code: 'ORDER.DUPLICATE_SHIPMENT', shipmentId: 'WH/OUT/1' })]);
  });

  it('refuses shipments before release and after cancellation', () => {
    const before = recordShipment(inStatus(anOrder(), 'CONFIRMED_IN_ERP'), { shipmentId: 'S', lines: [shipped('1', 'SKU-A', '1')] }, warehouse, AT);
    const after = recordShipment(inStatus(released(), 'CANCELLED'), { shipmentId: 'S', lines: [shipped('1', 'SKU-A', '1')] }, warehouse, AT);

    expect(!before.ok && before.error).toEqual([expect.objectContaining({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'CONFIRMED_IN_ERP' })]);
    expect(!after.ok && after.error).toEqual([expect.objectContaining({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'CANCELLED' })]);
  });

  it('refuses over-shipment and leaves the order as it was', () => {
    const order = released();
    const before = structuredClone(order);

    const result = recordShipment(order, { shipmentId: 'S', lines: [shipped('1', 'SKU-A', '11')] }, warehouse, AT);

    expect(!result.ok && result.error.map((problem) => problem.code)).toEqual(['ORDER.OVER_SHIPMENT']);
    expect(order).toEqual(before);
  });
});

describe('cancelOrder', () => {
  const customerAsked = { code: 'ORDER.CUSTOMER_REQUEST', message: 'customer called' };

  it('before release: cancels every line and releases the reservations', () => {
    const result = recordReservation(inStatus(anOrder(), 'VALIDATED'), [reserved('SKU-A', '10'), reserved('SKU-B', '4')], SYSTEM, AT);
    if (!result.ok) throw new Error('fixture reservation failed');

    const cancelled = cancelOrder(result.value.order, OPERATOR, AT, customerAsked);

    expect(cancelled.ok && cancelled.value.afterRelease).toBe(false);
    expect(cancelled.ok && cancelled.value.released.map((release) => release.quantity.value)).toEqual(['10', '4']);
    expect(cancelled.ok && cancelled.value.order.lines.map((line) => line.cancelled)).toEqual(['10', '4']);
    expect(cancelled.ok && cancelled.value.audit).toMatchObject({ from: 'RESERVED', to: 'CANCELLED', actor: OPERATOR, reason: customerAsked });
    expect(cancelled.ok && cancelled.value.event).toBe('backbone.orders.OrderCancelled');
  });

  it('after a partial shipment: keeps what shipped, cancels the rest and says the warehouse must stop', () => {
    const partly = recordShipment(released(), { shipmentId: 'WH/OUT/1', lines: [shipped('1', 'SKU-A', '6', '4')] }, warehouse, AT);
    if (!partly.ok) throw new Error('fixture shipment failed');

    const cancelled = cancelOrder(partly.value.order, OPERATOR, AT, customerAsked);

    expect(cancelled.ok && cancelled.value.afterRelease).toBe(true);
    expect(cancelled.ok && cancelled.value.order.lines.map((line) => [line.shipped, line.cancelled, line.backordered])).toEqual([
      ['6', '4', '0'],
      ['0', '4', '0'],
    ]);
  });

  it('is refused once everything has shipped', () => {
    const cancelled = cancelOrder(inStatus(anOrder(), 'SHIPPED'), OPERATOR, AT, customerAsked);

    expect(!cancelled.ok && cancelled.error).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'SHIPPED', to: 'CANCELLED' });
  });
});
