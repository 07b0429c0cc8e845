import {
  availableToPromise,
  breaksNegativeOnHandRule,
  emptyStockPosition,
  positionKey,
  withBalance,
  type LocationConfig,
} from './stock-position';

const strict: LocationConfig = { locationId: 'WH1', kind: 'WAREHOUSE', onHandAuthority: 'WMS', allowNegativeOnHand: false };
const lenient: LocationConfig = { ...strict, locationId: '3PL1', kind: 'THREE_PL', allowNegativeOnHand: true };

function position(onHand: string, reserved = '0') {
  return withBalance(withBalance(emptyStockPosition('A', 'WH1'), 'ON_HAND', onHand), 'RESERVED', reserved);
}

describe('stock position', () => {
  it('starts with every quantity type at zero', () => {
    expect(emptyStockPosition('A', 'WH1')).toEqual({
      sku: 'A',
      locationId: 'WH1',
      balances: { ON_HAND: '0', RESERVED: '0', IN_TRANSIT: '0', QUARANTINED: '0', DAMAGED: '0' },
    });
  });

  it('changes one balance without touching the original', () => {
    const before = emptyStockPosition('A', 'WH1');
    const after = withBalance(before, 'QUARANTINED', '4');

    expect(after.balances).toMatchObject({ QUARANTINED: '4', ON_HAND: '0' });
    expect(before.balances.QUARANTINED).toBe('0');
  });

  describe('available to promise', () => {
    it('is on hand minus reserved', () => {
      expect(availableToPromise(position('10.5', '3'))).toBe('7.5');
    });

    it('ignores in transit, quarantined and damaged stock', () => {
      const held = withBalance(withBalance(withBalance(position('2'), 'IN_TRANSIT', '5'), 'QUARANTINED', '6'), 'DAMAGED', '7');
      expect(availableToPromise(held)).toBe('2');
    });

    it('reports zero, never a negative figure, when reservations exceed on hand', () => {
      expect(availableToPromise(position('3', '5'))).toBe('0');
      expect(availableToPromise(position('-2'))).toBe('0');
    });
  });

  describe('negative on hand rule', () => {
    it('refuses a change that takes on hand below zero where the location forbids it', () => {
      expect(breaksNegativeOnHandRule(position('2'), position('-1'), strict)).toBe(true);
    });

    it('refuses a change that takes a negative on hand further down', () => {
      expect(breaksNegativeOnHandRule(position('-1'), position('-3'), strict)).toBe(true);
    });

    it('accepts a change that raises a negative on hand, even if it stays negative', () => {
      expect(breaksNegativeOnHandRule(position('-5'), position('-2'), strict)).toBe(false);
    });

    it('accepts zero and anything where the location allows negative on hand', () => {
      expect(breaksNegativeOnHandRule(position('2'), position('0'), strict)).toBe(false);
      expect(breaksNegativeOnHandRule(position('2'), position('-1'), lenient)).toBe(false);
    });
  });

  it('keys positions so that no separator in an id can make two positions collide', () => {
    expect(positionKey('A|B', 'C')).not.toBe(positionKey('A', 'B|C'));
    expect(positionKey('A', 'WH1')).toBe(positionKey('A', 'WH1'));
  });
});
