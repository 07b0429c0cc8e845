import type { Knex } from 'knex';

/**
 * Reconciliation: the adapter's projection of order status (from orders.order.v1), the runs with
 * their drift lines (the report API), and the schedule replicas claim runs from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('order_status_projection', (table) => {
    table.text('order_id').primary();
    table.text('status').notNullable();
    table.integer('erp_order_id').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['updated_at'], 'order_status_projection_updated');
  });
  await knex.schema.createTable('reconciliation_run', (table) => {
    table.uuid('run_id').primary();
    table.text('kind').notNullable();
    table.text('status').notNullable();
    table.text('trigger').notNullable();
    table.text('requested_by').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('checked_count').nullable();
    table.integer('drift_count').nullable();
    table.text('error_code').nullable();
    table.text('error_message').nullable();
    table.index(['started_at', 'run_id'], 'reconciliation_run_recent');
  });
  await knex.raw(`alter table reconciliation_run add constraint reconciliation_run_status check (status in ('RUNNING', 'COMPLETED', 'FAILED'))`);
  // One run per kind at a time, whichever replica or request started it.
  await knex.raw(`create unique index reconciliation_run_one_running on reconciliation_run (kind) where status = 'RUNNING'`);
  await knex.schema.createTable('reconciliation_drift', (table) => {
    table.uuid('run_id').notNullable().references('run_id').inTable('reconciliation_run').onDelete('CASCADE');
    table.text('subject_id').notNullable();
    table.text('location_id').nullable();
    table.text('odoo_value').nullable();
    table.text('backbone_value').nullable();
    table.text('difference').nullable();
    table.text('message').notNullable();
    table.primary(['run_id', 'subject_id']);
  });
  await knex.schema.createTable('reconciliation_schedule', (table) => {
    table.text('kind').primary();
    table.timestamp('next_run_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reconciliation_schedule');
  await knex.schema.dropTable('reconciliation_drift');
  await knex.schema.dropTable('reconciliation_run');
  await knex.schema.dropTable('order_status_projection');
}
