import { OnEvent, type EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { OrderShipmentRecorded } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Reservations } from '../application/reservations';
import { raisingBusinessExceptions } from './business-exceptions';
import { causeOf } from './order-event-cause';
import { OrderEventBatch } from './order-event-batch';

/** A shipment consumes the reservation: reserved and on hand both drop by what left. */
@Controller()
export class OnOrderShipmentRecorded {
  constructor(
    private readonly reservations: Reservations,
    private readonly exceptions: ExceptionQueue,
    private readonly batch: OrderEventBatch,
  ) {}

  @OnEvent('backbone.orders.OrderShipmentRecorded')
  handle(@Payload() shipment: OrderShipmentRecorded, @Ctx() ctx: EventContext): void {
    const run = () => raisingBusinessExceptions(this.exceptions, ctx, { type: 'order', id: shipment.orderId }, () => this.reservations.consume(ctx.trx, shipment, causeOf(ctx)));
    this.batch.defer({ kind: 'run', ctx, orderId: shipment.orderId, skus: shipment.lines.map((line) => line.sku), run });
  }
}
