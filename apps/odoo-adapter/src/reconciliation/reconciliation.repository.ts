import type { Knex } from 'knex';
import type { ProjectedOrder } from '../domain/reconciliation/order-state-drift';
import type { OrderStatusChange } from '../domain/reconciliation/order-projection';

export type ReconciliationKind = 'STOCK' | 'ORDER_STATE';
export type RunStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ReconciliationRun {
  runId: string;
  kind: ReconciliationKind;
  status: RunStatus;
  trigger: 'SCHEDULE' | 'REQUEST';
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  checkedCount: number | null;
  driftCount: number | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface DriftLine {
  subjectId: string;
  locationId: string | null;
  odooValue: string | null;
  backboneValue: string | null;
  difference: string | null;
  message: string;
}

interface RunRow {
  run_id: string;
  kind: ReconciliationKind;
  status: RunStatus;
  trigger: 'SCHEDULE' | 'REQUEST';
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
  checked_count: number | null;
  drift_count: number | null;
  error_code: string | null;
  error_message: string | null;
}

const toRun = (row: RunRow): ReconciliationRun => ({
  runId: row.run_id,
  kind: row.kind,
  status: row.status,
  trigger: row.trigger,
  requestedBy: row.requested_by,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  checkedCount: row.checked_count,
  driftCount: row.drift_count,
  errorCode: row.error_code,
  errorMessage: row.error_message,
});

/** Runs, drift lines, the schedule and the order projection; each function works in the caller's transaction. */
export const ReconciliationRepository = {
  /** Inserts a RUNNING run, or answers the id of the one already running for the kind. */
  async insertRun(trx: Knex.Transaction, run: Pick<ReconciliationRun, 'runId' | 'kind' | 'trigger' | 'requestedBy' | 'startedAt'>): Promise<{ created: boolean; runId: string }> {
    const { rows: inserted } = await trx.raw<{ rows: unknown[] }>(
      `insert into reconciliation_run (run_id, kind, status, trigger, requested_by, started_at) values (?, ?, 'RUNNING', ?, ?, ?)
       on conflict (kind) where status = 'RUNNING' do nothing returning run_id`,
      [run.runId, run.kind, run.trigger, run.requestedBy, run.startedAt],
    );
    if (inserted.length) return { created: true, runId: run.runId };
    const running = await trx('reconciliation_run').where({ kind: run.kind, status: 'RUNNING' }).first<{ run_id: string }>('run_id');
    return { created: false, runId: running.run_id };
  },

  /** Marks runs left RUNNING since before `startedBefore` (their replica died) as FAILED. */
  async failAbandoned(trx: Knex.Transaction | Knex, kind: ReconciliationKind, startedBefore: Date, now: Date): Promise<void> {
    await trx('reconciliation_run')
      .where({ kind, status: 'RUNNING' })
      .andWhere('started_at', '<', startedBefore)
      .update({ status: 'FAILED', finished_at: now, error_code: 'RECONCILIATION.ABANDONED', error_message: 'the run did not finish within RECONCILIATION_RUN_TIMEOUT_MS' });
  },

  async complete(trx: Knex.Transaction, runId: string, result: { finishedAt: Date; checkedCount: number; drifts: readonly DriftLine[] }): Promise<void> {
    if (result.drifts.length) {
      await trx('reconciliation_drift').insert(
        result.drifts.map((drift) => ({ run_id: runId, subject_id: drift.subjectId, location_id: drift.locationId, odoo_value: drift.odooValue, backbone_value: drift.backboneValue, difference: drift.difference, message: drift.message })),
      );
    }
    await trx('reconciliation_run').where({ run_id: runId }).update({ status: 'COMPLETED', finished_at: result.finishedAt, checked_count: result.checkedCount, drift_count: result.drifts.length });
  },

  async fail(db: Knex, runId: string, finishedAt: Date, error: { code: string; message: string }): Promise<void> {
    await db('reconciliation_run').where({ run_id: runId, status: 'RUNNING' }).update({ status: 'FAILED', finished_at: finishedAt, error_code: error.code, error_message: error.message });
  },

  async get(db: Knex, runId: string): Promise<{ run: ReconciliationRun; drifts: DriftLine[] } | undefined> {
    const row = await db('reconciliation_run').where({ run_id: runId }).first<RunRow | undefined>();
    if (!row) return undefined;
    const drifts = await db('reconciliation_drift').where({ run_id: runId }).orderBy('subject_id');
    return {
      run: toRun(row),
      drifts: drifts.map((drift) => ({ subjectId: drift.subject_id, locationId: drift.location_id, odooValue: drift.odoo_value, backboneValue: drift.backbone_value, difference: drift.difference, message: drift.message })),
    };
  },

  /** Newest first; `before` is the cursor (a run id) of the previous page's last run. */
  async list(db: Knex, filter: { kind?: ReconciliationKind; before?: string; limit: number }): Promise<ReconciliationRun[]> {
    const query = db('reconciliation_run').orderBy([{ column: 'started_at', order: 'desc' }, { column: 'run_id', order: 'desc' }]).limit(filter.limit);
    if (filter.kind) query.where({ kind: filter.kind });
    if (filter.before) {
      query.whereRaw('(started_at, run_id) < (select started_at, run_id from reconciliation_run where run_id = ?)', [filter.before]);
    }
    return (await query).map(toRun);
  },

  /** Subjects that drifted in the latest completed run of the kind before this one. */
  async previousDriftSubjects(trx: Knex.Transaction, kind: ReconciliationKind, runId: string): Promise<string[]> {
    const previous = await trx('reconciliation_run').where({ kind, status: 'COMPLETED' }).whereNot({ run_id: runId }).orderBy('started_at', 'desc').first<{ run_id: string } | undefined>('run_id');
    if (!previous) return [];
    return (await trx('reconciliation_drift').where({ run_id: previous.run_id }).pluck('subject_id')) as string[];
  },

  /**
   * Claims the scheduled run of `kind` when it is due, moving the next one `intervalMs` ahead:
   * one replica wins each interval.
   */
  async claimScheduled(db: Knex, kind: ReconciliationKind, intervalMs: number): Promise<boolean> {
    const { rows } = await db.raw<{ rows: unknown[] }>(
      `insert into reconciliation_schedule (kind, next_run_at) values (?, now() + ? * interval '1 millisecond')
       on conflict (kind) do update set next_run_at = excluded.next_run_at where reconciliation_schedule.next_run_at <= now()
       returning kind`,
      [kind, intervalMs],
    );
    return rows.length > 0;
  },

  async projectOrder(trx: Knex.Transaction, change: OrderStatusChange, at: Date): Promise<void> {
    const row = { order_id: change.orderId, status: change.status, erp_order_id: change.erpOrderId ?? null, updated_at: at };
    await trx('order_status_projection')
      .insert(row)
      .onConflict('order_id')
      .merge({ status: row.status, updated_at: row.updated_at, erp_order_id: trx.raw('coalesce(excluded.erp_order_id, order_status_projection.erp_order_id)') });
  },

  /** Orders whose status last changed between `from` and `until`. */
  async projectedOrders(db: Knex, from: Date, until: Date): Promise<ProjectedOrder[]> {
    const rows = await db('order_status_projection').where('updated_at', '>=', from).andWhere('updated_at', '<', until).orderBy('order_id');
    return rows.map((row) => ({ orderId: row.order_id, status: row.status, erpOrderId: row.erp_order_id }));
  },
};
