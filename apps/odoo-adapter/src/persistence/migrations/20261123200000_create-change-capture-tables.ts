import type { Knex } from 'knex';

/**
 * Change capture from Odoo: per polled model, the latest write_date captured (the watermark a
 * pass starts from, minus the overlap), and the record versions captured within the overlap, so
 * an overlapped re-read publishes nothing twice. Both change in the transaction that appends the
 * events to the outbox.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('change_capture_checkpoint', (table) => {
    table.text('model').primary();
    table.timestamp('watermark', { useTz: true }).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('change_capture_seen', (table) => {
    table.text('model').notNullable();
    table.integer('record_id').notNullable();
    table.timestamp('write_date', { useTz: true }).notNullable();
    table.text('fingerprint').notNullable();
    table.primary(['model', 'record_id', 'write_date', 'fingerprint']);
    table.index(['model', 'write_date'], 'change_capture_seen_prune');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('change_capture_seen');
  await knex.schema.dropTable('change_capture_checkpoint');
}
