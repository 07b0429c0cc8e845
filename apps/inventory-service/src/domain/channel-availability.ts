import { compareQuantities, floorQuantity, maxQuantity, minus, percentOf, sumQuantities, type DecimalString } from './quantity';
import { availableToPromise, type StockPosition } from './stock-position';

/** Stock held back from a channel as a safety margin against selling what another channel just sold. */
export type ChannelBuffer =
  | { readonly kind: 'ABSOLUTE'; readonly quantity: DecimalString }
  /** `percent` of the SKU's available to promise over the channel's locations, from 0 to 100. */
  | { readonly kind: 'PERCENTAGE'; readonly percent: DecimalString };

export interface ChannelConfig {
  /** Sales channel slug, e.g. "webshop". */
  readonly channel: string;
  /** The locations whose stock the channel may sell. */
  readonly locationIds: readonly string[];
  readonly buffer: ChannelBuffer;
  /** Per SKU, the available quantity below which the SKU needs reordering. */
  readonly reorderPoints: Readonly<Record<string, DecimalString>>;
  /** For SKUs without their own reorder point; null for none. */
  readonly defaultReorderPoint: DecimalString | null;
}

/** The SKU dropped below its reorder point on the channel. */
export interface ReorderPointCrossed {
  readonly channel: string;
  readonly sku: string;
  readonly reorderPoint: DecimalString;
  readonly available: DecimalString;
}

export interface ChannelAvailabilityChange {
  readonly before: DecimalString;
  readonly after: DecimalString;
  /** Set only on the change that takes the figure from at or above the reorder point to below it. */
  readonly reorderPointCrossed: ReorderPointCrossed | null;
}

/**
 * What a channel may sell of a SKU: available to promise summed over the channel's locations,
 * minus the buffer, never below zero. With a percentage buffer the result is rounded down to whole
 * base units, so a percentage never makes the channel promise a fraction of a unit (10 units with
 * a 15 % buffer give 8, not 8.5); an absolute buffer keeps the result exact, so stock kept in
 * fractional base units (kg) stays fractional. `positions` may hold other SKUs and locations.
 */
export function channelAvailable(config: ChannelConfig, sku: string, positions: readonly StockPosition[]): DecimalString {
  const served = new Set(config.locationIds);
  const total = sumQuantities(positions.filter((held) => held.sku === sku && served.has(held.locationId)).map(availableToPromise));
  if (config.buffer.kind === 'ABSOLUTE') return maxQuantity('0', minus(total, config.buffer.quantity));
  return floorQuantity(maxQuantity('0', minus(total, percentOf(total, config.buffer.percent))));
}

export function reorderPointOf(config: ChannelConfig, sku: string): DecimalString | null {
  return Object.hasOwn(config.reorderPoints, sku) ? config.reorderPoints[sku] : config.defaultReorderPoint;
}

/** The channel figure of a SKU before and after a change of positions, and whether it crossed the reorder point downwards. */
export function channelAvailabilityChange(
  config: ChannelConfig,
  sku: string,
  positionsBefore: readonly StockPosition[],
  positionsAfter: readonly StockPosition[],
): ChannelAvailabilityChange {
  const before = channelAvailable(config, sku, positionsBefore);
  const after = channelAvailable(config, sku, positionsAfter);
  const reorderPoint = reorderPointOf(config, sku);
  const crossed = reorderPoint !== null && compareQuantities(before, reorderPoint) >= 0 && compareQuantities(after, reorderPoint) < 0;
  return { before, after, reorderPointCrossed: crossed ? { channel: config.channel, sku, reorderPoint, available: after } : null };
}
