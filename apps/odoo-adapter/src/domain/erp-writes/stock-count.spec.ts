import { countedLevel } from './stock-count';

describe('counted level', () => {
  it('adds deltas to the current quantity', () => {
    expect(countedLevel(10, [{ kind: 'DELTA', quantity: -3 }, { kind: 'DELTA', quantity: 5 }])).toBe(12);
  });

  it('restarts from an absolute level', () => {
    expect(countedLevel(10, [{ kind: 'DELTA', quantity: 4 }, { kind: 'ABSOLUTE', quantity: 7 }, { kind: 'DELTA', quantity: 1 }])).toBe(8);
  });

  it('applies a level worked out on an earlier try as it is, whatever Odoo holds now', () => {
    expect(countedLevel(99, [{ kind: 'DELTA', quantity: 2, target: 12 }])).toBe(12);
  });
});
