/* stock.backorder.confirmation: both buttons re-run button_validate on the pickings named by the
 * CALL's context key `button_validate_picking_ids` (from the wizard action's context). As in Odoo,
 * a call without that context validates nothing and returns true, so clients must pass the
 * action's context to process() as well as to create(). */
import { Env } from '../orm/env';
import { buttonValidate, WindowAction } from './picking-validation';

export function processBackorder(env: Env): true | WindowAction {
  const pickings = pickingsToValidate(env);
  return pickings ? buttonValidate(env.withContext({ skip_backorder: true }), pickings) : true;
}

export function processCancelBackorder(env: Env, wizardIds: number[]): true | WindowAction {
  const pickings = pickingsToValidate(env);
  if (!pickings) return true;
  const noBackorder = wizardIds.flatMap((wizard) => env.ids('stock.backorder.confirmation', wizard, 'pick_ids'));
  return buttonValidate(env.withContext({ skip_backorder: true, picking_ids_not_to_backorder: noBackorder }), pickings);
}

function pickingsToValidate(env: Env): number[] | undefined {
  const ids = env.context.button_validate_picking_ids;
  return Array.isArray(ids) && ids.length ? (ids as number[]) : undefined;
}
