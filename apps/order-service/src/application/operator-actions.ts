import type { OutgoingEvent } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import { DATABASE } from '@backbone/service-kit';
import type { ExceptionResolved, Reason } from '@backbone/schemas';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { cancelOrder, fail, normalizeStatus, ok, transition, type Actor, type ChannelMapping, type Rejection, type Result } from '../domain';
import { ChannelMappingsRepository } from '../persistence/channel-mappings.repository';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';
import { orderSubject, OrderChanges, type ChangeCause, type Refusal, type Step } from './order-changes';
import { plainStep, steps } from './order-events';

export type ActionOutcome = { outcome: 'DONE'; stored: StoredOrder } | { outcome: 'NOT_FOUND' } | { outcome: 'REFUSED'; rejection: Refusal };

type Decision = Result<{ steps: Step[]; closeExceptions?: 'OVERRIDDEN' | 'REJECTED'; republish?: Pick<OutgoingEvent, 'type' | 'key' | 'payload'> }, Refusal>;

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

  /** Releases a hold (see `releasing`) and overrides the order's open exceptions. */
  releaseHold(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, releasing(actor, reason));
  }

  reject(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, rejecting(actor, reason));
  }

  cancel(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, cancelling(actor, reason));
  }

  releaseToWarehouse(orderId: string, actor: Actor, reason: Reason, cause: ChangeCause): Promise<ActionOutcome> {
    return this.run(orderId, cause, actor, reason, ({ order, allocations, erpOrderName }) =>
      single(transition(order, 'RELEASE_TO_WAREHOUSE', actor, new Date(), reason), (t) => steps.released(t, allocations, erpOrderName)),
    );
  }

  /**
   * A channel states the order's status in its own words (the mapping tables' `statuses`). The
   * one status a channel may ask for is CANCELLED (e.g. the buyer cancelled on the marketplace);
   * any other word is refused, and so is a word the tables do not know.
   */
  channelStatus(orderId: string, word: string, actor: Actor, note: string | null, cause: ChangeCause): Promise<ActionOutcome> {
    return this.db.transaction(async (trx) => {
      const stored = await OrdersRepository.lock(trx, orderId);
      if (!stored) return { outcome: 'NOT_FOUND' };
      const { channel } = stored.order;
      const settings = await ChannelMappingsRepository.find(trx, channel);
      const status = normalizeStatus(settings ?? NO_MAPPING, channel, word);
      if (!status.ok) return { outcome: 'REFUSED', rejection: status.error };
      if (status.value !== 'CANCELLED') {
        const message = `channel ${channel} may only ask to cancel an order; "${word}" means ${status.value}`;
        return { outcome: 'REFUSED', rejection: { code: 'ORDER.STATUS_NOT_REQUESTABLE', message, channel, value: word, means: status.value } };
      }
      const reason = { code: 'ORDER.CANCELLED_BY_CHANNEL', message: note ?? `channel ${channel} reported "${word}"` };
      return this.apply(trx, stored, cause, actor, reason, cancelling(actor, reason));
    });
  }

  /**
   * An operator overrode or rejected one of the order's exceptions through the exception queue
   * (ExceptionResolved, consumed from ops.exception.v1). Rejecting rejects the held order; overriding
   * releases its hold once no other exception of the order is open.
   */
  async exceptionResolved(trx: Knex.Transaction, resolved: ExceptionResolved, cause: ChangeCause): Promise<void> {
    if (resolved.service !== this.exceptions.service || resolved.resolution === 'RETRIED') return;
    const exception = await this.exceptions.get(trx, resolved.exceptionId);
    if (exception?.subject.type !== orderSubject('').type) return;
    const orderId = exception.subject.id;
    const stored = await OrdersRepository.lock(trx, orderId);
    if (stored?.order.status !== 'ON_HOLD') return;
    const actor: Actor = { kind: 'operator', id: resolved.resolvedBy.id };
    const reason = { code: `ORDER.EXCEPTION_${resolved.resolution}`, message: resolved.reason ?? `${resolved.code} ${resolved.resolution.toLowerCase()}` };
    if (resolved.resolution === 'REJECTED') {
      await this.apply(trx, stored, cause, actor, reason, rejecting(actor, reason));
      return;
    }
    const open = await this.openExceptions(trx, orderId);
    if (open.length === 0) await this.apply(trx, stored, cause, actor, reason, releasing(actor, reason), open);
  }

  private run(orderId: string, cause: ChangeCause, actor: Actor, reason: Reason, decide: (stored: StoredOrder) => Decision): Promise<ActionOutcome> {
    return this.db.transaction(async (trx) => {
      const stored = await OrdersRepository.lock(trx, orderId);
      return stored ? this.apply(trx, stored, cause, actor, reason, decide) : { outcome: 'NOT_FOUND' };
    });
  }

  /** The decision on the order the caller has locked; `open`: its open exceptions, when the caller has listed them. */
  private async apply(trx: Knex.Transaction, stored: StoredOrder, cause: ChangeCause, actor: Actor, reason: Reason, decide: (stored: StoredOrder) => Decision, open?: { id: string }[]): Promise<ActionOutcome> {
    const decision = decide(stored);
    if (!decision.ok) return { outcome: 'REFUSED', rejection: decision.error };
    const next = await this.changes.save(trx, stored, decision.value.steps, cause);
    if (decision.value.republish) await this.changes.republish(trx, decision.value.republish, cause);
    if (decision.value.closeExceptions) {
      for (const exception of open ?? (await this.openExceptions(trx, stored.order.orderId))) {
        await this.exceptions.resolve(trx, exception.id, { resolution: decision.value.closeExceptions, actor: { kind: actor.kind, id: actor.id }, reason: reason.message });
      }
    }
    return { outcome: 'DONE', stored: next };
  }

  private async openExceptions(trx: Knex.Transaction, orderId: string) {
    const subject = orderSubject(orderId);
    return (await this.exceptions.list(trx, { status: 'OPEN', subjectType: subject.type, subjectId: subject.id }, { limit: 200 })).items;
  }
}

/**
 * Releases a hold. An order held at the gates (returned to RECEIVED) is validated by this
 * decision; one held for missing stock continues as reserved with what is reserved, the rest
 * to be backordered by the warehouse; one held because the ERP refused the sale order is sent to
 * the ERP again (OrderReserved once more; the adapter writes by external id, so never twice).
 */
/** A channel without mapping tables has no words of its own for statuses. */
const NO_MAPPING: ChannelMapping = { skus: {}, skuPassThrough: true, units: {}, statuses: {} };

function releasing(actor: Actor, reason: Reason) {
  return ({ order, allocations }: StoredOrder): Decision => {
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
    } else if (resumed.status === 'RESERVED' && order.hold?.reason.code.startsWith('ERP.')) {
      return ok({ steps: taken, closeExceptions: 'OVERRIDDEN', republish: { type: 'backbone.orders.OrderReserved', key: order.orderId, payload: { orderId: order.orderId, lines: allocations } } });
    }
    return ok({ steps: taken, closeExceptions: 'OVERRIDDEN' });
  };
}

function cancelling(actor: Actor, reason: Reason) {
  return ({ order }: StoredOrder): Decision => {
    const cancelled = cancelOrder(order, actor, new Date(), reason);
    return cancelled.ok ? ok({ steps: [steps.cancelled(cancelled.value)], closeExceptions: 'REJECTED' }) : cancelled;
  };
}

function rejecting(actor: Actor, reason: Reason) {
  return ({ order }: StoredOrder): Decision => {
    const rejected = transition(order, 'REJECT', actor, new Date(), reason);
    return rejected.ok ? ok({ steps: [plainStep(rejected.value)], closeExceptions: 'REJECTED' }) : rejected;
  };
}

function single<T>(result: Result<T, Rejection>, toStep: (value: T) => Step): Decision {
  return result.ok ? ok({ steps: [toStep(result.value)] }) : fail(result.error);
}
