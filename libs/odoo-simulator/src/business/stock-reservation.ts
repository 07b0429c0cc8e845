/* Confirming and reserving transfers (action_confirm / action_assign) and the picking state
 * derived from its moves. Moves out of an internal location reserve what is on hand; moves from
 * customers or vendors are always available. */
import { Env } from '../orm/env';
import { isStorable } from './product-kind';
import { isInternal, onHand, reservedAt } from './stock-quants';
import { demandOf, PENDING_MOVE_STATES, reservationVals } from './stock-quantities';

export function confirmPickings(env: Env, pickingIds: number[]): void {
  for (const picking of pickingIds) {
    const drafts = env.ids('stock.picking', picking, 'move_ids').filter((move) => env.stored('stock.move', move, 'state') === 'draft');
    if (drafts.length) env.write('stock.move', drafts, { state: 'confirmed' });
    reservePickings(env, [picking]);
  }
}

export function reservePickings(env: Env, pickingIds: number[]): void {
  for (const picking of pickingIds) {
    for (const move of env.ids('stock.picking', picking, 'move_ids')) {
      if (['confirmed', 'partially_available', 'waiting'].includes(env.stored('stock.move', move, 'state') as string)) reserveMove(env, move);
    }
    refreshPickingState(env, picking);
  }
}

export function refreshPickingState(env: Env, pickingId: number): void {
  const states = env.ids('stock.picking', pickingId, 'move_ids').map((move) => env.stored('stock.move', move, 'state') as string);
  env.write('stock.picking', [pickingId], { state: pickingState(states) });
}

// stock.picking._compute_state for move_type 'direct': ready as soon as anything is reserved.
function pickingState(moveStates: string[]): string {
  const live = moveStates.filter((state) => state !== 'cancel');
  if (!moveStates.length || live.includes('draft')) return 'draft';
  if (!live.length) return 'cancel';
  if (live.every((state) => state === 'done')) return 'done';
  const pending = live.filter((state) => PENDING_MOVE_STATES.includes(state));
  if (pending.some((state) => state === 'assigned' || state === 'partially_available')) return 'assigned';
  return pending.some((state) => state === 'waiting') ? 'waiting' : 'confirmed';
}

function reserveMove(env: Env, moveId: number): void {
  const demand = demandOf(env, moveId);
  const product = env.ref('stock.move', moveId, 'product_id') as number;
  const source = env.ref('stock.move', moveId, 'location_id') as number;
  let reserved = demand;
  if (isInternal(env, source) && isStorable(env, product)) {
    const free = onHand(env, product, source) - reservedAt(env, product, source, moveId);
    reserved = Math.max(0, Math.min(demand, free));
  }
  const state = reserved >= demand ? 'assigned' : reserved > 0 ? 'partially_available' : 'confirmed';
  env.write('stock.move', [moveId], { state, ...reservationVals(env, reserved) });
}
