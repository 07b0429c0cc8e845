import { OnEvent, type EventContext } from '@backbone/events';
import type { ReservationConfirmed, ReservationPartial, ReservationRejected } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReservationOutcomes } from '../application/reservation-outcomes';
import { causeOf, sourceActor } from './event-cause';

/** The inventory-service's reservation decision for a validated order (the availability gate). */
@Controller()
export class OnReservationDecided {
  constructor(private readonly reservations: ReservationOutcomes) {}

  @OnEvent(['backbone.inventory.ReservationConfirmed', 'backbone.inventory.ReservationPartial', 'backbone.inventory.ReservationRejected'])
  handle(@Payload() reservation: ReservationConfirmed | ReservationPartial | ReservationRejected, @Ctx() ctx: EventContext): void {
    this.reservations.defer(ctx, {
      kind: 'decided',
      orderId: reservation.orderId,
      lines: reservation.lines,
      actor: sourceActor(ctx, 'system'),
      cause: causeOf(ctx),
      // Why inventory reserved nothing (ReservationRejected), kept with the exception.
      inventoryReason: 'reason' in reservation ? reservation.reason : undefined,
    });
  }
}
