/* stock.return.picking: return lines default to the done moves of the picking (their done
 * quantity up to 17, zero from 18 where the user types what comes back); creating the returns
 * makes a confirmed and reserved picking of the return operation type, from where the goods went
 * back to where they came from, linked to the sale order lines so qty_delivered goes down. */
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { reservePickings } from './stock-reservation';
import { num } from './stock-quantities';

export function defaultReturnLines(env: Env, wizardId: number): void {
  const picking = env.ref('stock.return.picking', wizardId, 'picking_id');
  if (!picking) return;
  if (env.stored('stock.picking', picking, 'state') !== 'done') throw userError('You may only return Done pickings.');
  if (env.ids('stock.return.picking', wizardId, 'product_return_moves').length) return;
  for (const move of env.ids('stock.picking', picking, 'move_ids')) {
    if (env.stored('stock.move', move, 'state') !== 'done') continue;
    const done = num(env.stored('stock.move', move, env.version <= 16 ? 'quantity_done' : 'quantity'));
    env.createOne('stock.return.picking.line', {
      wizard_id: wizardId,
      move_id: move,
      product_id: env.stored('stock.move', move, 'product_id'),
      quantity: env.version <= 17 ? done : 0,
    });
  }
}

/** Creates the return picking and returns the window action Odoo answers with. */
export function createReturns(env: Env, wizardId: number): Record<string, unknown> {
  const original = env.ref('stock.return.picking', wizardId, 'picking_id');
  if (!original) throw userError('You may only return Done pickings.');
  const originalType = env.ref('stock.picking', original, 'picking_type_id') as number;
  const returnType = env.ref('stock.picking.type', originalType, 'return_picking_type_id') || originalType;
  const destination = env.ref('stock.return.picking', wizardId, 'location_id') || env.ref('stock.picking', original, 'location_id');
  const lines = env.ids('stock.return.picking', wizardId, 'product_return_moves').filter((line) => num(env.stored('stock.return.picking.line', line, 'quantity')) > 0);
  if (!lines.length) throw userError('Please specify at least one non-zero quantity.');
  const returnPicking = env.createOne('stock.picking', {
    picking_type_id: returnType,
    partner_id: env.stored('stock.picking', original, 'partner_id'),
    origin: `Return of ${env.stored('stock.picking', original, 'name')}`,
    location_id: env.stored('stock.picking', original, 'location_dest_id'),
    location_dest_id: destination,
    sale_id: env.stored('stock.picking', original, 'sale_id'),
    ...(env.version >= 18 ? { return_id: original } : {}),
  });
  for (const line of lines) {
    const move = env.ref('stock.return.picking.line', line, 'move_id');
    if (!move) throw userError('You have manually created product lines, please delete them to proceed.');
    env.createOne('stock.move', {
      picking_id: returnPicking,
      product_id: env.stored('stock.return.picking.line', line, 'product_id'),
      product_uom_qty: env.stored('stock.return.picking.line', line, 'quantity'),
      origin_returned_move_id: move,
      sale_line_id: env.stored('stock.move', move, 'sale_line_id'),
      state: 'confirmed',
    });
  }
  reservePickings(env, [returnPicking]);
  return {
    name: 'Returned Picking',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.picking',
    res_id: returnPicking,
    context: { ...env.context },
  };
}
