/* What confirming a sale order does in stock (sale_stock procurement, one step): one outgoing
 * picking from the order's warehouse to Customers with a move per goods line, then reservation. */
import { Env } from '../orm/env';
import { isGoods } from './product-kind';
import { lineUomField } from './sale-amounts';
import { reservePickings } from './stock-reservation';
import { locationByUsage } from './warehouse-setup';

export function createDelivery(env: Env, order: number): void {
  const lines = env.ids('sale.order', order, 'order_line').filter((line) => isGoods(env, env.ref('sale.order.line', line, 'product_id') as number));
  if (!lines.length) return;
  const warehouse = env.ref('sale.order', order, 'warehouse_id') as number;
  const deliveryType = env.ref('stock.warehouse', warehouse, 'out_type_id') as number;
  const name = env.stored('sale.order', order, 'name');
  const picking = env.createOne('stock.picking', {
    picking_type_id: deliveryType,
    partner_id: env.stored('sale.order', order, 'partner_shipping_id') || env.stored('sale.order', order, 'partner_id'),
    origin: name,
    sale_id: order,
    location_id: env.stored('stock.picking.type', deliveryType, 'default_location_src_id'),
    location_dest_id: locationByUsage(env, 'customer'),
  });
  for (const line of lines) {
    env.createOne('stock.move', {
      picking_id: picking,
      name: env.stored('sale.order.line', line, 'name'),
      product_id: env.stored('sale.order.line', line, 'product_id'),
      product_uom_qty: env.stored('sale.order.line', line, 'product_uom_qty'),
      product_uom: env.stored('sale.order.line', line, lineUomField(env)),
      sale_line_id: line,
      origin: name,
      state: 'confirmed',
    });
  }
  reservePickings(env, [picking]);
}
