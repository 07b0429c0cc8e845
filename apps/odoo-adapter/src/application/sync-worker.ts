import { contextFromHeaders, EventHeader, errorCode } from '@backbone/events';
import { DATABASE, NotificationListener, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ROOT_CONTEXT, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import type { Knex } from 'knex';
import type { OdooAdapterConfig } from '../config/odoo-adapter.config';
import { SyncRefusalCode } from '../domain/erp-writes/sale-order-mapping';
import { retryDelayMs, type SyncJob } from '../domain/erp-writes/sync-job';
import { OdooError } from '../odoo/odoo-error';
import { SYNC_JOBS_NOTIFY_CHANNEL } from '../persistence/migrations/20261123210000_notify-sync-jobs';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { SYNC_EXECUTORS, type SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';

const tracer = trace.getTracer('@backbone/odoo-adapter');

/**
 * Writes queued jobs into Odoo, a batch per transaction: claim due jobs (SKIP LOCKED, so replicas
 * share the queue), run each kind's executor, settle or reschedule, commit with the outbox events.
 * Kafka consumption never waits on Odoo, so an outage delays writes but dead-letters nothing.
 */
@Injectable()
export class SyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncWorker.name);
  private readonly executors: Map<string, SyncExecutor>;
  private running: Array<Promise<void>> = [];
  private stopping = false;
  /** The wake-up of each loop waiting for work. */
  private readonly sleeping = new Set<() => void>();
  private listener?: NotificationListener;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: OdooAdapterConfig,
    @Inject(SYNC_EXECUTORS) executors: SyncExecutor[],
    private readonly jobs: SyncJobsRepository,
    private readonly outcomes: SyncOutcomes,
  ) {
    this.executors = new Map(executors.map((executor) => [executor.kind, executor]));
  }

  async onApplicationBootstrap(): Promise<void> {
    // Enqueued jobs wake the idle loops at once; the poll covers a lost listener and retries that come due.
    this.listener = new NotificationListener({
      connectionString: this.config.DATABASE_URL,
      channel: SYNC_JOBS_NOTIFY_CHANNEL,
      applicationName: 'erp-sync-worker',
      onNotification: () => this.wakeAll(),
      onProblem: (message) => this.logger.warn(`${message}; polling every ${this.config.SYNC_IDLE_POLL_MS} ms meanwhile`),
    });
    await this.listener.start();
    this.running = Array.from({ length: this.config.SYNC_CONCURRENCY }, () => this.loop());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    await Promise.all(this.running);
    await this.listener?.stop();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.logger.error(`sync pass failed: ${(error as Error).message}`);
      }
      if (claimed < this.config.SYNC_BATCH_SIZE) await this.idle();
    }
  }

  /** One batch: answers how many jobs it claimed. */
  async runOnce(): Promise<number> {
    return this.db.transaction(async (trx) => {
      const claimed = await this.jobs.claimDue(trx, this.config.SYNC_BATCH_SIZE);
      const byKind = Map.groupBy(claimed, (job) => job.kind);
      for (const [kind, jobs] of byKind) await this.traced(kind, jobs, () => this.runKind(trx, this.executors.get(kind)!, jobs));
      return claimed.length;
    });
  }

  /**
   * One span per batch and kind, around its Odoo calls: the child of the asking event's trace when
   * the batch has one job, else linked to each job's trace.
   */
  private traced(kind: string, jobs: SyncJob[], work: () => Promise<void>): Promise<void> {
    const contexts = jobs.filter((job) => job.traceParent).map((job) => contextFromHeaders({ [EventHeader.traceparent]: job.traceParent! }));
    const parent = jobs.length === 1 && contexts.length === 1 ? contexts[0]! : ROOT_CONTEXT;
    const links: Link[] = parent === ROOT_CONTEXT ? contexts.flatMap((context) => trace.getSpanContext(context) ?? []).map((spanContext) => ({ context: spanContext })) : [];
    const attributes = { 'erp.sync.kind': kind, 'erp.sync.jobs': jobs.length, 'backbone.correlation_id': jobs[0]!.correlationId };
    return tracer.startActiveSpan(`erp sync ${kind}`, { attributes, links }, parent, async (span) => {
      try {
        await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async runKind(trx: Knex.Transaction, executor: SyncExecutor, jobs: SyncJob[]): Promise<void> {
    try {
      await executor.run(trx, jobs);
    } catch (error) {
      const code = errorCode(error);
      const message = (error as Error).message;
      if (error instanceof OdooError && !error.retriable) return this.refuseUnsettled(trx, executor, jobs, error);
      const attempts = Math.max(...jobs.map((job) => job.attempts)) + 1;
      const exhausted = jobs.filter((job) => job.attempts + 1 >= this.config.SYNC_MAX_ATTEMPTS);
      const pending = new Set(await this.jobs.stillPending(trx, exhausted.map((job) => job.id)));
      for (const job of exhausted) if (pending.has(job.id)) await this.outcomes.gaveUp(trx, job, executor.odooModel, code, message);
      await this.jobs.reschedule(trx, jobs.map((job) => job.id), retryDelayMs(attempts, this.config.SYNC_RETRY_MAX_DELAY_MS), `${code}: ${message}`);
      this.logger.warn({ msg: 'Odoo write postponed', kind: executor.kind, jobs: jobs.length, code, error: message, attempts, correlation_id: jobs[0]!.correlationId });
    }
  }

  /** Odoo refused the batch for a reason trying again cannot fix: each unsettled job goes to the exception queue. */
  private async refuseUnsettled(trx: Knex.Transaction, executor: SyncExecutor, jobs: SyncJob[], error: OdooError): Promise<void> {
    const pending = new Set(await this.jobs.stillPending(trx, jobs.map((job) => job.id)));
    const refusal = { code: SyncRefusalCode.rejectedByOdoo, message: `Odoo refused the write: ${error.message}`, details: { odooCode: error.code } };
    for (const job of jobs) if (pending.has(job.id)) await this.outcomes.refused(trx, job, { ...refusal, details: { ...refusal.details, subjectId: job.subjectId } }, executor.odooModel);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeping.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.config.SYNC_IDLE_POLL_MS);
      this.sleeping.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleeping]) wake();
  }
}
