import { OnEvent, type EventContext } from '@backbone/events';
import type { RmaReceived } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { ReturnReceiptPayload } from '../application/sync-return-receipts';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** Returned goods arrived: queue the return of the order's delivery in Odoo with the received quantities. */
@Controller()
export class OnRmaReceived {
  constructor(private readonly jobs: SyncJobsRepository) {}

  @OnEvent('backbone.returns.RmaReceived')
  handle(@Payload() event: RmaReceived, @Ctx() ctx: EventContext): void {
    const payload: ReturnReceiptPayload = { rmaId: event.rmaId, orderId: event.orderId, lines: event.lines.map((line) => ({ sku: line.sku, quantity: Number(line.quantity.value) })) };
    enqueueSyncJob(this.jobs, ctx, 'return-receipt', event.rmaId, payload);
  }
}
