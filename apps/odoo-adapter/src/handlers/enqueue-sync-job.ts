import { EventHeader, type EventContext } from '@backbone/events';
import type { SyncJobKind } from '../domain/erp-writes/sync-job';
import type { NewSyncJob, SyncJobsRepository } from '../persistence/sync-jobs.repository';

/** Queues the Odoo write an event asks for; the jobs of a whole fetched batch go in with one insert. */
export function enqueueSyncJob(jobs: SyncJobsRepository, ctx: EventContext, kind: SyncJobKind, subjectId: string, payload: Record<string, unknown>): void {
  const job: NewSyncJob = {
    kind,
    subjectId,
    payload,
    sourceEventId: ctx.eventId,
    sourceEventType: ctx.eventType,
    correlationId: ctx.correlationId,
    traceParent: ctx.headers[EventHeader.traceparent] || null,
  };
  ctx.batch.collect<NewSyncJob>('erp-sync-jobs', job, (batch) => jobs.enqueue(ctx.trx, batch));
}
