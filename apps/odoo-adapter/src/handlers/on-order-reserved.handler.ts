import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderReserved } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** The order passed every gate: queue its sale order (created and confirmed in Odoo by the sync worker). */
@Controller()
export class OnOrderReserved {
  constructor(private readonly jobs: SyncJobsRepository) {}

  @OnEvent('backbone.orders.OrderReserved')
  handle(@Payload() event: OrderReserved, @Ctx() ctx: EventContext): void {
    enqueueSyncJob(this.jobs, ctx, 'sale-order', event.orderId, {});
  }
}
