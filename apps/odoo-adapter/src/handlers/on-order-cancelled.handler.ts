import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderCancelled } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** Queues the cancellation of the order's sale order (after its creation, if that is still queued). */
@Controller()
export class OnOrderCancelled {
  constructor(private readonly jobs: SyncJobsRepository) {}

  @OnEvent('backbone.orders.OrderCancelled')
  handle(@Payload() event: OrderCancelled, @Ctx() ctx: EventContext): void {
    enqueueSyncJob(this.jobs, ctx, 'sale-order-cancel', event.orderId, { reason: event.reason.code });
  }
}
