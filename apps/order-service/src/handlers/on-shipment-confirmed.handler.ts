import { OnEvent, type EventContext } from '@backbone/events';
import type { ShipmentConfirmed } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { RecordShipment } from '../application/record-shipment';
import { causeOf } from './event-cause';

/** Warehouse shipment confirmations from fulfilment.shipment.v1 (the same use case as the webhook). */
@Controller()
export class OnShipmentConfirmed {
  constructor(private readonly shipments: RecordShipment) {}

  @OnEvent('backbone.fulfilment.ShipmentConfirmed')
  async handle(@Payload() shipment: ShipmentConfirmed, @Ctx() ctx: EventContext): Promise<void> {
    await this.shipments.execute(shipment, causeOf(ctx), ctx.trx);
  }
}
