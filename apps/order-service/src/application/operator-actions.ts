import { ExceptionQueue } from '@backbone/exceptions';
import { DATABASE } from '@backbone/service-kit';
import type { Reason } from '@backbone/schemas';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { cancelOrder, fail, ok, transition, type Actor, type Rejection, type Result } from '../domain';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';
import { orderSubject, OrderChanges, type ChangeCause, type Step } from './order-changes';
import { plainStep, steps } from './order-events';

export type ActionOutcome = { outcome: 'DONE'; stored: StoredOrder } | { outcome: 'NOT_FOUND' } | { outcome: 'REFUSED'; rejection: Rejection };

type Decision = Result<{ steps: Step[]; closeExceptions?: 'OVERRIDDEN' | 'REJECTED' }, Rejection>;

/**
 * What operators do to an order, each audited with the operator as actor and their reason:
 * hold, release a hold, reject, cancel, release to the warehouses. Releasing or rejecting an order
 * also resolves its open exceptions (overridden or rejected) with the same reason.
 */
@Injectable()
export class OperatorActions {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly changes: OrderChanges,
    private readonly exceptions: ExceptionQueue,
  ) {}

  hold(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order }) => single(transition(order, 'HOLD', actor, new Date(), reason), plainStep));
  }

  /**
   * Releases a hold. An order held at the gates (returned to RECEIVED) is validated by this
   * decision; one held for missing stock continues as reserved with what is reserved, the rest
   * to be backordered by the warehouse.
   */
  releaseHold(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order, allocations }) => {
      const at = new Date();
      const released = transition(order, 'RELEASE_HOLD', actor, at, reason);
      if (!released.ok) return released;
      const taken: Step[] = [plainStep(released.value)];
      const resumed = released.value.order;
      if (resumed.status === 'RECEIVED') {
        const validated = transition(resumed, 'VALIDATE', actor, at, { code: 'ORDER.GATES_OVERRIDDEN', message: reason.message });
        if (!validated.ok) return validated;
        taken.push(plainStep(validated.value));
      } else if (resumed.status === 'VALIDATED' && order.hold?.reason.code === 'ORDER.NOT_AVAILABLE') {
        const reserved = transition(resumed, 'RESERVE', actor, at, { code: 'ORDER.SHORTAGE_ACCEPTED', message: reason.message });
        if (!reserved.ok) return reserved;
        taken.push(steps.reserved(reserved.value, allocations));
      }
      return ok({ steps: taken, closeExceptions: 'OVERRIDDEN' });
    });
  }

  reject(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order }) => {
      const rejected = transition(order, 'REJECT', actor, new Date(), reason);
      return rejected.ok ? ok({ steps: [plainStep(rejected.value)], closeExceptions: 'REJECTED' }) : rejected;
    });
  }

  cancel(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order }) => {
      const cancelled = cancelOrder(order, actor, new Date(), reason);
      return cancelled.ok ? ok({ steps: [steps.cancelled(cancelled.value)], closeExceptions: 'REJECTED' }) : cancelled;
    });
  }

  releaseToWarehouse(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order, allocations, erpOrderName }) =>
      single(transition(order, 'RELEASE_TO_WAREHOUSE', actor, new Date(), reason), (t) => steps.released(t, allocations, erpOrderName)),
    );
  }

  private run(orderId: string, cause: ChangeCause, actor: Actor, reason: Reason, decide: (stored: StoredOrder) => Decision): Promise<ActionOutcome> {
    return this.db.transaction(async (trx) => {
      const stored = await OrdersRepository.lock(trx, orderId);
      if (!stored) return { outcome: 'NOT_FOUND' };
      const decision = decide(stored);
      if (!decision.ok) return { outcome: 'REFUSED', rejection: decision.error };
      const next = await this.changes.save(trx, stored, decision.value.steps, cause);
      if (decision.value.closeExceptions) await this.closeExceptions(trx, orderId, decision.value.closeExceptions, actor, reason);
      return { outcome: 'DONE', stored: next };
    });
  }

  private async closeExceptions(trx: Knex.Transaction, orderId: string, resolution: 'OVERRIDDEN' | 'REJECTED', actor: Actor, reason: Reason): Promise<void> {
    const subject = orderSubject(orderId);
    const { items } = await this.exceptions.list(trx, { status: 'OPEN', subjectType: subject.type, subjectId: subject.id }, { limit: 200 });
    for (const exception of items) {
      await this.exceptions.resolve(trx, exception.id, { resolution, actor: { kind: actor.kind, id: actor.id }, reason: reason.message });
    }
  }
}

function single<T>(result: Result<T, Rejection>, toStep: (value: T) => Step): Decision {
  return result.ok ? ok({ steps: [toStep(result.value)] }) : fail(result.error);
}
