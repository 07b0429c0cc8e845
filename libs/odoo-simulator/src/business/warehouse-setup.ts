/* What creating a stock.warehouse does in Odoo: a view location named after the code, its
 * "Stock" location, and the receipt/delivery picking types (deliveries return into receipts). */
import { Env } from '../orm/env';

export function setUpWarehouse(env: Env, warehouseId: number): void {
  const code = env.stored('stock.warehouse', warehouseId, 'code') as string;
  const viewLocation = env.createOne('stock.location', { name: code, usage: 'view' });
  const stockLocation = env.createOne('stock.location', { name: 'Stock', usage: 'internal', location_id: viewLocation });
  const receipts = env.createOne('stock.picking.type', {
    name: 'Receipts',
    code: 'incoming',
    sequence_code: 'IN',
    warehouse_id: warehouseId,
    default_location_src_id: locationByUsage(env, 'supplier'),
    default_location_dest_id: stockLocation,
  });
  const deliveries = env.createOne('stock.picking.type', {
    name: 'Delivery Orders',
    code: 'outgoing',
    sequence_code: 'OUT',
    warehouse_id: warehouseId,
    default_location_src_id: stockLocation,
    default_location_dest_id: locationByUsage(env, 'customer'),
    return_picking_type_id: receipts,
  });
  env.write('stock.warehouse', [warehouseId], {
    view_location_id: viewLocation,
    lot_stock_id: stockLocation,
    in_type_id: receipts,
    out_type_id: deliveries,
  });
}

/** The company-wide virtual locations (Partners/Customers, Partners/Vendors, Inventory adjustment). */
export function locationByUsage(env: Env, usage: 'customer' | 'supplier' | 'inventory'): number {
  const [id] = env.search('stock.location', [['usage', '=', usage]], { limit: 1, activeTest: false });
  if (!id) throw new Error(`no ${usage} location: the base data is missing`);
  return id;
}
