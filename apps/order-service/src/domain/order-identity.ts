import { hash } from 'node:crypto';

/** What makes two requests the same order: the same channel and the same order id in that channel. */
export interface OrderNaturalKey {
  channel: string;
  externalOrderId: string;
}

/**
 * Normalizes the natural key. Both parts are trimmed and put in Unicode NFC, so the same text
 * typed or encoded differently is one key. The channel is a slug and is lower-cased. The external
 * order id keeps its case: channels and EDI partners may treat "ab-1" and "AB-1" as two orders,
 * and merging two real orders is worse than refusing a retry that changed case.
 */
export function naturalKey(channel: string, externalOrderId: string): OrderNaturalKey {
  return {
    channel: channel.trim().normalize('NFC').toLowerCase(),
    externalOrderId: externalOrderId.trim().normalize('NFC'),
  };
}

/** Namespace of backbone order ids (random, fixed forever: changing it changes every order id). */
export const ORDER_ID_NAMESPACE = '41dcffb7-fff6-4a63-9e1c-2223b5dc0a9a';

/**
 * The order id: a UUIDv5 of the normalized natural key. Derived rather than generated, so a
 * retried or replayed create computes the same id and the primary key itself refuses a second
 * order, with or without an Idempotency-Key.
 */
export function orderIdFor(key: OrderNaturalKey): string {
  // JSON keeps the two parts apart: ("a", "b\nc") and ("a\nb", "c") must not collide.
  return uuidV5(ORDER_ID_NAMESPACE, JSON.stringify([key.channel, key.externalOrderId]));
}

/** A name-based UUID version 5 (RFC 9562 §5.5): SHA-1 over namespace bytes and UTF-8 name. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = hash('sha1', Buffer.concat([Buffer.from(namespace.replace(/-/g, ''), 'hex'), Buffer.from(name, 'utf8')]), 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace, as in RFC 8785: equal
 * values give equal text whatever their key order. `undefined` members are dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const members = Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
  return `{${members.join(',')}}`;
}

/**
 * Fingerprint of a request body for Idempotency-Key checks: the same key with a different
 * fingerprint is a different request and must be refused. Key order and whitespace do not count.
 */
export function requestFingerprint(body: unknown): string {
  return `sha256:${hash('sha256', canonicalJson(body), 'hex')}`;
}
