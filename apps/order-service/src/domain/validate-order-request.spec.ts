import { aBody } from './testing/order-builders';
import { validateOrderRequest } from './validate-order-request';

function invalidFields(body: unknown) {
  const result = validateOrderRequest(body);
  if (result.ok) throw new Error('expected the request to be refused');
  expect(result.error.code).toBe('ORDER.INVALID_REQUEST');
  return result.error.errors.map(({ field, message }) => `${field}: ${message}`);
}

describe('validateOrderRequest', () => {
  it('turns a valid body into the canonical request: quantities with units, prices with the order currency', () => {
    const result = validateOrderRequest(aBody({ requestedDate: '2026-12-01' }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines[0]).toEqual({
      lineId: '1',
      sku: 'SKU-A',
      quantity: { value: '10', uom: 'Units' },
      unitPrice: { amount: '2.50', currency: 'EUR' },
    });
    expect(result.value.placedAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(result.value.requestedDate).toBe('2026-12-01');
  });

  it('numbers lines without an id by position and keeps the ids channels send', () => {
    const result = validateOrderRequest(
      aBody({ lines: [{ sku: 'A', quantity: '1', unit: 'Units', unitPrice: '1' }, { lineId: 'L-7', sku: 'B', quantity: '1', unit: 'Units', unitPrice: '1' }] }),
    );

    expect(result.ok && result.value.lines.map((line) => line.lineId)).toEqual(['1', 'L-7']);
  });

  it('makes absent optional fields null and trims text', () => {
    const result = validateOrderRequest(aBody({ externalOrderId: '  WS-1001 ', notes: undefined }));

    expect(result.ok && result.value.externalOrderId).toBe('WS-1001');
    expect(result.ok && [result.value.notes, result.value.requestedDate, result.value.customer.channelCustomerId, result.value.shipTo.street2]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('names every invalid field with its path, not just the first', () => {
    const body = aBody({
      currency: 'euro',
      lines: [
        { sku: 'A', quantity: '1', unit: 'Units', unitPrice: '1' },
        { sku: '', quantity: '1', unit: 'Units', unitPrice: '-1' },
        { sku: 'C', quantity: '0', unit: 'Units', unitPrice: '1' },
      ],
      placedAt: 'yesterday',
    });

    expect(invalidFields(body)).toEqual(
      expect.arrayContaining([
        'currency: must be an ISO 4217 currency code such as "EUR"',
        'lines[1].sku: must not be empty',
        'lines[1].unitPrice: must be a decimal of zero or more',
        'lines[2].quantity: must be a positive decimal',
        'placedAt: must be an ISO 8601 date-time with offset, e.g. "2026-11-23T10:15:00Z"',
      ]),
    );
    expect(invalidFields(body)).toHaveLength(5);
  });

  it('refuses numbers for quantities and prices: a float has already lost the exact value', () => {
    const body = aBody({ lines: [{ sku: 'A', quantity: 1.5 as unknown as string, unit: 'Units', unitPrice: 0.1 as unknown as string }] });

    expect(invalidFields(body)).toEqual([
      'lines[0].quantity: must be a positive decimal as a string, e.g. "12.50"',
      'lines[0].unitPrice: must be a decimal of zero or more as a string, e.g. "12.50"',
    ]);
  });

  it.each(['1e3', '1,5', ' 2', 'abc'])('refuses the quantity %p', (quantity) => {
    expect(invalidFields(aBody({ lines: [{ sku: 'A', quantity, unit: 'Units', unitPrice: '1' }] }))).toEqual(['lines[0].quantity: must be a positive decimal']);
  });

  it('says which required fields are missing, at any depth', () => {
    const { channel: _channel, ...withoutChannel } = aBody();
    const body = { ...withoutChannel, shipTo: { name: 'X', street: 'Y', countryCode: 'DE' } };

    expect(invalidFields(body)).toEqual(['channel: is required', 'shipTo.city: is required']);
  });

  it('names each unknown field, so a misspelt one is never silently ignored', () => {
    const body = { ...aBody(), priority: 'high', customer: { customerId: 'C-1', name: 'ACME', vip: true } };

    expect(invalidFields(body)).toEqual(['customer.vip: is not a known field', 'priority: is not a known field']);
  });

  it('reports duplicate line ids together with the other errors of the lines', () => {
    const body = aBody({
      lines: [
        { lineId: '2', sku: 'A', quantity: '1', unit: 'Units', unitPrice: '1' },
        { sku: 'B', quantity: 'x', unit: 'Units', unitPrice: '1' },
      ],
    });

    expect(invalidFields(body)).toEqual(['lines[1].quantity: must be a positive decimal', 'lines[1].lineId: duplicates the line id "2" of lines[0]']);
  });

  it('requires at least one line', () => {
    expect(invalidFields(aBody({ lines: [] }))).toEqual(['lines: must contain at least one line']);
  });

  it('checks addresses, e-mail and dates', () => {
    const body = aBody({
      billTo: { name: 'A', street: 'B', city: 'C', countryCode: 'Germany' },
      customer: { customerId: 'C-1', name: 'ACME', email: 'not-an-address' },
      requestedDate: '2026-02-30',
    });

    expect(invalidFields(body)).toEqual([
      'customer.email: must be an e-mail address',
      'billTo.countryCode: must be an ISO 3166-1 alpha-2 country code such as "DE"',
      'requestedDate: must be a calendar date as YYYY-MM-DD',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(invalidFields('an order')).toEqual([expect.stringMatching(/^\(body\): /)]);
  });
});
