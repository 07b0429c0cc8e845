import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { SYNC_JOB_PRIORITY, type SyncJob, type SyncJobKind } from '../domain/erp-writes/sync-job';

export type NewSyncJob = Omit<SyncJob, 'id' | 'attempts'>;

/** erp_sync_job: Odoo writes waiting for the sync worker, claimed with SKIP LOCKED so replicas share them. */
@Injectable()
export class SyncJobsRepository {
  /** One job per (kind, source event): a redelivered or replayed event adds none. */
  async enqueue(trx: Knex.Transaction, jobs: NewSyncJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const rows = jobs.map((job) => ({
      kind: job.kind,
      priority: SYNC_JOB_PRIORITY[job.kind],
      subject_id: job.subjectId,
      payload: JSON.stringify(job.payload),
      source_event_id: job.sourceEventId,
      source_event_type: job.sourceEventType,
      correlation_id: job.correlationId,
      trace_parent: job.traceParent,
    }));
    await trx('erp_sync_job').insert(rows).onConflict(['kind', 'source_event_id']).ignore();
  }

  /**
   * Locks up to `limit` due jobs, most urgent kind first. A job waits while an earlier job for the
   * same subject is pending (an order's cancellation never overtakes its creation).
   */
  async claimDue(trx: Knex.Transaction, limit: number): Promise<SyncJob[]> {
    const { rows } = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
      `SELECT id, kind, subject_id, payload, source_event_id, source_event_type, correlation_id, trace_parent, attempts
         FROM erp_sync_job j
        WHERE status = 'PENDING' AND next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM erp_sync_job e WHERE e.subject_id = j.subject_id AND e.status = 'PENDING' AND e.id < j.id)
        ORDER BY priority, id
        LIMIT ?
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      kind: row.kind as SyncJobKind,
      subjectId: row.subject_id as string,
      payload: row.payload as Record<string, unknown>,
      sourceEventId: row.source_event_id as string,
      sourceEventType: row.source_event_type as string,
      correlationId: row.correlation_id as string,
      traceParent: row.trace_parent as string | null,
      attempts: row.attempts as number,
    }));
  }

  async finish(trx: Knex.Transaction, jobIds: readonly string[], status: 'DONE' | 'FAILED', error?: string): Promise<void> {
    if (jobIds.length === 0) return;
    await trx('erp_sync_job').whereIn('id', jobIds).update({ status, last_error: error ?? null, finished_at: trx.fn.now(), attempts: trx.raw('attempts + 1') });
  }

  /** Puts back the claimed jobs nothing settled, to try again after `delayMs`. */
  async reschedule(trx: Knex.Transaction, jobIds: string[], delayMs: number, error: string): Promise<void> {
    await trx('erp_sync_job')
      .whereIn('id', jobIds)
      .andWhere({ status: 'PENDING' })
      .update({ attempts: trx.raw('attempts + 1'), next_attempt_at: trx.raw(`now() + make_interval(secs => ?)`, [delayMs / 1000]), last_error: error });
  }

  /** Replaces the jobs' payloads, in one statement. */
  async updatePayloads(trx: Knex.Transaction, updates: readonly { jobId: string; payload: Record<string, unknown> }[]): Promise<void> {
    if (updates.length === 0) return;
    await trx.raw(`update erp_sync_job j set payload = u.payload from jsonb_to_recordset(cast(? as jsonb)) as u(id bigint, payload jsonb) where j.id = u.id`, [
      JSON.stringify(updates.map(({ jobId, payload }) => ({ id: jobId, payload }))),
    ]);
  }

  async stillPending(trx: Knex.Transaction, jobIds: string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    return (await trx('erp_sync_job').whereIn('id', jobIds).andWhere({ status: 'PENDING' }).pluck('id')).map(String);
  }

  /** An operator's retry from the exception queue: the job runs again at once. */
  async requeue(trx: Knex.Transaction, jobId: string): Promise<boolean> {
    const updated = await trx('erp_sync_job').where({ id: jobId, status: 'FAILED' }).update({ status: 'PENDING', next_attempt_at: trx.fn.now(), finished_at: null });
    return updated > 0;
  }
}
