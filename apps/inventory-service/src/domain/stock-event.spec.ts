import { isTransfer, locationsOf, plannedChanges, quantitySignProblem } from './stock-event';
import { count, movement, transfer } from './testing/stock-builders';

const units = (value: string) => ({ value, uom: 'Units' });

describe('stock event', () => {
  it('lists the locations an event touches', () => {
    expect(locationsOf(movement('RECEIPT', '1'))).toEqual(['WH1']);
    expect(locationsOf(transfer('TRANSFER_OUT', '1', 'TRANSIT'))).toEqual(['WH1', 'TRANSIT']);
    expect([isTransfer(transfer('TRANSFER_IN', '1', 'TRANSIT')), isTransfer(count('1'))]).toEqual([true, false]);
  });

  it.each([
    ['RECEIPT', [['WH1', 'ON_HAND', '5']]],
    ['ADJUSTMENT', [['WH1', 'ON_HAND', '5']]],
    [
      'MOVE_TO_QUARANTINE',
      [
        ['WH1', 'ON_HAND', '-5'],
        ['WH1', 'QUARANTINED', '5'],
      ],
    ],
    [
      'MOVE_FROM_QUARANTINE',
      [
        ['WH1', 'QUARANTINED', '-5'],
        ['WH1', 'ON_HAND', '5'],
      ],
    ],
    [
      'MOVE_TO_DAMAGED',
      [
        ['WH1', 'ON_HAND', '-5'],
        ['WH1', 'DAMAGED', '5'],
      ],
    ],
    [
      'MOVE_FROM_DAMAGED',
      [
        ['WH1', 'DAMAGED', '-5'],
        ['WH1', 'ON_HAND', '5'],
      ],
    ],
  ] as const)('%s plans its delta changes', (kind, expected) => {
    const changes = plannedChanges(movement(kind, '5'), units('5'));

    expect(changes.map((change) => [change.locationId, change.quantityType, change.quantity.value])).toEqual(expected);
    expect(changes.every((change) => change.changeKind === 'DELTA')).toBe(true);
  });

  it('plans a transfer through the transit location', () => {
    const out = plannedChanges(transfer('TRANSFER_OUT', '5', 'TRANSIT'), units('5'));
    const arrival = plannedChanges(transfer('TRANSFER_IN', '5', 'TRANSIT', { locationId: 'WH2' }), units('5'));

    expect(out.map((change) => [change.locationId, change.quantityType, change.quantity.value])).toEqual([
      ['WH1', 'ON_HAND', '-5'],
      ['TRANSIT', 'IN_TRANSIT', '5'],
    ]);
    expect(arrival.map((change) => [change.locationId, change.quantityType, change.quantity.value])).toEqual([
      ['TRANSIT', 'IN_TRANSIT', '-5'],
      ['WH2', 'ON_HAND', '5'],
    ]);
  });

  it('plans a count as one absolute change of the counted figure, keeping the reported quantity', () => {
    const event = count('2', { quantityType: 'DAMAGED', uom: 'Box of 12' });

    expect(plannedChanges(event, units('24'))).toEqual([
      {
        sku: 'SKU-1',
        locationId: 'WH1',
        quantityType: 'DAMAGED',
        changeKind: 'ABSOLUTE',
        quantity: units('24'),
        reportedQuantity: { value: '2', uom: 'Box of 12' },
      },
    ]);
  });

  it('asks a positive amount for movements, a signed one for adjustments and a level for counts', () => {
    expect(quantitySignProblem(movement('RECEIPT', '0'), units('0'))).toBe('RECEIPT needs a positive quantity');
    expect(quantitySignProblem(transfer('TRANSFER_OUT', '-1', 'TRANSIT'), units('-1'))).toBe('TRANSFER_OUT needs a positive quantity');
    expect(quantitySignProblem(movement('RECEIPT', '0.001'), units('0.001'))).toBeNull();
    expect(quantitySignProblem(movement('ADJUSTMENT', '-7'), units('-7'))).toBeNull();
    expect(quantitySignProblem(count('0'), units('0'))).toBeNull();
    expect(quantitySignProblem(count('-1'), units('-1'))).toBe('a count cannot be negative');
  });
});
