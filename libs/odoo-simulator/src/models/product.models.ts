/* product: products (the adapter's SKUs), templates, pricelists and their rules. */
import { boolean, char, datetime, float, many2one, one2many, selection } from '../orm/field-builders';
import { ModelDefinition, Vals } from '../orm/model-definition';

export const productTemplate: ModelDefinition = {
  name: 'product.template',
  description: 'Product',
  order: 'name',
  fields: [char('name', 'Name', { required: true }), float('list_price', 'Sales Price', { default: 1 }), boolean('active', 'Active', { default: true })],
};

const LEGACY_TYPES: [string, string][] = [['consu', 'Consumable'], ['service', 'Service'], ['product', 'Storable Product']];

export const productProduct: ModelDefinition = {
  name: 'product.product',
  description: 'Product Variant',
  order: 'default_code, name, id',
  fields: [
    char('name', 'Name', { required: true }),
    char('default_code', 'Internal Reference'),
    char('barcode', 'Barcode'),
    // Up to 17 "storable" is a product type; from 18 it is a flag on goods ('consu').
    selection('detailed_type', 'Product Type', LEGACY_TYPES, { default: 'consu', versions: { to: 17 } }),
    selection('type', 'Product Type', LEGACY_TYPES, { default: 'consu', versions: { to: 17 } }),
    selection('type', 'Product Type', [['consu', 'Goods'], ['service', 'Service'], ['combo', 'Combo']], { default: 'consu', versions: { from: 18 } }),
    boolean('is_storable', 'Track Inventory', { default: false, versions: { from: 18 } }),
    many2one('uom_id', 'Unit of Measure', 'uom.uom', { required: true, default: 1 }),
    float('list_price', 'Sales Price', { default: 1 }),
    float('lst_price', 'Sales Price', { compute: (env, id) => env.stored('product.product', id, 'list_price') }),
    float('standard_price', 'Cost', { default: 0 }),
    boolean('sale_ok', 'Can be Sold', { default: true }),
    boolean('purchase_ok', 'Can be Purchased', { default: true }),
    boolean('active', 'Active', { default: true }),
    many2one('product_tmpl_id', 'Product Template', 'product.template', {
      required: true,
      ondelete: 'cascade',
      default: (env, vals) => env.createOne('product.template', { name: vals.name ?? false, list_price: vals.list_price ?? 1 }),
    }),
    float('qty_available', 'Quantity On Hand', {
      compute: (env, id) =>
        env.search('stock.quant', [['product_id', '=', id], ['location_id.usage', '=', 'internal']])
          .reduce((sum, quant) => sum + (Number(env.stored('stock.quant', quant, 'quantity')) || 0), 0),
    }),
  ],
  displayName: (env, id) => {
    const code = env.stored('product.product', id, 'default_code');
    const name = env.stored('product.product', id, 'name') as string;
    return code ? `[${code}] ${name}` : name;
  },
  nameSearchFields: ['default_code', 'barcode'],
  constraints: [{ name: 'barcode_uniq', unique: ['barcode'], message: 'A barcode can only be assigned to one product !' }],
  overrides: {
    create: (env, valsList, next) => next(valsList.map((vals) => syncLegacyType(env.version, vals))),
    write: (env, _ids, vals, next) => next(syncLegacyType(env.version, vals)),
  },
};

// Up to 17, `detailed_type` drives `type`; clients may set either one.
function syncLegacyType(version: number, vals: Vals): Vals {
  if (version > 17) return vals;
  if ('detailed_type' in vals && !('type' in vals)) return { ...vals, type: vals.detailed_type };
  if ('type' in vals && !('detailed_type' in vals)) return { ...vals, detailed_type: vals.type };
  return vals;
}

export const productPricelist: ModelDefinition = {
  name: 'product.pricelist',
  description: 'Pricelist',
  order: 'id',
  fields: [
    char('name', 'Pricelist Name', { required: true }),
    boolean('active', 'Active', { default: true }),
    one2many('item_ids', 'Pricelist Rules', 'product.pricelist.item', 'pricelist_id'),
  ],
};

export const productPricelistItem: ModelDefinition = {
  name: 'product.pricelist.item',
  description: 'Pricelist Rule',
  order: 'applied_on, min_quantity desc, id desc',
  fields: [
    many2one('pricelist_id', 'Pricelist', 'product.pricelist', { required: true, ondelete: 'cascade' }),
    selection('applied_on', 'Apply On', [['3_global', 'All Products'], ['2_product_category', 'Product Category'], ['1_product', 'Product'], ['0_product_variant', 'Product Variant']], { default: '3_global', required: true }),
    selection('compute_price', 'Computation', [['fixed', 'Fixed Price'], ['percentage', 'Discount'], ['formula', 'Formula']], { default: 'fixed' }),
    float('fixed_price', 'Fixed Price', { default: 0 }),
    float('percent_price', 'Percentage Price', { default: 0 }),
    float('price_discount', 'Price Discount', { default: 0 }),
    float('price_surcharge', 'Price Surcharge', { default: 0 }),
    selection('base', 'Based on', [['list_price', 'Sales Price'], ['standard_price', 'Cost'], ['pricelist', 'Other Pricelist']], { default: 'list_price', required: true }),
    float('min_quantity', 'Min. Quantity', { default: 0 }),
    datetime('date_start', 'Start Date'),
    datetime('date_end', 'End Date'),
    many2one('product_tmpl_id', 'Product', 'product.template', { ondelete: 'cascade' }),
    many2one('product_id', 'Product Variant', 'product.product', { ondelete: 'cascade' }),
  ],
  displayName: (env, id) => {
    const product = env.ref('product.pricelist.item', id, 'product_id');
    const template = env.ref('product.pricelist.item', id, 'product_tmpl_id');
    if (product) return `Variant: ${env.displayName('product.product', product)}`;
    return template ? `Product: ${env.displayName('product.template', template)}` : 'All Products';
  },
};
