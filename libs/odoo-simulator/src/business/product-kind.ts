/* Whether a product's stock is tracked: `type == 'product'` up to 17, `is_storable` from 18. */
import { Env } from '../orm/env';

export function isStorable(env: Env, productId: number): boolean {
  return env.version <= 17
    ? env.stored('product.product', productId, 'type') === 'product'
    : env.stored('product.product', productId, 'is_storable') === true;
}

/** Goods move through pickings; services do not. */
export function isGoods(env: Env, productId: number): boolean {
  return env.stored('product.product', productId, 'type') !== 'service' && env.stored('product.product', productId, 'type') !== 'combo';
}
