import { channelStatusFor, normalizeOrder, normalizeStatus, type ChannelMapping } from './channel-mappings';
import type { OrderRequest } from './canonical-order';
import { aBody } from './testing/order-builders';
import { validateOrderRequest } from './validate-order-request';

const marketplace: ChannelMapping = {
  skus: { 'MP-RED-SHIRT': 'SHIRT-RED', constructor: 'SKU-CTOR' },
  skuPassThrough: false,
  units: { EA: 'Units', KGM: 'kg' },
  statuses: { shipped: 'SHIPPED', canceled: 'CANCELLED', cancelled: 'CANCELLED' },
};

function request(lines: { sku: string; unit: string }[]): OrderRequest {
  const result = validateOrderRequest(aBody({ channel: 'marketplace', lines: lines.map((line) => ({ ...line, quantity: '1', unitPrice: '1' })) }));
  if (!result.ok) throw new Error('fixture is invalid');
  return result.value;
}

describe('normalizeOrder', () => {
  it('translates SKUs and units through the channel tables', () => {
    const result = normalizeOrder(request([{ sku: 'MP-RED-SHIRT', unit: 'EA' }, { sku: 'constructor', unit: 'kgm' }]), marketplace);

    expect(result.ok && result.value.lines.map((line) => [line.sku, line.quantity.uom])).toEqual([
      ['SHIRT-RED', 'Units'],
      ['SKU-CTOR', 'kg'],
    ]);
  });

  it('lists every unmapped SKU and unit with its line path', () => {
    const result = normalizeOrder(request([{ sku: 'MP-RED-SHIRT', unit: 'BOX' }, { sku: 'mp-red-shirt', unit: 'EA' }, { sku: 'toString', unit: 'EA' }]), marketplace);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual([
      expect.objectContaining({ code: 'ORDER.UNMAPPED_UNIT', channel: 'marketplace', field: 'lines[0].unit', value: 'BOX' }),
      expect.objectContaining({ code: 'ORDER.UNMAPPED_SKU', channel: 'marketplace', field: 'lines[1].sku', value: 'mp-red-shirt' }),
      expect.objectContaining({ code: 'ORDER.UNMAPPED_SKU', channel: 'marketplace', field: 'lines[2].sku', value: 'toString' }),
    ]);
  });

  it('takes unlisted SKUs as ERP SKUs for a pass-through channel, but still maps units', () => {
    const webshop: ChannelMapping = { ...marketplace, skuPassThrough: true };

    const result = normalizeOrder(request([{ sku: 'SKU-9', unit: 'ea' }, { sku: 'MP-RED-SHIRT', unit: 'EA' }]), webshop);

    expect(result.ok && result.value.lines.map((line) => [line.sku, line.quantity.uom])).toEqual([
      ['SKU-9', 'Units'],
      ['SHIRT-RED', 'Units'],
    ]);
  });
});

describe('status vocabulary', () => {
  it('maps channel status words to order statuses, ignoring case', () => {
    expect(normalizeStatus(marketplace, 'marketplace', 'Canceled')).toEqual({ ok: true, value: 'CANCELLED' });
  });

  it('refuses an unknown word with ORDER.UNMAPPED_STATUS', () => {
    expect(normalizeStatus(marketplace, 'marketplace', 'lost')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ORDER.UNMAPPED_STATUS', channel: 'marketplace', value: 'lost' }),
    });
  });

  it('answers the channel with the first word listed for a status, or nothing', () => {
    expect(channelStatusFor(marketplace, 'CANCELLED')).toBe('canceled');
    expect(channelStatusFor(marketplace, 'RESERVED')).toBeUndefined();
  });
});
