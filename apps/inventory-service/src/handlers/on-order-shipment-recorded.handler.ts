import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderShipmentRecorded } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Reservations } from '../application/reservations';
import { causeOf } from './order-event-cause';

/** A shipment consumes the reservation: reserved and on hand both drop by what left. */
@Controller()
export class OnOrderShipmentRecorded {
  constructor(private readonly reservations: Reservations) {}

  @OnEvent('backbone.orders.OrderShipmentRecorded')
  handle(@Payload() shipment: OrderShipmentRecorded, @Ctx() ctx: EventContext): Promise<void> {
    return this.reservations.consume(ctx.trx, shipment, causeOf(ctx));
  }
}
