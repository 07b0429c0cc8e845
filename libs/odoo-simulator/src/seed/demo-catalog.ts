/* The demonstration flow's data: customers (one B2B with a credit limit and a pricelist), a
 * catalog of storable SKUs with barcodes and a shipping service, a second warehouse, stock in
 * both warehouses, and a B2B pricelist with quantity breaks. */
import { Seeder } from './seeder';

export interface DemoCatalog {
  customers: Record<string, number>;
  /** product ids by SKU (default_code) */
  products: Record<string, number>;
  warehouses: Record<string, number>;
  pricelists: Record<string, number>;
}

const SKUS: Array<[sku: string, name: string, price: number]> = [
  ['SKU-1001', 'Cordless Drill 18V', 129.0],
  ['SKU-1002', 'Impact Driver 18V', 149.0],
  ['SKU-1003', 'Battery Pack 5Ah', 79.5],
  ['SKU-1004', 'Fast Charger', 49.9],
  ['SKU-1005', 'Drill Bit Set (50 pcs)', 24.95],
  ['SKU-1006', 'Safety Glasses', 6.5],
  ['SKU-1007', 'Work Gloves (pair)', 9.9],
  ['SKU-1008', 'Tool Case', 39.0],
];

export function seedDemoCatalog(seed: Seeder): DemoCatalog {
  const products: Record<string, number> = {};
  SKUS.forEach(([sku, name, price], index) => {
    products[sku] = seed.product({ name, default_code: sku, barcode: `400000000${1001 + index}`, list_price: price, standard_price: Math.round(price * 55) / 100 });
  });
  products['SHIP'] = seed.product({ name: 'Standard Shipping', default_code: 'SHIP', list_price: 5.9, storable: false, type: 'service' });
  const eu = seed.warehouse('EU Fulfilment', 'EU');
  for (const [sku, productId] of Object.entries(products)) {
    if (sku === 'SHIP') continue;
    seed.stock(productId, 120);
    seed.stock(productId, 40, eu.stockLocationId);
  }
  const b2b = seed.create('product.pricelist', {
    name: 'B2B',
    item_ids: [
      [0, 0, { applied_on: '0_product_variant', product_id: products['SKU-1001'], compute_price: 'fixed', fixed_price: 115.0 }],
      [0, 0, { applied_on: '0_product_variant', product_id: products['SKU-1003'], compute_price: 'fixed', fixed_price: 69.0, min_quantity: 10 }],
      [0, 0, { applied_on: '3_global', compute_price: 'percentage', percent_price: 5 }],
    ],
  });
  const customers = {
    acme: seed.partner({ name: 'Acme Hardware Ltd', ref: 'C-ACME', is_company: true, email: 'orders@acme.example', vat: 'GB123456789', credit_limit: 50000, use_partner_credit_limit: true, property_product_pricelist: b2b }),
    bolt: seed.partner({ name: 'Bolt Builders GmbH', ref: 'C-BOLT', is_company: true, email: 'einkauf@bolt.example', credit_limit: 5000, use_partner_credit_limit: true }),
    webshop: seed.partner({ name: 'Webshop Guest Customer', ref: 'C-WEB', email: 'guest@shop.example' }),
  };
  return { customers, products, warehouses: { WH: seed.existingWarehouse('WH').id, EU: eu.id }, pricelists: { b2b } };
}
