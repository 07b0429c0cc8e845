/* Shared set-up for the stock-flow specs: a confirmed order and its delivery. */
import { OdooSimulator } from '../simulator';

export interface ConfirmedOrder {
  order: number;
  picking: number;
  moves: number[];
  products: number[];
}

/** An order for `quantities` of fresh storable products (`onHand` of each in WH/Stock), confirmed. */
export function confirmedOrder(sim: OdooSimulator, quantities: number[], onHand = 10): ConfirmedOrder {
  const partner = sim.seed.partner({ name: 'Acme' });
  const products = quantities.map((_, index) => sim.seed.product({ name: `Product ${index + 1}`, default_code: `P${index + 1}` }));
  products.forEach((product) => sim.seed.stock(product, onHand));
  const order = sim.orm.create('sale.order', {
    partner_id: partner,
    order_line: products.map((product, index) => [0, 0, { product_id: product, product_uom_qty: quantities[index] }]),
  });
  sim.orm.call('sale.order', 'action_confirm', [order]);
  const [{ picking_ids }] = sim.orm.read('sale.order', [order], ['picking_ids']);
  const picking = (picking_ids as number[])[0];
  const [{ move_ids }] = sim.orm.read('stock.picking', [picking], ['move_ids']);
  return { order, picking, moves: move_ids as number[], products };
}

export function onHandAt(sim: OdooSimulator, product: number, location = sim.seed.existingWarehouse().stockLocationId): number {
  const quants = sim.orm.searchRead('stock.quant', [['product_id', '=', product], ['location_id', '=', location]], ['quantity']);
  return quants.reduce((sum, quant) => sum + (quant.quantity as number), 0);
}
