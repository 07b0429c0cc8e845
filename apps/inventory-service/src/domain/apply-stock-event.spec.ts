import { applyStockEvent, type StockEventOutcome, type StockEventState } from './apply-stock-event';
import type { MoveKind, StockEvent } from './stock-event';
import { at, count, countMark, location, movement, position, product, SKU, transfer } from './testing/stock-builders';

const recordedAt = at(30);

function given(overrides: Partial<StockEventState> = {}): StockEventState {
  return {
    product,
    locations: [location('WH1'), location('WH2'), location('TRANSIT', { kind: 'IN_TRANSIT' })],
    positions: [position('WH1', { ON_HAND: '10', RESERVED: '4' })],
    countMarks: [],
    recentEntries: [],
    alreadyRecorded: false,
    ...overrides,
  };
}

function recorded(outcome: StockEventOutcome) {
  if (outcome.outcome !== 'RECORDED') throw new Error(`expected RECORDED, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function balances(outcome: StockEventOutcome, locationId: string) {
  return recorded(outcome).positions.find((changed) => changed.locationId === locationId)?.balances;
}

describe('applyStockEvent', () => {
  it('books a receipt as an applied on-hand delta with its cause and times, and publishes it', () => {
    const event = movement('RECEIPT', '5', { eventId: 'wms-1', minute: 3 });

    const outcome = recorded(applyStockEvent(event, given(), recordedAt));

    expect(outcome.entries).toEqual([
      {
        sku: SKU,
        locationId: 'WH1',
        quantityType: 'ON_HAND',
        changeKind: 'DELTA',
        quantity: { value: '5', uom: 'Units' },
        reportedQuantity: { value: '5', uom: 'Units' },
        cause: { eventId: 'wms-1', sourceSystem: 'wms', reasonCode: 'STOCK.RECEIPT' },
        sequence: null,
        occurredAt: at(3),
        recordedAt,
        status: 'APPLIED',
        balanceAfter: '15',
      },
    ]);
    expect(outcome.positions).toEqual([position('WH1', { ON_HAND: '15', RESERVED: '4' })]);
    expect(outcome.countMarks).toEqual([]);
    expect(outcome.events).toEqual([
      {
        type: 'backbone.inventory.StockChanged',
        payload: {
          sku: SKU,
          locationId: 'WH1',
          quantityType: 'ON_HAND',
          changeKind: 'DELTA',
          quantity: { value: '5', uom: 'Units' },
          cause: event.cause,
          occurredAt: at(3),
        },
      },
    ]);
  });

  it('converts to the base unit and keeps the quantity as reported', () => {
    const outcome = recorded(applyStockEvent(movement('RECEIPT', '3', { uom: 'Box of 12' }), given(), recordedAt));

    expect(outcome.entries[0]).toMatchObject({
      quantity: { value: '36', uom: 'Units' },
      reportedQuantity: { value: '3', uom: 'Box of 12' },
    });
    expect(balances(outcome, 'WH1')?.ON_HAND).toBe('46');
  });

  it('applies signed adjustments, also fractional ones', () => {
    expect(balances(applyStockEvent(movement('ADJUSTMENT', '-2.5'), given(), recordedAt), 'WH1')?.ON_HAND).toBe('7.5');
    expect(balances(applyStockEvent(movement('ADJUSTMENT', '0.25'), given(), recordedAt), 'WH1')?.ON_HAND).toBe('10.25');
  });

  it.each<[MoveKind, string, Record<string, string>]>([
    ['MOVE_TO_QUARANTINE', '3', { ON_HAND: '7', QUARANTINED: '5' }],
    ['MOVE_FROM_QUARANTINE', '2', { ON_HAND: '12', QUARANTINED: '0' }],
    ['MOVE_TO_DAMAGED', '1', { ON_HAND: '9', DAMAGED: '2' }],
    ['MOVE_FROM_DAMAGED', '1', { ON_HAND: '11', DAMAGED: '0' }],
  ])('%s %s moves stock between on hand and the held figure', (kind, value, expected) => {
    const state = given({ positions: [position('WH1', { ON_HAND: '10', QUARANTINED: '2', DAMAGED: '1' })] });

    const outcome = recorded(applyStockEvent(movement(kind, value), state, recordedAt));

    expect(balances(outcome, 'WH1')).toMatchObject(expected);
    expect(outcome.entries.map((entry) => [entry.quantityType, entry.quantity.value])).toHaveLength(2);
    expect(outcome.events).toHaveLength(2);
  });

  it('moves a transfer out of on hand into transit, and from transit into on hand at the receiving location', () => {
    const out = recorded(applyStockEvent(transfer('TRANSFER_OUT', '4', 'TRANSIT', { minute: 1 }), given(), recordedAt));
    expect(balances(out, 'WH1')?.ON_HAND).toBe('6');
    expect(balances(out, 'TRANSIT')?.IN_TRANSIT).toBe('4');

    const arrival = transfer('TRANSFER_IN', '4', 'TRANSIT', { minute: 9, locationId: 'WH2' });
    const arrived = recorded(applyStockEvent(arrival, given({ positions: out.positions }), recordedAt));
    expect(balances(arrived, 'TRANSIT')?.IN_TRANSIT).toBe('0');
    expect(balances(arrived, 'WH2')?.ON_HAND).toBe('4');
  });

  it('sets a counted figure absolutely and marks the count for the ordering rules', () => {
    const outcome = recorded(applyStockEvent(count('3', { quantityType: 'QUARANTINED', minute: 5, sequence: 12 }), given(), recordedAt));

    expect(outcome.entries[0]).toMatchObject({
      quantityType: 'QUARANTINED',
      changeKind: 'ABSOLUTE',
      quantity: { value: '3' },
      balanceAfter: '3',
    });
    expect(outcome.countMarks).toEqual([countMark(5, { quantityType: 'QUARANTINED', sequence: 12 })]);
    expect(outcome.events[0].payload).toMatchObject({ changeKind: 'ABSOLUTE', quantity: { value: '3', uom: 'Units' } });
  });

  it('accepts a zero count', () => {
    expect(balances(applyStockEvent(count('0'), given(), recordedAt), 'WH1')?.ON_HAND).toBe('0');
  });

  it('treats a redelivered event as a no-op', () => {
    expect(applyStockEvent(movement('RECEIPT', '5'), given({ alreadyRecorded: true }), recordedAt)).toEqual({ outcome: 'DUPLICATE' });
  });

  it('does not change the state it was given', () => {
    const state = given();
    const snapshot = structuredClone(state);

    applyStockEvent(movement('ADJUSTMENT', '-3'), state, recordedAt);

    expect(state).toEqual(snapshot);
  });

  describe('stock master per location', () => {
    it('records but does not apply a change reported by a system that is not the location stock master', () => {
      const fromErp = movement('RECEIPT', '5', { reportedBy: 'ODOO', sourceSystem: 'odoo' });

      const outcome = recorded(applyStockEvent(fromErp, given(), recordedAt));

      expect(outcome.entries).toEqual([expect.objectContaining({ status: 'NOT_AUTHORITATIVE', balanceAfter: '10' })]);
      expect(outcome.positions).toEqual([]);
      expect(outcome.events).toEqual([]);
    });

    it('judges each location of a transfer by its own stock master', () => {
      const state = given({ locations: [location('WH1'), location('TRANSIT', { kind: 'IN_TRANSIT', onHandAuthority: 'ODOO' })] });

      const outcome = recorded(applyStockEvent(transfer('TRANSFER_OUT', '4', 'TRANSIT'), state, recordedAt));

      expect(outcome.entries.map((entry) => [entry.locationId, entry.status])).toEqual([
        ['WH1', 'APPLIED'],
        ['TRANSIT', 'NOT_AUTHORITATIVE'],
      ]);
    });
  });

  describe('rejections for the exception queue', () => {
    function rejection(event: StockEvent, state = given()) {
      const outcome = applyStockEvent(event, state, recordedAt);
      if (outcome.outcome !== 'REJECTED') throw new Error(`expected REJECTED, got ${outcome.outcome}`);
      return { code: outcome.error.code, details: outcome.error.details, message: outcome.error.message };
    }

    it('rejects an unknown SKU', () => {
      const unknown = { code: 'INVENTORY.UNKNOWN_SKU' };
      expect(rejection(movement('RECEIPT', '1'), given({ product: null }))).toMatchObject({ ...unknown, details: { sku: SKU } });
      expect(rejection(movement('RECEIPT', '1', { sku: 'OTHER' }))).toMatchObject({ ...unknown, details: { sku: 'OTHER' } });
    });

    it('rejects an unknown location, also an unknown transit location', () => {
      expect(rejection(movement('RECEIPT', '1', { locationId: 'NOWHERE' }))).toMatchObject({
        code: 'INVENTORY.UNKNOWN_LOCATION',
        details: { locationId: 'NOWHERE' },
      });
      expect(rejection(transfer('TRANSFER_OUT', '1', 'LIMBO'))).toMatchObject({
        code: 'INVENTORY.UNKNOWN_LOCATION',
        details: { locationId: 'LIMBO' },
      });
    });

    it('rejects a transfer through a location that is not an in-transit location', () => {
      expect(rejection(transfer('TRANSFER_OUT', '1', 'WH2'))).toMatchObject({
        code: 'INVENTORY.NOT_A_TRANSIT_LOCATION',
        details: { locationId: 'WH2', kind: 'WAREHOUSE' },
      });
    });

    it('rejects a unit without a conversion', () => {
      expect(rejection(movement('RECEIPT', '1', { uom: 'Pallet' }))).toMatchObject({
        code: 'INVENTORY.UNIT_WITHOUT_CONVERSION',
        details: { sku: SKU, uom: 'Pallet', baseUnit: 'Units' },
      });
    });

    it.each<[string, StockEvent]>([
      ['a value that is not a decimal string', movement('RECEIPT', 'five')],
      ['a zero receipt', movement('RECEIPT', '0')],
      ['a negative move', movement('MOVE_TO_DAMAGED', '-1')],
      ['a negative transfer', transfer('TRANSFER_IN', '-1', 'TRANSIT')],
      ['a negative count', count('-1')],
    ])('rejects %s as an invalid quantity', (_case, event) => {
      expect(rejection(event).code).toBe('INVENTORY.INVALID_QUANTITY');
    });

    it('rejects a change that takes on hand below zero where the location forbids it, naming both figures', () => {
      expect(rejection(movement('MOVE_TO_QUARANTINE', '11'))).toEqual({
        code: 'INVENTORY.NEGATIVE_ON_HAND_NOT_ALLOWED',
        message: 'MOVE_TO_QUARANTINE would take on hand of SKU "SKU-1" at "WH1" to -1, and the location does not allow negative on hand',
        details: { sku: SKU, locationId: 'WH1', onHandBefore: '10', onHandAfter: '-1' },
      });
    });

    it('allows negative on hand where the location allows it', () => {
      const state = given({ locations: [location('WH1', { kind: 'THREE_PL', allowNegativeOnHand: true })] });

      expect(balances(applyStockEvent(movement('ADJUSTMENT', '-12'), state, recordedAt), 'WH1')?.ON_HAND).toBe('-2');
    });

    it('checks the SKU before the locations and the locations before the unit', () => {
      const everythingWrong = movement('RECEIPT', '1', { sku: 'OTHER', locationId: 'NOWHERE', uom: 'Pallet' });
      expect(rejection(everythingWrong).code).toBe('INVENTORY.UNKNOWN_SKU');
      expect(rejection({ ...everythingWrong, sku: SKU }).code).toBe('INVENTORY.UNKNOWN_LOCATION');
    });
  });
});
