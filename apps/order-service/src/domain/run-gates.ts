import type { Reason } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { checkCredit, type CreditCheck } from './credit-gate';
import { checkPrices, type PriceCheck } from './price-gate';
import { transition, type Actor, type Transitioned } from './order-state';
import { ok, toReason, type Rejection, type Result } from './order.errors';

/** Master data for the gates, read by the application in the same transaction. */
export interface GateInputs {
  credit: CreditCheck;
  prices: PriceCheck;
}

export interface GatesRun extends Transitioned {
  /** Every failed check, one exception-queue entry each; empty when the order was validated. */
  failures: Rejection[];
}

/**
 * Runs the gates before the ERP on a RECEIVED order: credit (customer known, active, not on
 * credit hold, within the remaining credit) and prices. All pass: VALIDATED. Any fails: ON_HOLD,
 * with every failure returned. Availability is the next gate: it needs the inventory-service's
 * answer, so `recordReservation` applies it once the order is VALIDATED.
 */
export function runGates(order: Order, inputs: GateInputs, actor: Actor, at: Date): Result<GatesRun, Rejection<'ORDER.ILLEGAL_TRANSITION'>> {
  const failures = [...checkCredit(order, inputs.credit), ...checkPrices(order, inputs.prices)];
  const moved =
    failures.length === 0
      ? transition(order, 'VALIDATE', actor, at, { code: 'ORDER.GATES_PASSED', message: 'customer, credit and prices checked' })
      : transition(order, 'HOLD', actor, at, holdReason(failures));
  return moved.ok ? ok({ ...moved.value, failures }) : moved;
}

/**
 * OrderOnHold carries one reason: the first failure's code (credit is checked before prices), and a
 * message naming every failure, so nothing is hidden from whoever reads only the event.
 */
function holdReason(failures: readonly Rejection[]): Reason {
  const [first] = failures;
  if (failures.length === 1) return toReason(first);
  return { code: first.code, message: `${failures.length} checks failed: ${failures.map((failure) => failure.message).join('; ')}` };
}
