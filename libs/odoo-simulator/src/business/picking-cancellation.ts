/* stock.picking.action_cancel: every move not done is cancelled, which frees its reservation;
 * a done move cannot be cancelled (it must be returned). */
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';

export function cancelPickings(env: Env, pickingIds: number[]): void {
  for (const picking of pickingIds) {
    const moves = env.ids('stock.picking', picking, 'move_ids');
    if (env.stored('stock.picking', picking, 'state') === 'done') {
      throw userError("You cannot cancel a stock move that has been set to 'Done'. Create a return in order to reverse the moves which took place.");
    }
    const open = moves.filter((move) => env.stored('stock.move', move, 'state') !== 'done');
    if (open.length) env.write('stock.move', open, { state: 'cancel' });
    env.write('stock.picking', [picking], { state: 'cancel' });
  }
}
