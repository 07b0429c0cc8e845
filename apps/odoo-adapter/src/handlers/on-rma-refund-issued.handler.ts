import { OnEvent, type EventContext } from '@backbone/events';
import type { RmaRefundIssued } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CreditNotePayload } from '../application/sync-credit-notes';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { enqueueSyncJob } from './enqueue-sync-job';

/** The customer was refunded: queue a posted credit note in Odoo for the amount. */
@Controller()
export class OnRmaRefundIssued {
  constructor(private readonly jobs: SyncJobsRepository) {}

  @OnEvent('backbone.returns.RmaRefundIssued')
  handle(@Payload() event: RmaRefundIssued, @Ctx() ctx: EventContext): void {
    const payload: CreditNotePayload = { rmaId: event.rmaId, orderId: event.orderId, refundId: event.refundId, amount: Number(event.amount.amount), currency: event.amount.currency };
    enqueueSyncJob(this.jobs, ctx, 'credit-note', event.rmaId, payload);
  }
}
