import { pricelistChanged, referencedProducts, type PricedProduct } from './pricelist-resolution';

const products = new Map<number, PricedProduct>([
  [1, { productId: 1, templateId: 10, sku: 'SKU-1', uom: 'Units', listPrice: '100', standardPrice: '60' }],
  [2, { productId: 2, templateId: 20, sku: 'SKU-2', uom: 'Units', listPrice: '50', standardPrice: '30' }],
  [3, { productId: 3, templateId: 20, sku: 'SKU-3', uom: 'Units', listPrice: '40', standardPrice: '20' }],
]);
const item = (id: number, values: object) => ({ id, min_quantity: 0, date_start: false, date_end: false, write_date: '2026-11-23 10:00:00', ...values });

describe('pricelist resolution', () => {
  const items = [
    item(1, { applied_on: '0_product_variant', product_id: [1, 'SKU-1'], compute_price: 'fixed', fixed_price: 89.9, min_quantity: 10, date_end: '2026-12-31 23:59:59' }),
    item(2, { applied_on: '1_product', product_tmpl_id: [20, 'T'], compute_price: 'percentage', percent_price: 10, write_date: '2026-11-23 11:00:00' }),
    item(3, { applied_on: '0_product_variant', product_id: [1, 'SKU-1'], compute_price: 'formula', base: 'standard_price', price_discount: -50, price_surcharge: 0.5 }),
    item(4, { applied_on: '3_global', compute_price: 'percentage', percent_price: 5 }),
    item(5, { applied_on: '0_product_variant', product_id: [1, 'SKU-1'], compute_price: 'formula', base: 'pricelist' }),
  ];

  it('resolves variant and template rules to fixed prices per product; global and pricelist-based rules are not expanded', () => {
    const event = pricelistChanged({ id: 3, name: 'B2B', active: true, write_date: '2026-11-23 09:00:00' }, items, products, 'EUR');
    expect(event.items.map((line) => [line.sku, line.minQuantity.value, line.price.amount])).toEqual([
      ['SKU-1', '10', '89.9'],
      ['SKU-2', '0', '45'],
      ['SKU-3', '0', '36'],
      ['SKU-1', '0', '90.5'],
    ]);
    expect(event.items[0]).toMatchObject({ productId: 1, price: { currency: 'EUR' }, dateStart: null, dateEnd: new Date('2026-12-31T23:59:59Z') });
  });

  it('is stamped with the latest write_date of the pricelist and its items, so an item change supersedes the list', () => {
    const event = pricelistChanged({ id: 3, name: 'B2B', active: true, write_date: '2026-11-23 09:00:00' }, items, products, 'EUR');
    expect(event.changedAt).toEqual(new Date('2026-11-23T11:00:00Z'));
  });

  it('names the variants and templates the rules refer to', () => {
    expect(referencedProducts(items)).toEqual({ productIds: [1], templateIds: [20] });
  });
});
