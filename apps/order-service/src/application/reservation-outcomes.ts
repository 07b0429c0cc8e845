import type { EventContext } from '@backbone/events';
import type { Reason, ReservationLine } from '@backbone/schemas';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { recordReservation, type Actor } from '../domain';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';
import { OrderChanges, type ChangeCause, type OrderRefusals, type Step } from './order-changes';
import { plainStep, steps } from './order-events';

/** One reservation event of the inventory-service, as the handlers hand it over. */
export type ReservationOutcome =
  /** ReservationConfirmed, Partial or Rejected; `inventoryReason`: why inventory reserved nothing, kept with the exception. */
  | { kind: 'decided'; orderId: string; lines: readonly ReservationLine[]; actor: Actor; cause: ChangeCause; inventoryReason?: Reason }
  /** ReservationReleased. */
  | { kind: 'released'; orderId: string; reason: { code: string; message: string }; cause: ChangeCause };

/**
 * The availability gate, fed by the inventory-service's reservation decisions: a VALIDATED order
 * whose lines are all reserved becomes RESERVED (OrderReserved, which the ERP adapter writes as a
 * sale order); a shortfall holds it with ORDER.NOT_AVAILABLE in the exception queue. A decision
 * the order cannot take (unknown SKU, order no longer waiting for stock) is an exception too.
 *
 * The outcomes of a fetched batch are applied together at its end, in arrival order: the orders are
 * locked at once (in id order) and their changes written with a few statements for all of them.
 */
@Injectable()
export class ReservationOutcomes {
  constructor(private readonly changes: OrderChanges) {}

  /** Adds the outcome to its batch's, applied before the batch commits. */
  defer(ctx: EventContext, outcome: ReservationOutcome): void {
    ctx.batch.collect<ReservationOutcome>('reservation-outcomes', outcome, (all) => this.apply(ctx.trx, all));
  }

  async apply(trx: Knex.Transaction, outcomes: readonly ReservationOutcome[]): Promise<void> {
    const orders = await OrdersRepository.lockMany(trx, [...new Set(outcomes.map((outcome) => outcome.orderId))]);
    const saves: { stored: StoredOrder; steps: Step[]; cause: ChangeCause }[] = [];
    const refusals: OrderRefusals[] = [];
    for (const outcome of outcomes) {
      const stored = orders.get(outcome.orderId);
      // Inventory reserves only what OrderValidated asked for, so an unknown order is another
      // deployment's (a shared topic in tests) or a replay from before this database: not ours.
      if (!stored) continue;
      if (outcome.kind === 'released') {
        // Expected after a cancellation (or once shipped); an exception otherwise.
        if (['CANCELLED', 'REJECTED', 'SHIPPED', 'INVOICED'].includes(stored.order.status)) continue;
        const message = `inventory released the reservation of order ${outcome.orderId} in status ${stored.order.status}: ${outcome.reason.message}`;
        refusals.push({ orderId: outcome.orderId, refusals: [{ code: 'ORDER.RESERVATION_RELEASED', message, releaseCode: outcome.reason.code }], cause: outcome.cause });
        continue;
      }
      // Cancelled or rejected meanwhile: the inventory-service releases on OrderCancelled; nothing to record.
      if (stored.order.status === 'CANCELLED' || stored.order.status === 'REJECTED') continue;
      const recorded = recordReservation(stored.order, outcome.lines, outcome.actor, new Date());
      if (!recorded.ok) {
        refusals.push({ orderId: outcome.orderId, refusals: recorded.error, cause: outcome.cause });
        continue;
      }
      const { allocations, failures } = recorded.value;
      const step = failures.length === 0 ? steps.reserved(recorded.value, allocations) : plainStep(recorded.value);
      saves.push({ stored: { ...stored, allocations }, steps: [step], cause: outcome.cause });
      orders.set(outcome.orderId, { ...stored, allocations, order: recorded.value.order });
      const reason = outcome.inventoryReason;
      const explained = reason ? failures.map((failure) => ({ ...failure, message: `${failure.message} (inventory: ${reason.message})`, inventoryCode: reason.code })) : failures;
      refusals.push({ orderId: outcome.orderId, refusals: explained, cause: outcome.cause });
    }
    await this.changes.saveMany(trx, saves);
    await this.changes.raiseMany(trx, refusals);
  }
}
