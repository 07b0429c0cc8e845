import type { Knex } from 'knex';

/**
 * erp_order: the adapter's projection of OrderReceived (the canonical order it will write) and
 * where its sale order stands in Odoo. erp_sync_job: writes to make in Odoo, one per handled
 * event, done by the sync worker in batches; an Odoo outage leaves them pending, never lost.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('erp_order', (table) => {
    table.text('order_id').primary();
    table.text('customer_id').notNullable();
    table.jsonb('payload').notNullable();
    table.integer('odoo_id');
    table.text('odoo_name');
    table.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('synced_at', { useTz: true });
  });
  await knex.schema.createTable('erp_sync_job', (table) => {
    table.bigIncrements('id');
    table.text('kind').notNullable();
    table.smallint('priority').notNullable();
    table.text('subject_id').notNullable();
    table.jsonb('payload').notNullable();
    table.text('source_event_id').notNullable();
    table.text('source_event_type').notNullable();
    table.text('correlation_id').notNullable();
    /** W3C traceparent of the event that asked for the write: the write's span links to it. */
    table.text('trace_parent');
    table.text('status').notNullable().defaultTo('PENDING');
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.text('last_error');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('finished_at', { useTz: true });
    // A redelivered or replayed event adds no second job.
    table.unique(['kind', 'source_event_id']);
  });
  await knex.raw(`ALTER TABLE erp_sync_job ADD CONSTRAINT erp_sync_job_status_check CHECK (status IN ('PENDING', 'DONE', 'FAILED'))`);
  await knex.raw(`CREATE INDEX erp_sync_job_due ON erp_sync_job (priority, next_attempt_at, id) WHERE status = 'PENDING'`);
  await knex.raw(`CREATE INDEX erp_sync_job_pending_subject ON erp_sync_job (subject_id, id) WHERE status = 'PENDING'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('erp_sync_job');
  await knex.schema.dropTable('erp_order');
}
