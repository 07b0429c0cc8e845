/* stock: where goods are (locations, warehouses) and how they move (picking types). */
import { setUpWarehouse } from '../business/warehouse-setup';
import { boolean, char, many2one, selection } from '../orm/field-builders';
import { ModelDefinition } from '../orm/model-definition';
import { Env } from '../orm/env';

export const stockLocation: ModelDefinition = {
  name: 'stock.location',
  description: 'Inventory Locations',
  order: 'complete_name, id',
  parentField: 'location_id',
  fields: [
    char('name', 'Location Name', { required: true }),
    char('complete_name', 'Full Location Name', { compute: (env, id) => completeName(env, id) }),
    selection('usage', 'Location Type', [['supplier', 'Vendor Location'], ['view', 'View'], ['internal', 'Internal Location'], ['customer', 'Customer Location'], ['inventory', 'Inventory Loss'], ['production', 'Production'], ['transit', 'Transit Location']], { required: true, default: 'internal' }),
    many2one('location_id', 'Parent Location', 'stock.location', { ondelete: 'cascade' }),
    boolean('active', 'Active', { default: true }),
    many2one('warehouse_id', 'Warehouse', 'stock.warehouse', { compute: (env, id) => warehouseOf(env, id) }),
  ],
  displayName: (env, id) => completeName(env, id),
};

export const stockWarehouse: ModelDefinition = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  order: 'id',
  fields: [
    char('name', 'Warehouse', { required: true }),
    char('code', 'Short Name', { required: true }),
    boolean('active', 'Active', { default: true }),
    many2one('view_location_id', 'View Location', 'stock.location'),
    many2one('lot_stock_id', 'Location Stock', 'stock.location'),
    many2one('in_type_id', 'In Type', 'stock.picking.type'),
    many2one('out_type_id', 'Out Type', 'stock.picking.type'),
  ],
  constraints: [{ name: 'warehouse_code_uniq', unique: ['code'], message: 'The short name of the warehouse must be unique per company!' }],
  overrides: {
    create: (env, valsList, next) => {
      const ids = next(valsList);
      ids.forEach((id) => setUpWarehouse(env, id));
      return ids;
    },
  },
};

export const stockPickingType: ModelDefinition = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  order: 'id',
  fields: [
    char('name', 'Operation Type', { required: true }),
    selection('code', 'Type of Operation', [['incoming', 'Receipt'], ['outgoing', 'Delivery'], ['internal', 'Internal Transfer']], { required: true }),
    char('sequence_code', 'Sequence Prefix', { required: true }),
    many2one('warehouse_id', 'Warehouse', 'stock.warehouse', { ondelete: 'cascade' }),
    many2one('default_location_src_id', 'Default Source Location', 'stock.location'),
    many2one('default_location_dest_id', 'Default Destination Location', 'stock.location'),
    many2one('return_picking_type_id', 'Operation Type for Returns', 'stock.picking.type'),
    selection('create_backorder', 'Create Backorder', [['ask', 'Ask'], ['always', 'Always'], ['never', 'Never']], { required: true, default: 'ask' }),
    boolean('active', 'Active', { default: true }),
  ],
  displayName: (env, id) => {
    const warehouse = env.ref('stock.picking.type', id, 'warehouse_id');
    const name = env.stored('stock.picking.type', id, 'name') as string;
    return warehouse ? `${env.displayName('stock.warehouse', warehouse)}: ${name}` : name;
  },
};

// "WH/Stock": a view location's children carry its name as a prefix (stock.location._compute_complete_name).
function completeName(env: Env, id: number): string {
  const name = env.stored('stock.location', id, 'name') as string;
  const parent = env.ref('stock.location', id, 'location_id');
  return parent && env.stored('stock.location', id, 'usage') !== 'view' ? `${completeName(env, parent)}/${name}` : name;
}

function warehouseOf(env: Env, locationId: number): number | false {
  for (let node: number | false = locationId; node; node = env.ref('stock.location', node, 'location_id')) {
    const [warehouse] = env.search('stock.warehouse', [['view_location_id', '=', node]], { limit: 1, activeTest: false });
    if (warehouse) return warehouse;
  }
  return false;
}
