/* stock.quant: on-hand stock per product and location, and the physical count workflow
 * (inventory_mode context, inventory_quantity, action_apply_inventory). */
import { applyInventory } from '../business/inventory-adjustment';
import { isStorable } from '../business/product-kind';
import { gatherQuant, reservedAt } from '../business/stock-quants';
import { num } from '../business/stock-quantities';
import { userError, validationError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { boolean, float, many2one } from '../orm/field-builders';
import { ModelDefinition, Vals } from '../orm/model-definition';

// stock.quant._get_inventory_fields_create / _get_inventory_fields_write, as far as modelled here.
const INVENTORY_MODE_FIELDS = new Set(['product_id', 'location_id', 'inventory_quantity', 'inventory_quantity_set', 'inventory_diff_quantity']);

export const stockQuant: ModelDefinition = {
  name: 'stock.quant',
  description: 'Quants',
  order: 'location_id, id',
  fields: [
    many2one('product_id', 'Product', 'product.product', { required: true, ondelete: 'restrict' }),
    many2one('location_id', 'Location', 'stock.location', { required: true, ondelete: 'restrict' }),
    float('quantity', 'Quantity', { readonly: true, default: 0 }),
    float('reserved_quantity', 'Reserved Quantity', { compute: (env, id) => reserved(env, id) }),
    float('available_quantity', 'Available Quantity', { compute: (env, id) => num(env.stored('stock.quant', id, 'quantity')) - reserved(env, id) }),
    float('inventory_quantity', 'Counted Quantity', { default: 0 }),
    boolean('inventory_quantity_set', 'Inventory Quantity Set', { default: false }),
    float('inventory_diff_quantity', 'Difference', {
      compute: (env, id) =>
        env.stored('stock.quant', id, 'inventory_quantity_set')
          ? num(env.stored('stock.quant', id, 'inventory_quantity')) - num(env.stored('stock.quant', id, 'quantity'))
          : 0,
    }),
  ],
  displayName: (env, id) => env.displayName('product.product', env.ref('stock.quant', id, 'product_id') as number),
  methods: [
    {
      name: 'action_apply_inventory',
      owner: 'StockQuant',
      api: 'records',
      params: [],
      // Returns None when no tracking wizard is needed: legacy RPC then omits `result`.
      run: ({ env, ids }) => void applyInventory(env, ids),
    },
  ],
  overrides: {
    create: (env, valsList, next) => valsList.map((vals) => createQuant(env, vals, next)),
    write: (_env, _ids, vals, next) =>
      next('inventory_quantity' in vals && !('inventory_quantity_set' in vals) ? { ...vals, inventory_quantity_set: true } : vals),
  },
};

function reserved(env: Env, quantId: number): number {
  const product = env.ref('stock.quant', quantId, 'product_id') as number;
  return reservedAt(env, product, env.ref('stock.quant', quantId, 'location_id') as number);
}

// In inventory mode a count for an existing product/location updates that quant instead of adding one.
function createQuant(env: Env, vals: Vals, next: (valsList: Vals[]) => number[]): number {
  const counting = Boolean(env.context.inventory_mode) && 'inventory_quantity' in vals;
  if (counting && Object.keys(vals).some((field) => !INVENTORY_MODE_FIELDS.has(field))) {
    throw userError("Quant's creation is restricted, you can't do this operation.");
  }
  const existing = counting ? gatherQuant(env, vals.product_id as number, vals.location_id as number) : undefined;
  if (existing !== undefined) {
    env.write('stock.quant', [existing], { inventory_quantity: vals.inventory_quantity });
    return existing;
  }
  const [id] = next([counting ? { ...vals, inventory_quantity_set: true } : vals]);
  if (!isStorable(env, env.ref('stock.quant', id, 'product_id') as number)) {
    throw validationError('Quants cannot be created for consumables or services.');
  }
  return id;
}
