import type { NormalizedOrderRequest, OrderRequest, RequestedLine } from './canonical-order';
import type { OrderStatus } from './order-state';
import { fail, ok, reject, type Rejection, type Result } from './order.errors';

/**
 * How one channel's vocabulary maps to the ERP's: data kept in tables, so a new channel or a new
 * SKU needs no code. Lookups trim the channel's value first. SKUs match exactly (the ERP's
 * default_code is case-sensitive); units and status words match ignoring case ("EA" = "ea").
 */
export interface ChannelMapping {
  /** Channel SKU → ERP SKU. */
  skus: Readonly<Record<string, string>>;
  /** When true, a SKU missing from `skus` is already the ERP SKU (e.g. the own web shop). */
  skuPassThrough: boolean;
  /** Channel unit → ERP unit of measure name, e.g. "EA" → "Units". */
  units: Readonly<Record<string, string>>;
  /** Channel status word → order status. The first word listed for a status is the one sent back to the channel. */
  statuses: Readonly<Record<string, OrderStatus>>;
}

type UnmappedValue = Rejection<'ORDER.UNMAPPED_SKU' | 'ORDER.UNMAPPED_UNIT'>;

/** Translates SKUs and units of every line, or lists every value the tables do not cover. */
export function normalizeOrder(request: OrderRequest, mapping: ChannelMapping): Result<NormalizedOrderRequest, UnmappedValue[]> {
  const unmapped: UnmappedValue[] = [];
  const lines = request.lines.map((line, index): RequestedLine => {
    const path = `lines[${index}]`;
    const sku = lookupExact(mapping.skus, line.sku) ?? (mapping.skuPassThrough ? line.sku.trim() : undefined);
    const uom = lookupIgnoringCase(mapping.units, line.quantity.uom);
    if (sku === undefined) {
      unmapped.push(unmappedValue('ORDER.UNMAPPED_SKU', request.channel, `${path}.sku`, line.sku));
    }
    if (uom === undefined) {
      unmapped.push(unmappedValue('ORDER.UNMAPPED_UNIT', request.channel, `${path}.unit`, line.quantity.uom));
    }
    return { ...line, sku: sku ?? line.sku, quantity: { ...line.quantity, uom: uom ?? line.quantity.uom } };
  });
  if (unmapped.length > 0) return fail(unmapped);
  // The one place a request is vouched for as being in the ERP's vocabulary.
  return ok({ ...request, lines } as NormalizedOrderRequest);
}

/** The order status a channel's status word stands for. */
export function normalizeStatus(mapping: ChannelMapping, channel: string, word: string): Result<OrderStatus, Rejection<'ORDER.UNMAPPED_STATUS'>> {
  const status = lookupIgnoringCase(mapping.statuses, word);
  if (status !== undefined) return ok(status);
  return fail(reject('ORDER.UNMAPPED_STATUS', `channel ${channel} status "${word}" has no mapping`, { channel, value: word }));
}

/** The channel's word for an order status, or undefined when the channel has none (nothing to report). */
export function channelStatusFor(mapping: ChannelMapping, status: OrderStatus): string | undefined {
  return Object.keys(mapping.statuses).find((word) => mapping.statuses[word] === status);
}

function unmappedValue(code: UnmappedValue['code'], channel: string, field: string, value: string): UnmappedValue {
  const what = code === 'ORDER.UNMAPPED_SKU' ? 'SKU' : 'unit';
  return reject(code, `${field}: channel ${channel} ${what} "${value}" has no mapping`, { channel, field, value });
}

// Own keys only: a SKU called "constructor" must not find Object.prototype.constructor.
function lookupExact<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  const trimmed = key.trim();
  return Object.hasOwn(table, trimmed) ? table[trimmed] : undefined;
}

function lookupIgnoringCase<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  const wanted = key.trim().toLowerCase();
  const match = Object.keys(table).find((candidate) => candidate.trim().toLowerCase() === wanted);
  return match === undefined ? undefined : table[match];
}
