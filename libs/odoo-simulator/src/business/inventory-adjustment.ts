/* Counting stock (stock.quant in inventory mode): a client sets `inventory_quantity`, then
 * action_apply_inventory books a done move between the location and Inventory adjustment for the
 * difference, so on-hand becomes the counted quantity. */
import { Env } from '../orm/env';
import { applyDoneMove } from './stock-quants';
import { doneVals, num } from './stock-quantities';
import { locationByUsage } from './warehouse-setup';

export function applyInventory(env: Env, quantIds: number[]): void {
  const inventoryLoss = locationByUsage(env, 'inventory');
  for (const quant of quantIds) {
    if (!env.stored('stock.quant', quant, 'inventory_quantity_set')) continue;
    const product = env.ref('stock.quant', quant, 'product_id') as number;
    const location = env.ref('stock.quant', quant, 'location_id') as number;
    const difference = num(env.stored('stock.quant', quant, 'inventory_quantity')) - num(env.stored('stock.quant', quant, 'quantity'));
    if (difference !== 0) {
      const [from, to] = difference > 0 ? [inventoryLoss, location] : [location, inventoryLoss];
      env.createOne('stock.move', {
        name: 'Product Quantity Updated',
        product_id: product,
        product_uom_qty: Math.abs(difference),
        location_id: from,
        location_dest_id: to,
        ...doneVals(env, Math.abs(difference)),
      });
      applyDoneMove(env, product, from, to, Math.abs(difference));
    }
    env.write('stock.quant', [quant], { inventory_quantity: 0, inventory_quantity_set: false });
  }
}
