import type { ReservationLine } from '@backbone/schemas';
import { applyReservation } from './line-reservation';
import { aLine } from './testing/order-builders';

const reserved = (sku: string, value: string, locationId: string | null = 'WH/Stock', uom = 'Units'): ReservationLine => ({
  sku,
  locationId,
  requested: { value, uom },
  reserved: { value, uom },
});

describe('applyReservation', () => {
  it('confirms lines that are fully reserved and lists allocations per line and location', () => {
    const lines = [aLine({ lineId: '1', sku: 'A', ordered: '5' }), aLine({ lineId: '2', sku: 'B', ordered: '2' })];

    const result = applyReservation(lines, [reserved('A', '3', 'WH-1'), reserved('A', '2', 'WH-2'), reserved('B', '2')]);

    expect(result.ok && result.value.lines.map((line) => line.reserved)).toEqual(['5', '2']);
    expect(result.ok && result.value.perLine.map((line) => line.outcome)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(result.ok && result.value.allocations).toEqual([
      { lineId: '1', sku: 'A', locationId: 'WH-1', quantity: { value: '3', uom: 'Units' } },
      { lineId: '1', sku: 'A', locationId: 'WH-2', quantity: { value: '2', uom: 'Units' } },
      { lineId: '2', sku: 'B', locationId: 'WH/Stock', quantity: { value: '2', uom: 'Units' } },
    ]);
  });

  it('tells partial and rejected lines apart and says what is missing', () => {
    const lines = [aLine({ lineId: '1', sku: 'A', ordered: '5' }), aLine({ lineId: '2', sku: 'B', ordered: '2' })];

    const result = applyReservation(lines, [reserved('A', '1.5'), reserved('B', '0', null)]);

    expect(result.ok && result.value.perLine).toEqual([
      { lineId: '1', sku: 'A', outcome: 'PARTIAL', reserved: { value: '1.5', uom: 'Units' }, missing: { value: '3.5', uom: 'Units' } },
      { lineId: '2', sku: 'B', outcome: 'REJECTED', reserved: { value: '0', uom: 'Units' }, missing: { value: '2', uom: 'Units' } },
    ]);
  });

  it('fills lines of the same SKU in line order', () => {
    const lines = [aLine({ lineId: '1', sku: 'A', ordered: '3' }), aLine({ lineId: '2', sku: 'A', ordered: '4' })];

    const result = applyReservation(lines, [reserved('A', '5')]);

    expect(result.ok && result.value.lines.map((line) => line.reserved)).toEqual(['3', '2']);
  });

  it('replaces earlier reservations: a SKU the result leaves out has nothing reserved', () => {
    const lines = [aLine({ lineId: '1', sku: 'A', reserved: '10' })];

    const result = applyReservation(lines, []);

    expect(result.ok && result.value.perLine[0]).toMatchObject({ outcome: 'REJECTED', reserved: { value: '0' } });
  });

  it('reserves only for what remains to ship', () => {
    const lines = [aLine({ lineId: '1', sku: 'A', ordered: '10', shipped: '6', cancelled: '1' })];

    expect(applyReservation(lines, [reserved('A', '3')]).ok).toBe(true);
    expect(applyReservation(lines, [reserved('A', '3.01')])).toEqual({
      ok: false,
      error: [expect.objectContaining({ code: 'ORDER.OVER_RESERVATION', sku: 'A', reserved: '3.01', remaining: '3' })],
    });
  });

  it('refuses unknown SKUs, other units and negative quantities, listing every problem', () => {
    const lines = [aLine({ lineId: '1', sku: 'A' }), aLine({ lineId: '2', sku: 'B' })];

    const result = applyReservation(lines, [reserved('Z', '1'), reserved('A', '1', 'WH', 'kg'), reserved('B', '-1')]);

    expect(!result.ok && result.error).toEqual([
      expect.objectContaining({ code: 'ORDER.UNKNOWN_LINE', lineId: null, sku: 'Z' }),
      expect.objectContaining({ code: 'ORDER.UNIT_MISMATCH', lineId: '1', expected: 'Units', actual: 'kg' }),
      expect.objectContaining({ code: 'ORDER.NEGATIVE_QUANTITY', sku: 'B', value: '-1' }),
    ]);
  });
});
