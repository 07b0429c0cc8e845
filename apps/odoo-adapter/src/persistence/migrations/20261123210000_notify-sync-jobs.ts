import { notifyTrigger } from '@backbone/service-kit';
import type { Knex } from 'knex';

/** Notified on every statement that enqueues sync jobs, so idle workers start at once instead of at their next poll. */
export const SYNC_JOBS_NOTIFY_CHANNEL = 'erp_sync_job_enqueued';

const trigger = notifyTrigger({ table: 'erp_sync_job', trigger: 'erp_sync_job_enqueued', fn: 'erp_sync_job_notify', channel: SYNC_JOBS_NOTIFY_CHANNEL });

export async function up(knex: Knex): Promise<void> {
  await knex.raw(trigger.create);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(trigger.drop);
}
