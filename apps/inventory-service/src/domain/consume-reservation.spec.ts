import { consumeReservation, type ConsumeOutcome, type ConsumeReservation, type ShippedLine } from './consume-reservation';
import type { Reservation } from './reservation';
import type { StockState } from './stock-book';
import { at, countMark, position } from './testing/stock-builders';

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
        { lineId: 'L1', sku: 'SKU-1', locationId: 'WH2', quantity: units('4') },
      ],
    },
    {
      lineId: 'L2',
      sku: 'SKU-2',
      requested: units('3'),
      allocations: [{ lineId: 'L2', sku: 'SKU-2', locationId: 'WH1', quantity: units('3') }],
    },
  ],
};

const state: StockState = {
  positions: [
    position('WH1', { ON_HAND: '8', RESERVED: '6' }),
    position('WH2', { ON_HAND: '4', RESERVED: '4' }),
    position('WH1', { ON_HAND: '3', RESERVED: '3' }, 'SKU-2'),
  ],
  countMarks: [],
};

const shipped = (lineId: string, value: string, sku = 'SKU-1'): ShippedLine => ({ lineId, sku, shipped: units(value) });

function command(lines: ShippedLine[]): ConsumeReservation {
  return { reservation, lines, trigger: { eventId: 'shipment-1', sourceSystem: 'order-service' }, shippedAt: at(10) };
}

function consumed(outcome: ConsumeOutcome) {
  if (outcome.outcome !== 'CONSUMED') throw new Error(`expected CONSUMED, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('consumeReservation', () => {
  it('drops reserved and on hand by what shipped, drawing on allocations in the order they were made', () => {
    const outcome = consumed(consumeReservation(command([shipped('L1', '7')]), state, at(11)));

    expect(outcome.positions).toEqual([position('WH1', { ON_HAND: '2', RESERVED: '0' }), position('WH2', { ON_HAND: '3', RESERVED: '3' })]);
    expect(outcome.entries.map((entry) => [entry.locationId, entry.quantityType, entry.quantity.value])).toEqual([
      ['WH1', 'RESERVED', '-6'],
      ['WH1', 'ON_HAND', '-6'],
      ['WH2', 'RESERVED', '-1'],
      ['WH2', 'ON_HAND', '-1'],
    ]);
    expect(outcome.entries[0]).toMatchObject({
      cause: { eventId: 'shipment-1', sourceSystem: 'order-service', reasonCode: 'STOCK.SHIPMENT' },
      occurredAt: at(10),
      recordedAt: at(11),
    });
    expect(outcome.events).toHaveLength(4);
  });

  it('keeps the reservation of what is still to ship', () => {
    const outcome = consumed(consumeReservation(command([shipped('L1', '7'), shipped('L2', '0', 'SKU-2')]), state, at(11)));

    expect(outcome.reservation.lines.map((line) => line.allocations.map((held) => [held.locationId, held.quantity.value]))).toEqual([
      [['WH2', '3']],
      [['WH1', '3']],
    ]);
  });

  it('applies several shipment lines of one order line one after the other', () => {
    const outcome = consumed(consumeReservation(command([shipped('L1', '5'), shipped('L1', '5')]), state, at(11)));

    expect(outcome.reservation.lines[0].allocations).toEqual([]);
    expect(outcome.positions.map((changed) => [changed.locationId, changed.balances.ON_HAND, changed.balances.RESERVED])).toEqual([
      ['WH1', '2', '0'],
      ['WH2', '0', '0'],
    ]);
  });

  it('refuses a shipment of more than the line holds, changing nothing', () => {
    const outcome = consumeReservation(command([shipped('L2', '1', 'SKU-2'), shipped('L1', '10.5')]), state, at(11));

    expect(outcome).toEqual({ outcome: 'REJECTED', error: expect.objectContaining({ code: 'INVENTORY.OVER_SHIPMENT' }) });
    expect(outcome.outcome === 'REJECTED' && outcome.error.details).toEqual({
      orderId: 'order-1',
      lineId: 'L1',
      sku: 'SKU-1',
      shipped: '10.5',
      reserved: '10',
    });
  });

  it('refuses a shipment for a line or SKU the order does not hold', () => {
    const unknownLine = consumeReservation(command([shipped('L9', '1')]), state, at(11));
    const unknownSku = consumeReservation(command([shipped('L1', '1', 'SKU-9')]), state, at(11));

    expect(unknownLine).toMatchObject({ error: { code: 'INVENTORY.OVER_SHIPMENT', details: { lineId: 'L9', reserved: '0' } } });
    expect(unknownSku).toMatchObject({ error: { code: 'INVENTORY.OVER_SHIPMENT', details: { sku: 'SKU-9', reserved: '0' } } });
  });

  it('lets on hand go below zero: the goods are gone and the next count corrects the figure', () => {
    const short: StockState = { ...state, positions: [position('WH1', { ON_HAND: '1', RESERVED: '6' })] };

    const outcome = consumed(consumeReservation(command([shipped('L1', '6')]), short, at(11)));

    expect(outcome.positions).toEqual([position('WH1', { ON_HAND: '-5', RESERVED: '0' })]);
  });

  it('does not subtract on hand again when a newer count already includes the shipment', () => {
    const counted: StockState = { ...state, countMarks: [countMark(12)] };

    const outcome = consumed(consumeReservation(command([shipped('L1', '6')]), counted, at(13)));

    expect(outcome.entries.map((entry) => [entry.quantityType, entry.status])).toEqual([
      ['RESERVED', 'APPLIED'],
      ['ON_HAND', 'SUPERSEDED'],
    ]);
    expect(outcome.positions).toEqual([position('WH1', { ON_HAND: '8', RESERVED: '0' })]);
    expect(outcome.events).toHaveLength(1);
  });
});
