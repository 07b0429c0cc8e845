// Builders for the domain specs. Orders are made through the real intake path
// (validate → normalize → receive), so a fixture can never be a shape intake would refuse.
import { receiveOrder, type Order } from '../canonical-order';
import { normalizeOrder, type ChannelMapping } from '../channel-mappings';
import type { OrderLine } from '../order-lines';
import type { Actor, OrderStatus } from '../order-state';
import { validateOrderRequest, type OrderRequestBody } from '../validate-order-request';

export const AT = new Date('2026-11-23T10:00:00Z');
export const SYSTEM: Actor = { kind: 'system', id: 'order-service' };
export const OPERATOR: Actor = { kind: 'operator', id: 'alice@example.com' };

const address = { name: 'ACME GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' };

export function aBody(overrides: Partial<OrderRequestBody> = {}): OrderRequestBody {
  return {
    channel: 'webshop',
    externalOrderId: 'WS-1001',
    customer: { customerId: 'C-1', name: 'ACME GmbH', email: 'buyer@acme.example' },
    billTo: address,
    shipTo: address,
    currency: 'EUR',
    lines: [
      { sku: 'SKU-A', quantity: '10', unit: 'Units', unitPrice: '2.50' },
      { sku: 'SKU-B', quantity: '4', unit: 'Units', unitPrice: '10' },
    ],
    placedAt: '2026-11-23T09:00:00Z',
    ...overrides,
  };
}

/** A channel that already uses ERP SKUs and units. */
export const PASS_THROUGH: ChannelMapping = { skus: {}, skuPassThrough: true, units: { Units: 'Units', kg: 'kg' }, statuses: {} };

export function anOrder(overrides: Partial<OrderRequestBody> = {}): Order {
  const validated = validateOrderRequest(aBody(overrides));
  if (!validated.ok) throw new Error(`fixture is invalid: ${JSON.stringify(validated.error.errors)}`);
  const normalized = normalizeOrder(validated.value, PASS_THROUGH);
  if (!normalized.ok) throw new Error(`fixture is unmapped: ${JSON.stringify(normalized.error)}`);
  return receiveOrder(normalized.value, { kind: 'channel', id: 'webshop' }, AT).order;
}

/** The order as if it had reached `status`; ON_HOLD returns to `heldFrom`. */
export function inStatus(order: Order, status: OrderStatus, heldFrom: OrderStatus = 'RECEIVED'): Order {
  const hold = status === 'ON_HOLD' ? { returnTo: heldFrom, reason: { code: 'ORDER.TEST_HOLD', message: 'held by a test' } } : null;
  return { ...order, status, hold };
}

export function aLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    lineId: '1',
    sku: 'SKU-A',
    uom: 'Units',
    unitPrice: { amount: '2.5', currency: 'EUR' },
    ordered: '10',
    reserved: '0',
    shipped: '0',
    backordered: '0',
    cancelled: '0',
    substitutions: [],
    ...overrides,
  };
}

/** Mulberry32: a tiny seeded PRNG, so every property run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
