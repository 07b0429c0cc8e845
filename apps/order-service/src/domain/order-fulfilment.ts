import type { Reason, ReservationLine, ReservedOrderLine } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { applyReservation, type LineReservation } from './line-reservation';
import { applyShipment, type Shipment } from './line-shipment';
import { cancelRemaining, type ReleasedReservation } from './order-lines';
import { isReleased, transition, type Actor, type Transitioned } from './order-state';
import { fail, ok, reject, toReason, type Rejection, type Result, type Shortfall } from './order.errors';

export interface ReservationRecorded extends Transitioned {
  perLine: LineReservation[];
  allocations: ReservedOrderLine[];
  /** ORDER.NOT_AVAILABLE listing each short line, for the exception queue; empty when reserved. */
  failures: Rejection<'ORDER.NOT_AVAILABLE'>[];
}

/**
 * The availability gate: a VALIDATED order whose every line is reserved becomes RESERVED; any
 * shortfall puts it ON_HOLD with ORDER.NOT_AVAILABLE.
 */
export function recordReservation(order: Order, reservation: readonly ReservationLine[], actor: Actor, at: Date): Result<ReservationRecorded, Rejection[]> {
  const applied = applyReservation(order.lines, reservation);
  if (!applied.ok) return applied;
  const { lines, perLine, allocations } = applied.value;
  const failures = notAvailable(perLine);
  const moved =
    failures.length === 0
      ? transition({ ...order, lines }, 'RESERVE', actor, at, { code: 'INVENTORY.RESERVATION_CONFIRMED', message: 'every line is reserved' })
      : transition({ ...order, lines }, 'HOLD', actor, at, toReason(failures[0]));
  return moved.ok ? ok({ ...moved.value, perLine, allocations, failures }) : fail([moved.error]);
}

function notAvailable(perLine: readonly LineReservation[]): Rejection<'ORDER.NOT_AVAILABLE'>[] {
  const shortfalls: Shortfall[] = perLine.filter((line) => line.outcome !== 'CONFIRMED').map(({ lineId, sku, missing }) => ({ lineId, sku, missing }));
  if (shortfalls.length === 0) return [];
  const message = `not enough stock: ${shortfalls.map((s) => `line ${s.lineId} short ${s.missing.value} ${s.missing.uom}`).join('; ')}`;
  return [reject('ORDER.NOT_AVAILABLE', message, { shortfalls })];
}

/**
 * Records a shipment confirmation on a released order: updates the lines, and RECORD_SHIPMENT
 * moves the order to the state they imply. A shipment id already recorded is refused with ORDER.DUPLICATE_SHIPMENT,
 * which a handler may acknowledge as done.
 */
export function recordShipment(order: Order, shipment: Shipment, actor: Actor, at: Date): Result<Transitioned, Rejection[]> {
  if (order.shipmentIds.includes(shipment.shipmentId)) {
    return fail([reject('ORDER.DUPLICATE_SHIPMENT', `shipment ${shipment.shipmentId} is already recorded`, { shipmentId: shipment.shipmentId })]);
  }
  const applied = applyShipment(order.lines, shipment);
  if (!applied.ok) return applied;
  const reason = { code: 'ORDER.SHIPMENT_RECORDED', message: `shipment ${shipment.shipmentId} recorded` };
  const moved = transition({ ...order, lines: applied.value, shipmentIds: [...order.shipmentIds, shipment.shipmentId] }, 'RECORD_SHIPMENT', actor, at, reason);
  return moved.ok ? moved : fail([moved.error]);
}

export interface OrderCancelled extends Transitioned {
  /** True when the warehouse already had the order and must be told to stop. */
  afterRelease: boolean;
  /** Reservations inventory must release. */
  released: ReleasedReservation[];
}

/**
 * Cancels whatever has not shipped, before or after release. Shipped quantities stay on the lines;
 * the rest becomes cancelled and its reservation is released.
 */
export function cancelOrder(order: Order, actor: Actor, at: Date, reason: Reason): Result<OrderCancelled, Rejection<'ORDER.ILLEGAL_TRANSITION'>> {
  const { lines, released } = cancelRemaining(order.lines);
  const moved = transition({ ...order, lines }, 'CANCEL', actor, at, reason);
  return moved.ok ? ok({ ...moved.value, afterRelease: isReleased(order.status), released }) : moved;
}
