/* stock: transfers (stock.picking) and their moves (stock.move), with the state machine the
 * adapter drives: confirm, reserve, validate (maybe through the backorder wizard), cancel. */
import { buttonValidate } from '../business/picking-validation';
import { nextReference } from '../business/sequences';
import { cancelPickings } from '../business/picking-cancellation';
import { confirmPickings, reservePickings } from '../business/stock-reservation';
import { userError } from '../errors/odoo-errors';
import { formatDatetime } from '../orm/datetime-format';
import { Env } from '../orm/env';
import { boolean, char, datetime, float, many2one, one2many, selection } from '../orm/field-builders';
import { MethodDefinition, ModelDefinition, Vals } from '../orm/model-definition';

const PICKING_STATES: [string, string][] = [['draft', 'Draft'], ['waiting', 'Waiting Another Operation'], ['confirmed', 'Waiting'], ['assigned', 'Ready'], ['done', 'Done'], ['cancel', 'Cancelled']];
const MOVE_STATES: [string, string][] = [['draft', 'New'], ['waiting', 'Waiting Another Move'], ['confirmed', 'Waiting Availability'], ['partially_available', 'Partially Available'], ['assigned', 'Available'], ['done', 'Done'], ['cancel', 'Cancelled']];

const pickingAction = (name: string, run: (env: Env, ids: number[]) => unknown): MethodDefinition => ({
  name,
  owner: 'StockPicking',
  api: 'records',
  params: [],
  run: ({ env, ids }) => run(env, ids),
});

export const stockPicking: ModelDefinition = {
  name: 'stock.picking',
  description: 'Transfer',
  order: 'id desc',
  fields: [
    char('name', 'Reference', { default: (env, vals) => pickingName(env, vals) }),
    many2one('partner_id', 'Contact', 'res.partner'),
    many2one('picking_type_id', 'Operation Type', 'stock.picking.type', { required: true }),
    selection('picking_type_code', 'Type of Operation', [['incoming', 'Receipt'], ['outgoing', 'Delivery'], ['internal', 'Internal Transfer']], {
      compute: (env, id) => env.stored('stock.picking.type', env.ref('stock.picking', id, 'picking_type_id') as number, 'code'),
    }),
    many2one('location_id', 'Source Location', 'stock.location', { required: true, default: (env, vals) => typeDefault(env, vals, 'default_location_src_id') }),
    many2one('location_dest_id', 'Destination Location', 'stock.location', { required: true, default: (env, vals) => typeDefault(env, vals, 'default_location_dest_id') }),
    one2many('move_ids', 'Stock Moves', 'stock.move', 'picking_id'),
    char('origin', 'Source Document'),
    selection('state', 'Status', PICKING_STATES, { default: 'draft', readonly: true }),
    selection('move_type', 'Shipping Policy', [['direct', 'As soon as possible'], ['one', 'When all products are ready']], { default: 'direct', required: true }),
    datetime('scheduled_date', 'Scheduled Date', { default: (env) => formatDatetime(env.now) }),
    datetime('date_done', 'Date of Transfer', { readonly: true }),
    many2one('backorder_id', 'Back Order of', 'stock.picking'),
    one2many('backorder_ids', 'Back Orders', 'stock.picking', 'backorder_id'),
    many2one('sale_id', 'Sales Order', 'sale.order'),
    many2one('return_id', 'Return of', 'stock.picking', { versions: { from: 18 } }),
  ],
  methods: [
    pickingAction('action_confirm', (env, ids) => (confirmPickings(env, ids), true)),
    pickingAction('action_assign', (env, ids) => (reservePickings(env, ids), true)),
    pickingAction('button_validate', (env, ids) => buttonValidate(env, ids)),
    pickingAction('action_cancel', (env, ids) => (cancelPickings(env, ids), true)),
  ],
  overrides: {
    unlink: (env, ids, next) => {
      if (ids.some((id) => env.stored('stock.picking', id, 'state') === 'done')) {
        throw userError("You cannot cancel a stock move that has been set to 'Done'. Create a return in order to reverse the moves which took place.");
      }
      next();
    },
  },
};

export const stockMove: ModelDefinition = {
  name: 'stock.move',
  description: 'Stock Move',
  order: 'sequence, id',
  fields: [
    char('name', 'Description', { default: (env, vals) => (vals.product_id ? env.displayName('product.product', vals.product_id as number) : false) }),
    float('sequence', 'Sequence', { default: 10 }),
    many2one('product_id', 'Product', 'product.product', { required: true }),
    float('product_uom_qty', 'Demand', { required: true, default: 0 }),
    many2one('product_uom', 'Unit', 'uom.uom', { required: true, default: (env, vals) => (vals.product_id ? env.stored('product.product', vals.product_id as number, 'uom_id') : false) }),
    float('quantity', 'Quantity', { default: 0, versions: { from: 17 } }),
    boolean('picked', 'Picked', { default: false, versions: { from: 17 } }),
    float('quantity_done', 'Quantity Done', { default: 0, versions: { to: 16 } }),
    float('reserved_availability', 'Quantity Reserved', { default: 0, readonly: true, versions: { to: 16 } }),
    selection('state', 'Status', MOVE_STATES, { default: 'draft', readonly: true }),
    many2one('location_id', 'Source Location', 'stock.location', { required: true, default: (env, vals) => fromPicking(env, vals, 'location_id') }),
    many2one('location_dest_id', 'Destination Location', 'stock.location', { required: true, default: (env, vals) => fromPicking(env, vals, 'location_dest_id') }),
    many2one('picking_id', 'Transfer', 'stock.picking', { ondelete: 'cascade' }),
    many2one('picking_type_id', 'Operation Type', 'stock.picking.type', { default: (env, vals) => fromPicking(env, vals, 'picking_type_id') }),
    many2one('sale_line_id', 'Sale Line', 'sale.order.line'),
    many2one('origin_returned_move_id', 'Origin return move', 'stock.move'),
    char('origin', 'Source Document'),
    datetime('date', 'Date Scheduled', { default: (env) => formatDatetime(env.now) }),
  ],
  displayName: (env, id) => {
    const product = env.ref('stock.move', id, 'product_id');
    return product ? env.displayName('product.product', product) : `stock.move,${id}`;
  },
};

function pickingName(env: Env, vals: Vals): string | false {
  const type = vals.picking_type_id as number | undefined;
  if (!type || !env.exists('stock.picking.type', type)) return false;
  const warehouse = env.ref('stock.picking.type', type, 'warehouse_id');
  const code = env.stored('stock.picking.type', type, 'sequence_code');
  const prefix = warehouse ? `${env.stored('stock.warehouse', warehouse, 'code')}/${code}/` : `${code}/`;
  return nextReference(env, `stock.picking.type:${type}`, prefix);
}

function typeDefault(env: Env, vals: Vals, field: string): unknown {
  const type = vals.picking_type_id as number | undefined;
  return type && env.exists('stock.picking.type', type) ? env.stored('stock.picking.type', type, field) : false;
}

function fromPicking(env: Env, vals: Vals, field: string): unknown {
  const picking = vals.picking_id as number | undefined;
  return picking && env.exists('stock.picking', picking) ? env.stored('stock.picking', picking, field) : false;
}
