import { DomainError, Outbox, type EventCause } from '@backbone/events';
import type { OrderReceived, OrderShipmentRecorded, Reason } from '@backbone/schemas';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import {
  consumeReservation,
  InventoryError,
  releaseReservation,
  reserveOrder,
  toBaseUnits,
  type LineRequest,
  type Reservation,
  type ReservationDecision,
  type ReservationTrigger,
} from '../domain';
import { ReservationsRepository } from '../persistence/reservations.repository';
import { AvailabilityRepository } from '../persistence/availability.repository';
import { StockRepository } from '../persistence/stock.repository';
import { toOutgoing } from './outgoing-events';

/** What caused a reservation change: the consumed order event. */
export interface OrderEventCause extends EventCause {
  source: string;
}

/**
 * Reservations driven by the order lifecycle: demand recorded on OrderReceived, reserved on
 * OrderValidated, released on OrderCancelled, consumed on OrderShipmentRecorded. Each runs in the
 * handler's transaction, with the positions it touches locked in (sku, location) order, so
 * concurrent reservations of one SKU serialize and never promise the same stock twice.
 */
@Injectable()
export class Reservations {
  constructor(private readonly outbox: Outbox) {}

  recordDemand(trx: Knex.Transaction, order: OrderReceived, cause: OrderEventCause): Promise<void> {
    const lines = order.lines.map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: line.quantity }));
    return ReservationsRepository.recordDemand(trx, { orderId: order.orderId, channel: order.channel, lines }, cause.eventId, order.placedAt);
  }

  async reserve(trx: Knex.Transaction, orderId: string, cause: OrderEventCause, occurredAt: Date): Promise<ReservationDecision['status'] | 'ALREADY_DECIDED'> {
    if (await ReservationsRepository.lockReservation(trx, orderId)) return 'ALREADY_DECIDED';
    const demand = await ReservationsRepository.demand(trx, orderId);
    if (!demand) throw new DomainError('INVENTORY.UNKNOWN_ORDER', `order ${orderId} was validated but its OrderReceived was never seen`, { orderId });
    const rules = await ReservationsRepository.channelRules(trx, demand.channel);
    const lines = await this.inBaseUnits(trx, demand.lines);
    const positions = await StockRepository.lockPositions(
      trx,
      lines.flatMap((line) => rules.locationIds.map((locationId) => ({ sku: line.sku, locationId }))),
      { createMissing: false },
    );
    const decision = reserveOrder(
      { orderId, lines, policy: rules.reservationPolicy, locationIds: rules.locationIds, preferredLocationId: rules.preferredLocationId, trigger: trigger(cause), occurredAt },
      positions,
      new Date(),
    );
    await StockRepository.save(trx, decision);
    await AvailabilityRepository.markPending(trx, decision.positions);
    await ReservationsRepository.saveReservation(trx, decision.status, decision.reservation);
    await this.outbox.append(trx, decision.events.map((event) => ({ ...toOutgoing(event), correlationId: cause.correlationId, causationId: cause.eventId })));
    return decision.status;
  }

  release(trx: Knex.Transaction, orderId: string, reason: Reason, cause: OrderEventCause, occurredAt: Date): Promise<boolean> {
    return this.releaseHeld(trx, orderId, reason, trigger(cause), occurredAt, { correlationId: cause.correlationId, causationId: cause.eventId });
  }

  /** Releases what an order still holds because no shipment or cancellation came within the TTL; no event caused it. */
  expire(trx: Knex.Transaction, orderId: string, reason: Reason): Promise<boolean> {
    return this.releaseHeld(trx, orderId, reason, { eventId: null, sourceSystem: RESERVATION_EXPIRY_SOURCE }, new Date(), {});
  }

  private async releaseHeld(
    trx: Knex.Transaction,
    orderId: string,
    reason: Reason,
    by: ReservationTrigger,
    occurredAt: Date,
    headers: { correlationId?: string; causationId?: string },
  ): Promise<boolean> {
    const held = await ReservationsRepository.lockReservation(trx, orderId);
    if (!held || held.status === 'RELEASED' || held.status === 'REJECTED') return false;
    const positions = await StockRepository.lockPositions(trx, allocatedPositions(held.reservation));
    const outcome = releaseReservation({ reservation: held.reservation, reason, trigger: by, occurredAt }, positions, new Date());
    await StockRepository.save(trx, outcome);
    await AvailabilityRepository.markPending(trx, outcome.positions);
    await ReservationsRepository.saveReservation(trx, 'RELEASED', outcome.reservation);
    await this.outbox.append(trx, outcome.events.map((event) => ({ ...toOutgoing(event), ...headers })));
    return true;
  }

  async consume(trx: Knex.Transaction, shipment: OrderShipmentRecorded, cause: OrderEventCause): Promise<void> {
    const held = await ReservationsRepository.lockReservation(trx, shipment.orderId);
    if (!held) throw new DomainError('INVENTORY.NO_RESERVATION', `order ${shipment.orderId} shipped without a reservation here`, { orderId: shipment.orderId });
    const keys = allocatedPositions(held.reservation);
    const [positions, countMarks] = [await StockRepository.lockPositions(trx, keys), await StockRepository.countMarks(trx, keys)];
    const lines = shipment.lines.map((line) => ({ lineId: line.lineId, sku: line.sku, shipped: line.shipped }));
    const outcome = consumeReservation({ reservation: held.reservation, lines, trigger: trigger(cause), shippedAt: shipment.shippedAt }, { positions, countMarks }, new Date());
    if (outcome.outcome === 'REJECTED') throw asDomainError(outcome.error);
    await StockRepository.save(trx, outcome);
    await AvailabilityRepository.markPending(trx, outcome.positions);
    await ReservationsRepository.saveReservation(trx, held.status, outcome.reservation);
    await this.outbox.append(trx, outcome.events.map((event) => ({ ...toOutgoing(event), correlationId: cause.correlationId, causationId: cause.eventId })));
  }

  /** Order quantities in each product's base unit; an unknown SKU or unit cannot be reserved. */
  private async inBaseUnits(trx: Knex.Transaction, lines: readonly LineRequest[]): Promise<LineRequest[]> {
    const products = await StockRepository.products(trx, [...new Set(lines.map((line) => line.sku))]);
    return lines.map((line) => {
      const product = products.get(line.sku);
      if (!product) throw new DomainError('INVENTORY.UNKNOWN_SKU', `order line ${line.lineId} asks for unknown SKU "${line.sku}"`, { sku: line.sku });
      const quantity = toBaseUnits(product, line.quantity);
      if (quantity instanceof InventoryError) throw asDomainError(quantity);
      return { ...line, quantity };
    });
  }
}

/** The source system of ledger entries an expiry writes. */
export const RESERVATION_EXPIRY_SOURCE = 'inventory-service';

function trigger(cause: OrderEventCause): ReservationTrigger {
  return { eventId: cause.eventId, sourceSystem: cause.source };
}

function allocatedPositions(reservation: Reservation) {
  return reservation.lines.flatMap((line) => line.allocations.map((allocation) => ({ sku: allocation.sku, locationId: allocation.locationId })));
}

function asDomainError(error: InventoryError): DomainError {
  return new DomainError(error.code, error.message, { ...error.details });
}
