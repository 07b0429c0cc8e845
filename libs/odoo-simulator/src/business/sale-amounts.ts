/* Sale order line and order amounts: subtotal after discount, taxes from percent or fixed
 * account.tax records, totals as the sum of lines (no rounding per tax group). */
import { Env } from '../orm/env';
import { num } from './stock-quantities';

/** The line's UoM and tax fields were renamed in 19 (product_uom -> product_uom_id, tax_id -> tax_ids). */
export const lineUomField = (env: Env) => (env.version >= 19 ? 'product_uom_id' : 'product_uom');
export const lineTaxField = (env: Env) => (env.version >= 19 ? 'tax_ids' : 'tax_id');

export function lineSubtotal(env: Env, line: number): number {
  const value = (field: string) => num(env.stored('sale.order.line', line, field));
  return value('product_uom_qty') * value('price_unit') * (1 - value('discount') / 100);
}

export function lineTax(env: Env, line: number): number {
  const quantity = num(env.stored('sale.order.line', line, 'product_uom_qty'));
  return taxAmount(env, env.ids('sale.order.line', line, lineTaxField(env)), lineSubtotal(env, line), quantity);
}

export function taxAmount(env: Env, taxes: number[], base: number, quantity: number): number {
  return taxes.reduce((sum, tax) => {
    const amount = num(env.stored('account.tax', tax, 'amount'));
    return sum + (env.stored('account.tax', tax, 'amount_type') === 'fixed' ? amount * quantity : (base * amount) / 100);
  }, 0);
}

export function orderTotal(env: Env, order: number, part: (env: Env, line: number) => number): number {
  return env.ids('sale.order', order, 'order_line').reduce((sum, line) => sum + part(env, line), 0);
}

/** Delivered = done moves to customers minus done returns from customers. */
export function qtyDelivered(env: Env, line: number): number {
  const doneField = env.version <= 16 ? 'quantity_done' : 'quantity';
  return env.search('stock.move', [['sale_line_id', '=', line], ['state', '=', 'done']]).reduce((sum, move) => {
    const quantity = num(env.stored('stock.move', move, doneField));
    const usage = (field: string) => env.stored('stock.location', env.ref('stock.move', move, field) as number, 'usage');
    if (usage('location_dest_id') === 'customer') return sum + quantity;
    return usage('location_id') === 'customer' ? sum - quantity : sum;
  }, 0);
}
