import type { PricelistChanged, PricelistItem } from '@backbone/schemas';
import { Decimal } from 'decimal.js';
import { decimalString, many2oneId, optionalOdooDatetime, parseOdooDatetime, text, type OdooRow } from './odoo-values';
import { latest } from './master-data-events';

export const PRICELIST_FIELDS = ['name', 'active', 'write_date'] as const;
export const PRICELIST_ITEM_FIELDS = [
  'pricelist_id', 'applied_on', 'compute_price', 'fixed_price', 'percent_price', 'price_discount', 'price_surcharge', 'base',
  'min_quantity', 'date_start', 'date_end', 'product_tmpl_id', 'product_id', 'write_date',
] as const;
export const PRICED_PRODUCT_FIELDS = ['default_code', 'list_price', 'standard_price', 'uom_id', 'product_tmpl_id'] as const;

export interface PricedProduct {
  productId: number;
  templateId: number | null;
  sku: string;
  uom: string;
  listPrice: string;
  standardPrice: string;
}

/**
 * Resolves a pricelist's rules to fixed prices per product, as Odoo would price one unit:
 * variant rules (`0_product_variant`) and template rules (`1_product`, one line per variant);
 * `fixed`, `percentage` (of the sales price) and `formula` on the sales price or cost
 * (`price * (1 - discount %) + surcharge`). Category and global rules, and formulas based on
 * another pricelist, apply to open-ended product sets and are not expanded here: consumers fall
 * back to the list price for products without a line.
 */
export function pricelistChanged(pricelist: OdooRow, items: readonly OdooRow[], products: ReadonlyMap<number, PricedProduct>, currency: string): PricelistChanged {
  const lines = items.flatMap((item) => productsOf(item, products).flatMap((product) => {
    const price = priceOf(item, product);
    return price === null ? [] : [line(item, product, price, currency)];
  }));
  return {
    pricelistId: pricelist.id,
    name: text(pricelist.name) ?? `Pricelist ${pricelist.id}`,
    currency,
    items: lines,
    active: pricelist.active !== false,
    // An item change does not touch the pricelist's own write_date; consumers keep the newest list.
    changedAt: latest(parseOdooDatetime(pricelist.write_date), ...items.map((item) => parseOdooDatetime(item.write_date))),
  };
}

/** Product ids (variants and templates) the items refer to, to read them in one call. */
export function referencedProducts(items: readonly OdooRow[]): { productIds: number[]; templateIds: number[] } {
  const productIds = new Set<number>();
  const templateIds = new Set<number>();
  for (const item of items) {
    if (item.applied_on === '0_product_variant') addId(productIds, many2oneId(item.product_id));
    if (item.applied_on === '1_product') addId(templateIds, many2oneId(item.product_tmpl_id));
  }
  return { productIds: [...productIds], templateIds: [...templateIds] };
}

function addId(ids: Set<number>, id: number | null): void {
  if (id !== null) ids.add(id);
}

function productsOf(item: OdooRow, products: ReadonlyMap<number, PricedProduct>): PricedProduct[] {
  if (item.applied_on === '0_product_variant') {
    const product = products.get(many2oneId(item.product_id) ?? -1);
    return product ? [product] : [];
  }
  if (item.applied_on === '1_product') {
    const templateId = many2oneId(item.product_tmpl_id);
    return [...products.values()].filter((product) => product.templateId === templateId);
  }
  return [];
}

function priceOf(item: OdooRow, product: PricedProduct): Decimal | null {
  const number = (field: string) => new Decimal(decimalString(item[field]));
  switch (item.compute_price) {
    case 'fixed':
      return number('fixed_price');
    case 'percentage':
      return new Decimal(product.listPrice).mul(new Decimal(100).minus(number('percent_price'))).div(100);
    case 'formula': {
      const base = item.base === 'list_price' ? product.listPrice : item.base === 'standard_price' ? product.standardPrice : null;
      if (base === null) return null;
      return new Decimal(base).mul(new Decimal(100).minus(number('price_discount'))).div(100).plus(number('price_surcharge'));
    }
    default:
      return null;
  }
}

function line(item: OdooRow, product: PricedProduct, price: Decimal, currency: string): PricelistItem {
  return {
    productId: product.productId,
    sku: product.sku,
    minQuantity: { value: decimalString(item.min_quantity), uom: product.uom },
    price: { amount: price.toDecimalPlaces(6).toString(), currency },
    dateStart: optionalOdooDatetime(item.date_start),
    dateEnd: optionalOdooDatetime(item.date_end),
  };
}
