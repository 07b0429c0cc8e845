/* The unit price a sale order line gets when the client does not send one: the first pricelist
 * rule that applies (product.pricelist.item _order: variant rules before product rules before
 * global ones, larger minimum quantities first), else the product's sales price. Product
 * categories are not modelled, so category rules never apply. */
import { Env } from '../orm/env';
import { num } from './stock-quantities';

export function priceFor(env: Env, pricelist: number | false, product: number, quantity: number): number {
  const listPrice = num(env.stored('product.product', product, 'list_price'));
  if (!pricelist) return listPrice;
  const rule = env.search('product.pricelist.item', [['pricelist_id', '=', pricelist]]).find((item) => applies(env, item, product, quantity));
  if (!rule) return listPrice;
  const item = (field: string) => env.stored('product.pricelist.item', rule, field);
  const base = item('base') === 'standard_price' ? num(env.stored('product.product', product, 'standard_price')) : listPrice;
  switch (item('compute_price')) {
    case 'fixed':
      return num(item('fixed_price'));
    case 'percentage':
      return base * (1 - num(item('percent_price')) / 100);
    default:
      return base * (1 - num(item('price_discount')) / 100) + num(item('price_surcharge'));
  }
}

function applies(env: Env, item: number, product: number, quantity: number): boolean {
  const value = (field: string) => env.stored('product.pricelist.item', item, field);
  const start = value('date_start') as number | false;
  const end = value('date_end') as number | false;
  if (quantity < num(value('min_quantity')) || (start && env.now < start) || (end && env.now > end)) return false;
  switch (value('applied_on')) {
    case '0_product_variant':
      return value('product_id') === product;
    case '1_product':
      return value('product_tmpl_id') === env.stored('product.product', product, 'product_tmpl_id');
    case '3_global':
      return true;
    default:
      return false;
  }
}
