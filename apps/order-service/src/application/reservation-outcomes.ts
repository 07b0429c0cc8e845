import type { Reason, ReservationLine } from '@backbone/schemas';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { recordReservation, type Actor } from '../domain';
import { OrdersRepository } from '../persistence/orders.repository';
import { OrderChanges, type ChangeCause } from './order-changes';
import { plainStep, steps } from './order-events';

/**
 * The availability gate, fed by the inventory-service's reservation decisions: a VALIDATED order
 * whose lines are all reserved becomes RESERVED (OrderReserved, which the ERP adapter writes as a
 * sale order); a shortfall holds it with ORDER.NOT_AVAILABLE in the exception queue. A decision
 * the order cannot take (unknown SKU, order no longer waiting for stock) is an exception too.
 */
@Injectable()
export class ReservationOutcomes {
  constructor(private readonly changes: OrderChanges) {}

  /** `inventoryReason`: why inventory reserved nothing (ReservationRejected), kept with the exception. */
  async decided(trx: Knex.Transaction, orderId: string, lines: readonly ReservationLine[], actor: Actor, cause: ChangeCause, inventoryReason?: Reason): Promise<void> {
    const stored = await OrdersRepository.lock(trx, orderId);
    // Inventory reserves only what OrderValidated asked for, so an unknown order is another
    // deployment's (a shared topic in tests) or a replay from before this database: not ours.
    if (!stored) return;
    // Cancelled or rejected meanwhile: the inventory-service releases on OrderCancelled; nothing to record.
    if (stored.order.status === 'CANCELLED' || stored.order.status === 'REJECTED') return;
    const recorded = recordReservation(stored.order, lines, actor, new Date());
    if (!recorded.ok) {
      await this.changes.raise(trx, orderId, recorded.error, cause);
      return;
    }
    const { allocations, failures } = recorded.value;
    const step = failures.length === 0 ? steps.reserved(recorded.value, allocations) : plainStep(recorded.value);
    await this.changes.save(trx, { ...stored, allocations }, [step], cause);
    const explained = inventoryReason ? failures.map((failure) => ({ ...failure, message: `${failure.message} (inventory: ${inventoryReason.message})`, inventoryCode: inventoryReason.code })) : failures;
    await this.changes.raise(trx, orderId, explained, cause);
  }

  /** Inventory gave the stock back: expected after a cancellation, an exception otherwise. */
  async released(trx: Knex.Transaction, orderId: string, reason: { code: string; message: string }, cause: ChangeCause): Promise<void> {
    const stored = await OrdersRepository.lock(trx, orderId);
    if (!stored || ['CANCELLED', 'REJECTED', 'SHIPPED', 'INVOICED'].includes(stored.order.status)) return;
    await this.changes.raise(
      trx,
      orderId,
      [{ code: 'ORDER.RESERVATION_RELEASED', message: `inventory released the reservation of order ${orderId} in status ${stored.order.status}: ${reason.message}`, releaseCode: reason.code }],
      cause,
    );
  }
}
