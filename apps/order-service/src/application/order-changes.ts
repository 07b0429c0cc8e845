import { newEventId, Outbox, type OutgoingEvent } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import type { Reason } from '@backbone/schemas';
import type { Result, Transitioned } from '../domain';
import type { OrderChangeNotice, OrderEvent } from '../notifications/order-notification';
import { RecordOrderNotifications } from '../notifications/record-order-notifications';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';

/** Where a change came from: the consumed event, or the HTTP request's correlation id. */
export interface ChangeCause {
  correlationId?: string;
  causationId?: string;
}

/** What caused a refusal: the change's cause, and the event being handled if there is one. */
export type RaiseCause = ChangeCause & { sourceEventId?: string };

/** An order's refusals, to be filed as exceptions. */
export interface OrderRefusals {
  orderId: string;
  refusals: readonly Refusal[];
  cause: RaiseCause;
}

/** One transition of an order and the payload of the event it publishes. */
export interface Step {
  transitioned: Transitioned;
  payload: unknown;
}

/** A domain Rejection, or an application refusal in the same shape: code, message and facts. */
export type Refusal = { readonly code: string; readonly message: string } & Readonly<Record<string, unknown>>;

/** For a move the caller has already checked is legal: a refusal here is a bug, never retried. */
export function checked<T>(result: Result<T, Reason>): T {
  if (!result.ok) throw new TypeError(result.error.message);
  return result.value;
}

export const orderSubject = (orderId: string) => ({ type: 'order', id: orderId });

/**
 * Writes what the domain decided, in the caller's transaction: the order's new state, one audit
 * row and one outbox event per transition (the audit row names its event), the channel
 * notifications of the transitions, and one open exception per refusal. The order must be locked (or being inserted) by the caller, so its
 * events enter the outbox in order.
 */
@Injectable()
export class OrderChanges {
  constructor(
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionQueue,
    private readonly notifications: RecordOrderNotifications,
  ) {}

  /** Stores the result of `steps` on `stored` (the order before them), updating the row. */
  async save(trx: Knex.Transaction, stored: StoredOrder, steps: readonly Step[], cause: ChangeCause): Promise<StoredOrder> {
    const [next] = await this.saveMany(trx, [{ stored, steps, cause }]);
    return next;
  }

  /**
   * `save` for many changes in a few statements. Changes of one order follow each other in the
   * list, each starting from the state the one before left; the row gets the last.
   */
  async saveMany(trx: Knex.Transaction, changes: readonly { stored: StoredOrder; steps: readonly Step[]; cause: ChangeCause }[]): Promise<StoredOrder[]> {
    const saved = changes.map(({ stored, steps }) => this.after(stored, steps));
    if (changes.length === 0) return saved;
    await OrdersRepository.updateMany(trx, [...new Map(saved.map((next) => [next.order.orderId, next])).values()]);
    const eventIds = await this.outbox.append(
      trx,
      changes.flatMap(({ steps, cause }) => this.events(steps, cause)),
    );
    let first = 0;
    const published = changes.map(({ steps, cause }) => {
      const ids = eventIds.slice(first, (first += steps.length));
      return { steps, cause, ids };
    });
    await OrdersRepository.appendAudit(
      trx,
      published.flatMap(({ steps, ids }) => steps.map(({ transitioned }, index) => ({ ...transitioned.audit, eventId: ids[index] }))),
    );
    await this.notifications.record(
      trx,
      published.flatMap(({ steps, cause, ids }) => notices(steps, cause, ids)),
    );
    return saved;
  }

  /**
   * Inserts new orders with their first steps, in a few statements for all of them; each answer is
   * the order as stored, or null (nothing written) when the order exists already.
   */
  async insert(trx: Knex.Transaction, orders: readonly { stored: StoredOrder; steps: readonly Step[]; cause: ChangeCause }[]): Promise<(StoredOrder | null)[]> {
    if (orders.length === 0) return [];
    // Event ids are made here, so the audit rows can go in with the orders in one statement.
    const entries = orders.map(({ stored, steps, cause }) => ({ next: this.after(stored, steps), steps, cause, eventIds: steps.map(() => newEventId()) }));
    if (new Set(entries.map(({ next }) => next.order.orderId)).size !== entries.length) throw new TypeError('an order appears twice in one insert');
    const inserted = await OrdersRepository.insertMany(
      trx,
      entries.map(({ next, steps, eventIds }) => ({ stored: next, audit: steps.map(({ transitioned }, index) => ({ ...transitioned.audit, eventId: eventIds[index] })) })),
    );
    const written = entries.filter(({ next }) => inserted.has(next.order.orderId));
    await this.outbox.append(
      trx,
      written.flatMap(({ steps, cause, eventIds }) => this.events(steps, cause, eventIds)),
    );
    await this.notifications.record(
      trx,
      written.flatMap(({ steps, cause, eventIds }) => notices(steps, cause, eventIds)),
    );
    return entries.map(({ next }) => (inserted.has(next.order.orderId) ? next : null));
  }

  /** Publishes an event again without a transition (e.g. OrderReserved, for the ERP to retry its write). */
  async republish(trx: Knex.Transaction, event: Pick<OutgoingEvent, 'type' | 'key' | 'payload'>, cause: ChangeCause): Promise<void> {
    await this.outbox.append(trx, { ...event, correlationId: cause.correlationId, causationId: cause.causationId });
  }

  /**
   * Files the refusals as open exceptions about the order, one per code (the queue keeps one open
   * exception per code and subject): several of one code, e.g. a price mismatch on two lines, are
   * listed together in its message and details. A repeat counts as another occurrence.
   */
  async raise(trx: Knex.Transaction, orderId: string, refusals: readonly Refusal[], cause: RaiseCause): Promise<void> {
    await this.raiseMany(trx, [{ orderId, refusals, cause }]);
  }

  /** `raise` for the orders of a batch, in one go. */
  async raiseMany(trx: Knex.Transaction, orders: readonly OrderRefusals[]): Promise<void> {
    await this.exceptions.raiseMany(
      trx,
      orders.flatMap(({ orderId, refusals, cause }) =>
        [...Map.groupBy(refusals, (refusal) => refusal.code)].map(([code, same]) => {
          const facts = same.map(({ code: _code, message: _message, ...fields }) => fields);
          return {
            code,
            message: same.map((refusal) => refusal.message).join('; '),
            subject: orderSubject(orderId),
            details: same.length === 1 ? asText(facts[0]) : { count: String(same.length), items: JSON.stringify(facts) },
            sourceEventId: cause.sourceEventId ?? cause.causationId ?? null,
            correlationId: cause.correlationId ?? null,
          };
        }),
      ),
    );
  }

  private after(stored: StoredOrder, steps: readonly Step[]): StoredOrder {
    return steps.length === 0 ? stored : { ...stored, order: steps[steps.length - 1].transitioned.order };
  }

  private events(steps: readonly Step[], cause: ChangeCause, eventIds?: readonly string[]): OutgoingEvent[] {
    return steps.map(({ transitioned, payload }, index) => ({
      type: transitioned.event,
      key: transitioned.order.orderId,
      payload,
      eventId: eventIds?.[index],
      correlationId: cause.correlationId,
      causationId: cause.causationId,
      occurredAt: transitioned.audit.at,
    }));
  }
}

/** What the channel notifications need of each step: the order after it and the event it published. */
function notices(steps: readonly Step[], cause: ChangeCause, eventIds: readonly string[]): OrderChangeNotice[] {
  return steps.map(({ transitioned, payload }, index) => ({
    order: transitioned.order,
    event: { type: transitioned.event, payload } as OrderEvent,
    facts: { eventId: eventIds[index], correlationId: cause.correlationId ?? eventIds[index], occurredAt: transitioned.audit.at },
  }));
}

/** Exception details are text: strings as they are, anything else as JSON. */
function asText(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}
