import { releaseReservation, type ReleaseReservation } from './release-reservation';
import type { Reservation } from './reservation';
import { availableToPromise } from './stock-position';
import { at, position } from './testing/stock-builders';

const units = (value: string) => ({ value, uom: 'Units' });

const reservation: Reservation = {
  orderId: 'order-1',
  lines: [
    {
      lineId: 'L1',
      sku: 'SKU-1',
      requested: units('10'),
      allocations: [
        { lineId: 'L1', sku: 'SKU-1', locationId: 'WH1', quantity: units('6') },
        { lineId: 'L1', sku: 'SKU-1', locationId: 'WH2', quantity: units('2.5') },
      ],
    },
    {
      lineId: 'L2',
      sku: 'SKU-2',
      requested: units('1'),
      allocations: [{ lineId: 'L2', sku: 'SKU-2', locationId: 'WH1', quantity: units('1') }],
    },
  ],
};

const positions = [
  position('WH1', { ON_HAND: '6', RESERVED: '6' }),
  position('WH2', { ON_HAND: '3', RESERVED: '2.5' }),
  position('WH1', { ON_HAND: '4', RESERVED: '1' }, 'SKU-2'),
];

function command(overrides: Partial<ReleaseReservation> = {}): ReleaseReservation {
  return {
    reservation,
    reason: { code: 'ORDER.CUSTOMER_REQUEST', message: 'customer cancelled' },
    trigger: { eventId: 'cancelled-1', sourceSystem: 'order-service' },
    occurredAt: at(5),
    ...overrides,
  };
}

describe('releaseReservation', () => {
  it('returns everything the order held to available to promise', () => {
    const outcome = releaseReservation(command(), positions, at(6));

    expect(outcome.positions).toEqual([
      position('WH1', { ON_HAND: '6' }),
      position('WH2', { ON_HAND: '3' }),
      position('WH1', { ON_HAND: '4' }, 'SKU-2'),
    ]);
    expect(outcome.positions.map(availableToPromise)).toEqual(['6', '3', '4']);
  });

  it('books one negative reserved delta per allocation, caused by the cancellation', () => {
    const outcome = releaseReservation(command(), positions, at(6));

    expect(outcome.entries.map((entry) => [entry.sku, entry.locationId, entry.quantityType, entry.quantity.value, entry.status])).toEqual([
      ['SKU-1', 'WH1', 'RESERVED', '-6', 'APPLIED'],
      ['SKU-1', 'WH2', 'RESERVED', '-2.5', 'APPLIED'],
      ['SKU-2', 'WH1', 'RESERVED', '-1', 'APPLIED'],
    ]);
    expect(outcome.entries[0]).toMatchObject({
      cause: { eventId: 'cancelled-1', sourceSystem: 'order-service', reasonCode: 'STOCK.RESERVATION_RELEASE' },
      occurredAt: at(5),
      recordedAt: at(6),
    });
  });

  it('keeps the lines but no allocations', () => {
    const outcome = releaseReservation(command(), positions, at(6));

    expect(outcome.reservation).toEqual({ orderId: 'order-1', lines: reservation.lines.map((line) => ({ ...line, allocations: [] })) });
  });

  it('publishes the reserved changes, then what was released and why', () => {
    const outcome = releaseReservation(command(), positions, at(6));

    expect(outcome.events.map((event) => event.type)).toEqual([
      'backbone.inventory.StockChanged',
      'backbone.inventory.StockChanged',
      'backbone.inventory.StockChanged',
      'backbone.inventory.ReservationReleased',
    ]);
    expect(outcome.events[3].payload).toEqual({
      orderId: 'order-1',
      lines: [
        { sku: 'SKU-1', locationId: 'WH1', requested: units('6'), reserved: units('6') },
        { sku: 'SKU-1', locationId: 'WH2', requested: units('2.5'), reserved: units('2.5') },
        { sku: 'SKU-2', locationId: 'WH1', requested: units('1'), reserved: units('1') },
      ],
      reason: { code: 'ORDER.CUSTOMER_REQUEST', message: 'customer cancelled' },
    });
  });

  it('changes nothing and publishes nothing when the order holds nothing, so a second cancellation is harmless', () => {
    const first = releaseReservation(command(), positions, at(6));

    const second = releaseReservation(command({ reservation: first.reservation }), first.positions, at(7));

    expect(second).toEqual({ reservation: first.reservation, entries: [], positions: [], events: [] });
  });
});
