import { Outbox } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { ErpSynced, ErpSyncFailed } from '@backbone/schemas';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Knex } from 'knex';
import { SyncRefusalCode, type Refusal } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';

export interface WrittenRecord {
  odooModel: string;
  odooIds: number[];
  externalId: string;
  odooName: string | null;
}

/** Settles a sync job and tells the backbone: ErpSynced, or ErpSyncFailed (+ an exception for a person when it needs one). */
@Injectable()
export class SyncOutcomes implements OnModuleInit {
  constructor(
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionQueue,
    private readonly jobs: SyncJobsRepository,
  ) {}

  /** Retrying a refusal from the exception queue runs its job again (after the fix in Odoo). */
  onModuleInit(): void {
    for (const code of Object.values(SyncRefusalCode)) {
      this.exceptions.registerRetryHandler(code, async (trx, exception) => {
        if (!(await this.jobs.requeue(trx, exception.details.jobId ?? ''))) throw new TypeError(`exception ${exception.id} names no failed sync job`);
      });
    }
  }

  /** Jobs written into Odoo: settled, and an ErpSynced each, in two statements for all of them. */
  async written(trx: Knex.Transaction, written: readonly { job: SyncJob; record: WrittenRecord }[]): Promise<void> {
    await this.jobs.finish(trx, written.map(({ job }) => job.id), 'DONE');
    await this.outbox.append(
      trx,
      written.map(({ job, record }) => {
        const payload: ErpSynced = { sourceEventId: job.sourceEventId, sourceEventType: job.sourceEventType, subjectId: job.subjectId, ...record };
        return { type: 'backbone.erp.ErpSynced', key: job.subjectId, payload, correlationId: job.correlationId, causationId: job.sourceEventId };
      }),
    );
  }

  /** Done without a write (nothing to do in Odoo, e.g. cancelling an order never written there): no event. */
  async skipped(trx: Knex.Transaction, job: SyncJob): Promise<void> {
    await this.jobs.finish(trx, [job.id], 'DONE');
  }

  /**
   * A write Odoo cannot take as it is (unknown customer or SKU, a validation): an open exception
   * for a person (retrying it runs the job again) and ErpSyncFailed, not retriable, never a dead letter.
   */
  async refused(trx: Knex.Transaction, job: SyncJob, refusal: Refusal, odooModel: string): Promise<void> {
    await this.jobs.finish(trx, [job.id], 'FAILED', `${refusal.code}: ${refusal.message}`);
    await this.exceptions.raise(trx, {
      code: refusal.code,
      message: refusal.message,
      subject: { type: job.kind, id: job.subjectId },
      details: { ...refusal.details, jobId: job.id },
      sourceEventId: job.sourceEventId,
      correlationId: job.correlationId,
    });
    await this.failed(trx, job, { odooModel, errorCode: refusal.code, message: refusal.message, retriable: false });
  }

  /** Odoo stayed unreachable for every try the job was allowed: published as retriable. */
  async gaveUp(trx: Knex.Transaction, job: SyncJob, odooModel: string, errorCode: string, message: string): Promise<void> {
    await this.jobs.finish(trx, [job.id], 'FAILED', `${errorCode}: ${message}`);
    await this.failed(trx, job, { odooModel, errorCode, message, retriable: true });
  }

  private async failed(trx: Knex.Transaction, job: SyncJob, failure: Pick<ErpSyncFailed, 'odooModel' | 'errorCode' | 'message' | 'retriable'>): Promise<void> {
    const payload: ErpSyncFailed = { sourceEventId: job.sourceEventId, sourceEventType: job.sourceEventType, subjectId: job.subjectId, ...failure };
    await this.outbox.append(trx, { type: 'backbone.erp.ErpSyncFailed', key: job.subjectId, payload, correlationId: job.correlationId, causationId: job.sourceEventId });
  }
}
