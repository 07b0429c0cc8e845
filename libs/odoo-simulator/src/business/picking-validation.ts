/* stock.picking.button_validate: sanity checks, then either the backorder wizard (some move has
 * less done than demanded and the operation type asks) or _action_done, which books the done
 * quantities, moves the remainder into a backorder, or cancels it when told not to backorder. */
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { applyDoneMove } from './stock-quants';
import { confirmPickings } from './stock-reservation';
import { demandOf, doneQuantities, doneVals } from './stock-quantities';
import { createBackorder } from './backorder-creation';
import { formatDatetime } from '../orm/datetime-format';

export type WindowAction = Record<string, unknown>;

export function buttonValidate(env: Env, pickingIds: number[]): true | WindowAction {
  const drafts = pickingIds.filter((picking) => env.stored('stock.picking', picking, 'state') === 'draft');
  if (drafts.length) confirmPickings(env, drafts);
  sanityCheck(env, pickingIds);
  const validating = env.withContext({ button_validate_picking_ids: env.context.button_validate_picking_ids ?? pickingIds });
  if (!env.context.skip_backorder) {
    const needBackorder = pickingIds.filter((picking) => createBackorderMode(env, picking) === 'ask' && hasShortfall(env, picking));
    if (needBackorder.length) return backorderWizardAction(validating, needBackorder);
  }
  const notToBackorder = new Set((env.context.picking_ids_not_to_backorder as number[] | undefined) ?? []);
  for (const picking of pickingIds) {
    const mode = createBackorderMode(env, picking);
    const backorder = mode === 'always' || (mode === 'ask' && !notToBackorder.has(picking));
    actionDone(env, picking, backorder);
  }
  return true;
}

function sanityCheck(env: Env, pickingIds: number[]): void {
  if (pickingIds.some((picking) => !env.ids('stock.picking', picking, 'move_ids').length)) {
    throw userError('Please add some items to move.');
  }
  const nothingDone = (picking: number) => [...doneQuantities(env, picking).values()].every((quantity) => quantity === 0);
  if (pickingIds.some(nothingDone)) {
    throw userError(
      env.version <= 16
        ? 'You cannot validate a transfer if no quantities are reserved nor done. To force the transfer, switch in edit mode and encode the done quantities.'
        : 'You cannot validate a transfer if no quantities are reserved, or if only non-reserved moves are picked.',
    );
  }
}

function createBackorderMode(env: Env, pickingId: number): string {
  const type = env.ref('stock.picking', pickingId, 'picking_type_id') as number;
  return env.stored('stock.picking.type', type, 'create_backorder') as string;
}

function hasShortfall(env: Env, pickingId: number): boolean {
  return [...doneQuantities(env, pickingId)].some(([move, done]) => done < demandOf(env, move));
}

// stock.picking._action_generate_backorder_wizard; Odoo adds the form view's id, which has no
// meaning outside its database, so `views`/`view_id` name no view here.
function backorderWizardAction(env: Env, pickingIds: number[]): WindowAction {
  return {
    name: 'Create Backorder?',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.backorder.confirmation',
    views: [[false, 'form']],
    view_id: false,
    target: 'new',
    context: {
      ...env.context,
      default_show_transfers: pickingIds.length > 1,
      default_pick_ids: pickingIds.map((id) => [4, id, 0]),
    },
  };
}

function actionDone(env: Env, pickingId: number, backorder: boolean): void {
  const remainders: Array<{ move: number; quantity: number; whole: boolean }> = [];
  for (const [move, done] of doneQuantities(env, pickingId)) {
    const demand = demandOf(env, move);
    if (done <= 0) {
      remainders.push({ move, quantity: demand, whole: true });
      continue;
    }
    if (done < demand) remainders.push({ move, quantity: demand - done, whole: false });
    env.write('stock.move', [move], { ...doneVals(env, done), product_uom_qty: Math.min(done, demand) });
    const from = env.ref('stock.move', move, 'location_id') as number;
    const to = env.ref('stock.move', move, 'location_dest_id') as number;
    applyDoneMove(env, env.ref('stock.move', move, 'product_id') as number, from, to, done);
  }
  if (remainders.length) createBackorder(env, pickingId, remainders, backorder);
  env.write('stock.picking', [pickingId], { state: 'done', date_done: formatDatetime(env.now) });
}
