import { canonicalJson, naturalKey, orderIdFor, requestFingerprint, uuidV5 } from './order-identity';

describe('natural key', () => {
  it('trims both parts and lower-cases the channel slug', () => {
    expect(naturalKey('  WebShop ', ' WS-1001\n')).toEqual({ channel: 'webshop', externalOrderId: 'WS-1001' });
  });

  it('keeps the case of the external order id: channels may tell "ab-1" and "AB-1" apart', () => {
    expect(naturalKey('edi', 'ab-1')).not.toEqual(naturalKey('edi', 'AB-1'));
  });

  it('treats composed and decomposed Unicode as the same id', () => {
    expect(naturalKey('webshop', 'Bestellung-M\u00fcller')).toEqual(naturalKey('webshop', 'Bestellung-Mu\u0308ller'));
  });
});

describe('order id', () => {
  it('is a version 5 UUID derived from the natural key: the same key always gives the same id', () => {
    const id = orderIdFor(naturalKey('webshop', 'WS-1001'));

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(orderIdFor(naturalKey(' WEBSHOP', 'WS-1001 '))).toBe(id);
  });

  it('differs per channel and per external id', () => {
    const ids = new Set([
      orderIdFor(naturalKey('webshop', 'WS-1001')),
      orderIdFor(naturalKey('marketplace', 'WS-1001')),
      orderIdFor(naturalKey('webshop', 'WS-1002')),
    ]);
    expect(ids.size).toBe(3);
  });

  it('keeps the two parts apart, so moving a character across the boundary is another order', () => {
    expect(orderIdFor({ channel: 'a', externalOrderId: 'b\nc' })).not.toBe(orderIdFor({ channel: 'a\nb', externalOrderId: 'c' }));
  });

  it('follows RFC 9562 UUIDv5 (the well-known DNS example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('canonical JSON and request fingerprint', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('drops undefined members like JSON does and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined], d: new Date('2026-01-02T03:04:05Z') })).toBe(
      '{"b":null,"c":[null],"d":"2026-01-02T03:04:05.000Z"}',
    );
  });

  it('gives the same fingerprint whatever the key order', () => {
    const first = requestFingerprint({ channel: 'webshop', lines: [{ sku: 'A', quantity: '1' }] });
    const reordered = requestFingerprint({ lines: [{ quantity: '1', sku: 'A' }], channel: 'webshop' });

    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reordered).toBe(first);
  });

  it('gives another fingerprint when any value changes: same Idempotency-Key, different body', () => {
    const original = requestFingerprint({ lines: [{ sku: 'A', quantity: '1' }] });

    expect(requestFingerprint({ lines: [{ sku: 'A', quantity: '2' }] })).not.toBe(original);
    expect(requestFingerprint({ lines: [{ sku: 'A', quantity: 1 }] })).not.toBe(original);
  });
});
