import type { Knex } from 'knex';

/** Notified on every statement that enqueues sync jobs, so idle workers start at once instead of at their next poll. */
export const SYNC_JOBS_NOTIFY_CHANNEL = 'erp_sync_job_enqueued';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function erp_sync_job_notify() returns trigger language plpgsql as $$
    begin perform pg_notify('${SYNC_JOBS_NOTIFY_CHANNEL}', ''); return null; end $$;
    create trigger erp_sync_job_enqueued after insert on erp_sync_job
      for each statement execute function erp_sync_job_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists erp_sync_job_enqueued on erp_sync_job;
    drop function if exists erp_sync_job_notify();
  `);
}
