import type { EventName, Reason } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { fulfilmentStatus } from './order-lines';
import { fail, ok, reject, type Rejection, type Result } from './order.errors';

export const ORDER_STATUSES = [
  'RECEIVED',
  'VALIDATED',
  'ON_HOLD',
  'RESERVED',
  'CONFIRMED_IN_ERP',
  'RELEASED',
  'PARTIALLY_SHIPPED',
  'BACKORDERED',
  'SHIPPED',
  'INVOICED',
  'CANCELLED',
  'REJECTED',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Avro full name of the event a transition publishes. */
export type OrderEventType = Extract<EventName, `backbone.orders.${string}`>;

/** Target of a release: the state the order was held in. */
export const RETURN_FROM_HOLD = 'RETURN_FROM_HOLD';
/** Target of a shipment: the fulfilment state the order's lines imply (order-lines.ts). */
export const FROM_SHIPPED_LINES = 'FROM_SHIPPED_LINES';

interface TransitionRule {
  readonly from: readonly OrderStatus[];
  readonly to: OrderStatus | typeof RETURN_FROM_HOLD | typeof FROM_SHIPPED_LINES;
  readonly event: OrderEventType;
}

const BEFORE_RELEASE = ['RECEIVED', 'VALIDATED', 'ON_HOLD', 'RESERVED', 'CONFIRMED_IN_ERP'] as const;
const IN_FULFILMENT = ['RELEASED', 'PARTIALLY_SHIPPED', 'BACKORDERED'] as const;

/**
 * The whole lifecycle: a command is legal only from the states listed, and anything not here is
 * refused. Holds are possible until the order is released (after that the warehouse is picking:
 * cancel instead); cancellation is possible until everything has shipped; RECORD_SHIPMENT may
 * repeat, since every shipment is its own event, and goes to PARTIALLY_SHIPPED, BACKORDERED,
 * SHIPPED, or back to RELEASED when a backorder is cleared before anything shipped.
 * Commands that also change the lines (RESERVE, RECORD_SHIPMENT, CANCEL) are meant to be issued
 * through order-fulfilment.ts, which updates the lines first.
 */
export const TRANSITIONS = {
  VALIDATE: { from: ['RECEIVED'], to: 'VALIDATED', event: 'backbone.orders.OrderValidated' },
  HOLD: { from: ['RECEIVED', 'VALIDATED', 'RESERVED', 'CONFIRMED_IN_ERP'], to: 'ON_HOLD', event: 'backbone.orders.OrderOnHold' },
  RELEASE_HOLD: { from: ['ON_HOLD'], to: RETURN_FROM_HOLD, event: 'backbone.orders.OrderHoldReleased' },
  REJECT: { from: ['RECEIVED', 'ON_HOLD'], to: 'REJECTED', event: 'backbone.orders.OrderRejected' },
  RESERVE: { from: ['VALIDATED'], to: 'RESERVED', event: 'backbone.orders.OrderReserved' },
  CONFIRM_IN_ERP: { from: ['RESERVED'], to: 'CONFIRMED_IN_ERP', event: 'backbone.orders.OrderConfirmed' },
  RELEASE_TO_WAREHOUSE: { from: ['CONFIRMED_IN_ERP'], to: 'RELEASED', event: 'backbone.orders.OrderReleased' },
  RECORD_SHIPMENT: { from: IN_FULFILMENT, to: FROM_SHIPPED_LINES, event: 'backbone.orders.OrderShipmentRecorded' },
  INVOICE: { from: ['SHIPPED'], to: 'INVOICED', event: 'backbone.orders.OrderInvoiced' },
  CANCEL: { from: [...BEFORE_RELEASE, ...IN_FULFILMENT], to: 'CANCELLED', event: 'backbone.orders.OrderCancelled' },
} as const satisfies Record<string, TransitionRule>;

export type OrderCommand = keyof typeof TRANSITIONS;

export const ORDER_COMMANDS = Object.keys(TRANSITIONS) as OrderCommand[];

/** True once the warehouse has the order: cancelling it then must also stop the warehouse. */
export function isReleased(status: OrderStatus): boolean {
  return (IN_FULFILMENT as readonly OrderStatus[]).includes(status) || status === 'SHIPPED' || status === 'INVOICED';
}

export type ActorKind = 'system' | 'operator' | 'channel' | 'erp' | 'warehouse';

/** Who or what caused a change: a user id for operators, a service or partner id otherwise. */
export interface Actor {
  kind: ActorKind;
  id: string;
}

/** One audit row per change: what, who, when and why. `from` is null when the order was created. */
export interface AuditEntry {
  orderId: string;
  command: OrderCommand | 'RECEIVE';
  from: OrderStatus | null;
  to: OrderStatus;
  actor: Actor;
  at: Date;
  reason: Reason;
}

/** What a legal transition produced: the new order, its audit entry and the event to publish. */
export interface Transitioned {
  order: Order;
  audit: AuditEntry;
  event: OrderEventType;
}

/** Moves `order` by `command`, or refuses with ORDER.ILLEGAL_TRANSITION naming from and to. */
export function transition(
  order: Order,
  command: OrderCommand,
  actor: Actor,
  at: Date,
  reason: Reason,
): Result<Transitioned, Rejection<'ORDER.ILLEGAL_TRANSITION'>> {
  const rule: TransitionRule = TRANSITIONS[command];
  const to = targetOf(rule, order);
  if (!rule.from.includes(order.status) || to === null) {
    const target = to ?? 'the state it was held in';
    return fail(
      reject('ORDER.ILLEGAL_TRANSITION', `${command} cannot move order ${order.orderId} from ${order.status} to ${target}`, {
        orderId: order.orderId,
        command,
        from: order.status,
        to,
      }),
    );
  }
  const next: Order = {
    ...order,
    status: to,
    // A hold remembers where to return to; leaving ON_HOLD any way clears it.
    hold: to === 'ON_HOLD' ? { returnTo: order.status, reason } : null,
    version: order.version + 1,
    updatedAt: at,
  };
  return ok({ order: next, audit: { orderId: order.orderId, command, from: order.status, to, actor, at, reason }, event: rule.event });
}

function targetOf(rule: TransitionRule, order: Order): OrderStatus | null {
  if (rule.to === RETURN_FROM_HOLD) return order.hold?.returnTo ?? null;
  if (rule.to !== FROM_SHIPPED_LINES) return rule.to;
  const status = fulfilmentStatus(order.lines);
  return status === 'NOT_SHIPPED' ? 'RELEASED' : status;
}
