import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderShipmentRecorded } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DeliveryPayload } from '../application/sync-deliveries';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** Queues the validation of the order's delivery in Odoo with what this shipment carried. */
@Controller()
export class OnOrderShipmentRecorded {
  constructor(private readonly jobs: SyncJobsRepository) {}

  @OnEvent('backbone.orders.OrderShipmentRecorded')
  handle(@Payload() event: OrderShipmentRecorded, @Ctx() ctx: EventContext): void {
    const payload: DeliveryPayload = {
      shipmentId: event.shipmentId,
      lines: event.lines.map((line) => ({ sku: line.sku, shipped: Number(line.shipped.value), backordered: Number(line.backordered.value) })),
    };
    enqueueSyncJob(this.jobs, ctx, 'delivery', event.orderId, payload);
  }
}
