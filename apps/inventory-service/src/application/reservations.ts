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
  positionKey,
  type InventoryEvent,
  type LedgerEntry,
  type LineRequest,
  type ProductUnits,
  type Reservation,
  type ReservationDecision,
  type ReservationTrigger,
  type StockPosition,
} from '../domain';
import { ReservationsRepository, type ChannelStockRules, type HeldReservation, type OrderDemand } from '../persistence/reservations.repository';
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

  /** Records what the orders ask for, in one statement; an order recorded before keeps its first demand. */
  recordDemands(trx: Knex.Transaction, received: readonly { order: OrderReceived; cause: OrderEventCause }[]): Promise<void> {
    return ReservationsRepository.recordDemands(
      trx,
      received.map(({ order, cause }) => ({
        demand: { orderId: order.orderId, channel: order.channel, lines: order.lines.map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: line.quantity })) },
        causeEventId: cause.eventId,
        receivedAt: order.placedAt,
      })),
    );
  }

  /**
   * Reserves validated orders in the order given, each decided against the stock the earlier ones
   * left, with a fixed number of statements for all of them. Answers per order its status,
   * ALREADY_DECIDED for one reserved before, or the refusal (a DomainError, nothing written for that
   * order) for the caller to file as a business exception.
   */
  async reserveMany(trx: Knex.Transaction, requests: readonly ReserveRequest[]): Promise<(ReservationDecision['status'] | 'ALREADY_DECIDED' | DomainError)[]> {
    const orderIds = [...new Set(requests.map((request) => request.orderId))];
    const decided = await ReservationsRepository.lockReserved(trx, orderIds);
    const demands = await ReservationsRepository.demands(trx, orderIds);
    const rules = new Map<string, ChannelStockRules>();
    for (const channel of new Set([...demands.values()].map((demand) => demand.channel))) rules.set(channel, await ReservationsRepository.channelRules(trx, channel));
    const products = await StockRepository.products(trx, [...new Set([...demands.values()].flatMap((demand) => demand.lines.map((line) => line.sku)))]);
    const keysOf = (demand: OrderDemand) => demand.lines.flatMap((line) => rules.get(demand.channel)!.locationIds.map((locationId) => ({ sku: line.sku, locationId })));
    const stock = new Map(
      (await StockRepository.lockPositions(trx, [...demands.values()].flatMap(keysOf), { createMissing: false })).map((position) => [positionKey(position.sku, position.locationId), position]),
    );

    const recordedAt = new Date();
    const made: { decision: ReservationDecision; cause: OrderEventCause }[] = [];
    const outcomes = requests.map(({ orderId, cause, occurredAt }) => {
      if (decided.has(orderId)) return 'ALREADY_DECIDED' as const;
      const demand = demands.get(orderId);
      if (!demand) return new DomainError('INVENTORY.UNKNOWN_ORDER', `order ${orderId} was validated but its OrderReceived was never seen`, { orderId });
      const lines = inBaseUnits(products, demand.lines);
      if (lines instanceof DomainError) return lines;
      const rule = rules.get(demand.channel)!;
      const positions = keysOf(demand).flatMap((key) => stock.get(positionKey(key.sku, key.locationId)) ?? []);
      const decision = reserveOrder(
        { orderId, lines, policy: rule.reservationPolicy, locationIds: rule.locationIds, preferredLocationId: rule.preferredLocationId, trigger: trigger(cause), occurredAt },
        positions,
        recordedAt,
      );
      for (const position of decision.positions) stock.set(positionKey(position.sku, position.locationId), position);
      decided.add(orderId);
      made.push({ decision, cause });
      return decision.status;
    });
    if (made.length === 0) return outcomes;

    const changedKeys = new Set(made.flatMap(({ decision }) => decision.positions.map((position) => positionKey(position.sku, position.locationId))));
    const changed = [...changedKeys].map((key) => stock.get(key)!);
    await StockRepository.save(trx, { positions: changed, entries: made.flatMap(({ decision }) => decision.entries) });
    await AvailabilityRepository.markPending(trx, changed);
    await ReservationsRepository.saveReservations(trx, made.map(({ decision }) => ({ status: decision.status, reservation: decision.reservation })));
    await this.outbox.append(
      trx,
      made.flatMap(({ decision, cause }) => decision.events.map((event) => ({ ...toOutgoing(event), correlationId: cause.correlationId, causationId: cause.eventId }))),
    );
    return outcomes;
  }

  release(trx: Knex.Transaction, orderId: string, reason: Reason, cause: OrderEventCause, occurredAt: Date): Promise<boolean> {
    return this.releaseHeld(trx, orderId, reason, trigger(cause), occurredAt, { correlationId: cause.correlationId, causationId: cause.eventId });
  }

  /**
   * Releases what the orders still hold because no shipment or cancellation came within the TTL
   * (no event caused it), each against the stock the earlier ones left, with a fixed number of
   * statements for all of them. The caller has locked the reservations.
   */
  async expireMany(trx: Knex.Transaction, held: readonly HeldReservation[], reasonOf: (orderId: string) => Reason): Promise<void> {
    if (held.length === 0) return;
    const stock = new Map(
      (await StockRepository.lockPositions(trx, held.flatMap(({ reservation }) => allocatedPositions(reservation)))).map((position) => [positionKey(position.sku, position.locationId), position]),
    );
    const at = new Date();
    const expiry: ReservationTrigger = { eventId: null, sourceSystem: RESERVATION_EXPIRY_SOURCE };
    const changed = new Set<string>();
    const entries: LedgerEntry[] = [];
    const events: InventoryEvent[] = [];
    const released: HeldReservation[] = [];
    for (const { reservation } of held) {
      const keys = new Set(allocatedPositions(reservation).map((key) => positionKey(key.sku, key.locationId)));
      const outcome = releaseReservation({ reservation, reason: reasonOf(reservation.orderId), trigger: expiry, occurredAt: at }, [...keys].flatMap((key) => stock.get(key) ?? []), at);
      for (const position of outcome.positions) {
        const key = positionKey(position.sku, position.locationId);
        stock.set(key, position);
        changed.add(key);
      }
      entries.push(...outcome.entries);
      events.push(...outcome.events);
      released.push({ status: 'RELEASED', reservation: outcome.reservation });
    }
    const positions = [...changed].map((key) => stock.get(key) as StockPosition);
    await StockRepository.save(trx, { positions, entries });
    await AvailabilityRepository.markPending(trx, positions);
    await ReservationsRepository.saveReservations(trx, released);
    await this.outbox.append(trx, events.map(toOutgoing));
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
}

/** The source system of ledger entries an expiry writes. */
export const RESERVATION_EXPIRY_SOURCE = 'inventory-service';

/** One validated order to reserve, with the event that asked for it. */
export interface ReserveRequest {
  orderId: string;
  cause: OrderEventCause;
  occurredAt: Date;
}

/** Order quantities in each product's base unit; an unknown SKU or unit cannot be reserved. */
function inBaseUnits(products: ReadonlyMap<string, ProductUnits>, lines: readonly LineRequest[]): LineRequest[] | DomainError {
  const converted: LineRequest[] = [];
  for (const line of lines) {
    const product = products.get(line.sku);
    if (!product) return new DomainError('INVENTORY.UNKNOWN_SKU', `order line ${line.lineId} asks for unknown SKU "${line.sku}"`, { sku: line.sku });
    const quantity = toBaseUnits(product, line.quantity);
    if (quantity instanceof InventoryError) return asDomainError(quantity);
    converted.push({ ...line, quantity });
  }
  return converted;
}

function trigger(cause: OrderEventCause): ReservationTrigger {
  return { eventId: cause.eventId, sourceSystem: cause.source };
}

function allocatedPositions(reservation: Reservation) {
  return reservation.lines.flatMap((line) => line.allocations.map((allocation) => ({ sku: allocation.sku, locationId: allocation.locationId })));
}

function asDomainError(error: InventoryError): DomainError {
  return new DomainError(error.code, error.message, { ...error.details });
}
