/* Where the numbers of a stock move live, per version: demand is `product_uom_qty`; the done
 * quantity is `quantity_done` up to 16 and `quantity` (with `picked`) from 17, where `quantity`
 * also carries the reservation. */
import { Env } from '../orm/env';

export const PENDING_MOVE_STATES = ['draft', 'waiting', 'confirmed', 'partially_available', 'assigned'];
export const RESERVED_MOVE_STATES = ['partially_available', 'assigned'];

export function num(value: unknown): number {
  return Number(value) || 0;
}

export function demandOf(env: Env, moveId: number): number {
  return num(env.stored('stock.move', moveId, 'product_uom_qty'));
}

/** What the move reserves at its source location. */
export function reservedOf(env: Env, moveId: number): number {
  if (!RESERVED_MOVE_STATES.includes(env.stored('stock.move', moveId, 'state') as string)) return 0;
  return num(env.stored('stock.move', moveId, env.version <= 16 ? 'reserved_availability' : 'quantity'));
}

/** The vals recording a reservation on a move. */
export function reservationVals(env: Env, quantity: number): Record<string, number> {
  return env.version <= 16 ? { reserved_availability: quantity } : { quantity };
}

/** Done quantity of each pending move of a picking. From 17, once any move is picked, only picked moves count. */
export function doneQuantities(env: Env, pickingId: number): Map<number, number> {
  const moves = pendingMoves(env, pickingId);
  const done = new Map<number, number>();
  if (env.version <= 16) {
    moves.forEach((move) => done.set(move, num(env.stored('stock.move', move, 'quantity_done'))));
    return done;
  }
  const anyPicked = moves.some((move) => env.stored('stock.move', move, 'picked') === true);
  moves.forEach((move) => {
    const counts = !anyPicked || env.stored('stock.move', move, 'picked') === true;
    done.set(move, counts ? num(env.stored('stock.move', move, 'quantity')) : 0);
  });
  return done;
}

export function pendingMoves(env: Env, pickingId: number): number[] {
  return env.ids('stock.picking', pickingId, 'move_ids').filter((move) =>
    PENDING_MOVE_STATES.includes(env.stored('stock.move', move, 'state') as string),
  );
}

/** The vals of a move once done with `quantity`. */
export function doneVals(env: Env, quantity: number): Record<string, unknown> {
  return env.version <= 16
    ? { state: 'done', quantity_done: quantity, reserved_availability: 0 }
    : { state: 'done', quantity, picked: true };
}
