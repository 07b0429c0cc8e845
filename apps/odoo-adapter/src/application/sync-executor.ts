import type { Knex } from 'knex';
import type { SyncJob, SyncJobKind } from '../domain/erp-writes/sync-job';

/**
 * Makes one kind of Odoo write for a batch of jobs. It settles each job it can (SyncOutcomes) and
 * throws on a transient Odoo error (unreachable, timeout…): the worker then puts the unsettled
 * jobs back, and the next run looks up what the failed call may have written before writing again.
 */
export interface SyncExecutor {
  readonly kind: SyncJobKind;
  readonly odooModel: string;
  run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void>;
}

export const SYNC_EXECUTORS = Symbol('SYNC_EXECUTORS');
