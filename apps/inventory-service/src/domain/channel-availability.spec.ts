import { channelAvailabilityChange, channelAvailable, reorderPointOf, type ChannelConfig } from './channel-availability';
import { position } from './testing/stock-builders';

const webshop: ChannelConfig = {
  channel: 'webshop',
  locationIds: ['WH1', '3PL1'],
  buffer: { kind: 'ABSOLUTE', quantity: '2' },
  reorderPoints: { 'SKU-1': '5' },
  defaultReorderPoint: '1',
};

const positions = [
  position('WH1', { ON_HAND: '10', RESERVED: '3' }),
  position('3PL1', { ON_HAND: '4', RESERVED: '6' }),
  position('WH2', { ON_HAND: '100' }),
  position('WH1', { ON_HAND: '50' }, 'SKU-2'),
];

describe('channel availability', () => {
  it('sums available to promise over the serving locations only, then takes off an absolute buffer', () => {
    expect(channelAvailable(webshop, 'SKU-1', positions)).toBe('5');
  });

  it('never reports below zero', () => {
    expect(channelAvailable({ ...webshop, buffer: { kind: 'ABSOLUTE', quantity: '9' } }, 'SKU-1', positions)).toBe('0');
    expect(channelAvailable(webshop, 'SKU-9', positions)).toBe('0');
  });

  it('keeps fractions with an absolute buffer', () => {
    const coffee = [position('WH1', { ON_HAND: '12.75', RESERVED: '0.5' })];

    expect(channelAvailable({ ...webshop, buffer: { kind: 'ABSOLUTE', quantity: '0.25' } }, 'SKU-1', coffee)).toBe('12');
    expect(channelAvailable({ ...webshop, buffer: { kind: 'ABSOLUTE', quantity: '1.1' } }, 'SKU-1', coffee)).toBe('11.15');
  });

  it.each([
    ['15', '10', '8'],
    ['0', '10', '10'],
    ['100', '10', '0'],
    ['10', '9.9', '8'],
    ['33.3', '3', '2'],
  ])('rounds down to whole base units with a %s %% buffer of %s available', (percent, onHand, expected) => {
    const config: ChannelConfig = { ...webshop, buffer: { kind: 'PERCENTAGE', percent } };

    expect(channelAvailable(config, 'SKU-1', [position('WH1', { ON_HAND: onHand })])).toBe(expected);
  });

  it('uses the SKU reorder point, else the default', () => {
    expect(reorderPointOf(webshop, 'SKU-1')).toBe('5');
    expect(reorderPointOf(webshop, 'SKU-2')).toBe('1');
    expect(reorderPointOf({ ...webshop, defaultReorderPoint: null }, 'SKU-2')).toBeNull();
    expect(reorderPointOf(webshop, 'constructor')).toBe('1');
  });

  describe('reorder point crossing', () => {
    const stock = (onHand: string) => [position('WH1', { ON_HAND: onHand })];

    it('reports a drop from at or above the reorder point to below it', () => {
      expect(channelAvailabilityChange(webshop, 'SKU-1', stock('7'), stock('6'))).toEqual({
        before: '5',
        after: '4',
        reorderPointCrossed: { channel: 'webshop', sku: 'SKU-1', reorderPoint: '5', available: '4' },
      });
    });

    it.each([
      ['a drop that stays above', '10', '8'],
      ['a drop while already below', '6', '3'],
      ['a rise back above', '3', '10'],
      ['no change', '7', '7'],
    ])('reports nothing for %s', (_case, before, after) => {
      expect(channelAvailabilityChange(webshop, 'SKU-1', stock(before), stock(after)).reorderPointCrossed).toBeNull();
    });

    it('reports nothing without a reorder point', () => {
      const noThreshold = { ...webshop, reorderPoints: {}, defaultReorderPoint: null };

      expect(channelAvailabilityChange(noThreshold, 'SKU-1', stock('100'), stock('0')).reorderPointCrossed).toBeNull();
    });
  });
});
