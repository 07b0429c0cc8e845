/* The part of _action_done that deals with what was not done: split the short moves, then either
 * gather the remainders in a backorder picking (backorder_id = the original, reserved again) or
 * cancel them ("No Backorder"). */
import { Env } from '../orm/env';
import { reservePickings } from './stock-reservation';

export interface Remainder {
  move: number;
  quantity: number;
  /** Nothing of the move was done: the move itself moves on instead of being split. */
  whole: boolean;
}

export function createBackorder(env: Env, pickingId: number, remainders: Remainder[], backorder: boolean): void {
  if (!backorder) {
    for (const { move, quantity, whole } of remainders) {
      if (whole) env.write('stock.move', [move], { ...cancelledVals(env), product_uom_qty: quantity });
      else env.createOne('stock.move', { ...copyOfMove(env, move, pickingId, quantity), ...cancelledVals(env) });
    }
    return;
  }
  const backorderId = env.createOne('stock.picking', {
    ...copyOfPicking(env, pickingId),
    backorder_id: pickingId,
  });
  for (const { move, quantity, whole } of remainders) {
    if (whole) env.write('stock.move', [move], { picking_id: backorderId, state: 'confirmed', ...resetVals(env) });
    else env.createOne('stock.move', { ...copyOfMove(env, move, backorderId, quantity), state: 'confirmed' });
  }
  reservePickings(env, [backorderId]);
}

function copyOfPicking(env: Env, pickingId: number): Record<string, unknown> {
  const fields = ['partner_id', 'picking_type_id', 'location_id', 'location_dest_id', 'origin', 'sale_id', 'move_type'];
  return Object.fromEntries(fields.map((field) => [field, env.stored('stock.picking', pickingId, field)]));
}

function copyOfMove(env: Env, moveId: number, pickingId: number, quantity: number): Record<string, unknown> {
  const fields = ['name', 'product_id', 'product_uom', 'location_id', 'location_dest_id', 'picking_type_id', 'sale_line_id', 'origin', 'origin_returned_move_id'];
  return {
    ...Object.fromEntries(fields.map((field) => [field, env.stored('stock.move', moveId, field)])),
    picking_id: pickingId,
    product_uom_qty: quantity,
  };
}

function resetVals(env: Env): Record<string, unknown> {
  return env.version <= 16 ? { quantity_done: 0, reserved_availability: 0 } : { quantity: 0, picked: false };
}

function cancelledVals(env: Env): Record<string, unknown> {
  return { ...resetVals(env), state: 'cancel' };
}
