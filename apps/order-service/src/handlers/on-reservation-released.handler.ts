import { OnEvent, type EventContext } from '@backbone/events';
import type { ReservationReleased } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReservationOutcomes } from '../application/reservation-outcomes';
import { causeOf } from './event-cause';

/** Inventory gave an order's stock back: expected after a cancellation, an exception otherwise. */
@Controller()
export class OnReservationReleased {
  constructor(private readonly reservations: ReservationOutcomes) {}

  @OnEvent('backbone.inventory.ReservationReleased')
  handle(@Payload() released: ReservationReleased, @Ctx() ctx: EventContext): void {
    this.reservations.defer(ctx, { kind: 'released', orderId: released.orderId, reason: released.reason, cause: causeOf(ctx) });
  }
}
