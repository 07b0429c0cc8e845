/* stock.quant bookkeeping: on-hand quantities per product and internal location, moved by done
 * stock moves. Only storable products have quants; other locations (customers, vendors,
 * inventory loss) are not counted, as in Odoo. Negative quants are allowed, as in Odoo. */
import { Env } from '../orm/env';
import { isStorable } from './product-kind';
import { num, reservedOf } from './stock-quantities';

export function applyDoneMove(env: Env, productId: number, from: number, to: number, quantity: number): void {
  if (!isStorable(env, productId) || quantity === 0) return;
  if (isInternal(env, from)) adjustQuant(env, productId, from, -quantity);
  if (isInternal(env, to)) adjustQuant(env, productId, to, quantity);
}

export function isInternal(env: Env, locationId: number): boolean {
  return env.stored('stock.location', locationId, 'usage') === 'internal';
}

/** The quant of a product at exactly this location (stock.quant._gather with strict=True). */
export function gatherQuant(env: Env, productId: number, locationId: number): number | undefined {
  return env.search('stock.quant', [['product_id', '=', productId], ['location_id', '=', locationId]], { limit: 1 })[0];
}

export function onHand(env: Env, productId: number, locationId: number): number {
  return env
    .search('stock.quant', [['product_id', '=', productId], ['location_id', 'child_of', locationId]])
    .reduce((sum, quant) => sum + num(env.stored('stock.quant', quant, 'quantity')), 0);
}

/** What pending moves out of a location (or its children) hold for a product. */
export function reservedAt(env: Env, productId: number, locationId: number, exceptMove?: number): number {
  return env
    .search('stock.move', [['product_id', '=', productId], ['state', 'in', ['partially_available', 'assigned']], ['location_id', 'child_of', locationId]])
    .filter((move) => move !== exceptMove)
    .reduce((sum, move) => sum + reservedOf(env, move), 0);
}

function adjustQuant(env: Env, productId: number, locationId: number, delta: number): void {
  const quant = gatherQuant(env, productId, locationId);
  if (quant === undefined) env.createOne('stock.quant', { product_id: productId, location_id: locationId, quantity: delta });
  else env.write('stock.quant', [quant], { quantity: num(env.stored('stock.quant', quant, 'quantity')) + delta });
}
