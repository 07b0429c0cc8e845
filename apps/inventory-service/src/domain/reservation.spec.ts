import { allocationDelta, reservationContext, reservationLines, reservedOf, type LineReservation } from './reservation';
import { at } from './testing/stock-builders';

const units = (value: string) => ({ value, uom: 'Units' });
const allocation = (locationId: string, value: string) => ({ lineId: 'L1', sku: 'SKU-1', locationId, quantity: units(value) });

describe('reservation', () => {
  const split: LineReservation = {
    lineId: 'L1',
    sku: 'SKU-1',
    requested: units('10'),
    allocations: [allocation('WH1', '6'), allocation('WH2', '2.5')],
  };

  it('sums what a line holds', () => {
    expect(reservedOf(split)).toBe('8.5');
    expect(reservedOf({ ...split, allocations: [] })).toBe('0');
  });

  it('turns a split line into one event line per location plus one without location for the shortfall', () => {
    expect(reservationLines([split])).toEqual([
      { sku: 'SKU-1', locationId: 'WH1', requested: units('6'), reserved: units('6') },
      { sku: 'SKU-1', locationId: 'WH2', requested: units('2.5'), reserved: units('2.5') },
      { sku: 'SKU-1', locationId: null, requested: units('1.5'), reserved: units('0') },
    ]);
  });

  it('has no shortfall line for a line held in full, and only one for a line that holds nothing', () => {
    expect(reservationLines([{ ...split, requested: units('8.5') }])).toHaveLength(2);
    expect(reservationLines([{ ...split, allocations: [] }])).toEqual([
      { sku: 'SKU-1', locationId: null, requested: units('10'), reserved: units('0') },
    ]);
  });

  it('plans a signed delta where an allocation holds its stock', () => {
    expect(allocationDelta(allocation('WH2', '3'), 'ON_HAND', '-3')).toEqual({
      sku: 'SKU-1',
      locationId: 'WH2',
      quantityType: 'ON_HAND',
      changeKind: 'DELTA',
      quantity: units('-3'),
      reportedQuantity: units('-3'),
    });
  });

  it('causes its entries by the trigger with the reservation reason code', () => {
    expect(reservationContext({ eventId: 'ev-1', sourceSystem: 'inventory-service' }, 'STOCK.RESERVATION', at(1), at(2))).toEqual({
      cause: { eventId: 'ev-1', sourceSystem: 'inventory-service', reasonCode: 'STOCK.RESERVATION' },
      sequence: null,
      occurredAt: at(1),
      recordedAt: at(2),
    });
  });
});
