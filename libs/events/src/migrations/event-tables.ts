import type { Knex } from 'knex';

export const OUTBOX_TABLE = 'event_outbox';
export const INBOX_TABLE = 'event_inbox';
export const OUTBOX_CHANNEL = 'event_outbox';

/**
 * Outbox and inbox tables for a service database. Call from one of the service's own knex
 * migrations, so the tables live and evolve with the service's schema.
 */
export async function createEventTables(knex: Knex): Promise<void> {
  await knex.schema.createTable(OUTBOX_TABLE, (table) => {
    table.bigIncrements('id').primary();
    table.uuid('event_id').notNullable();
    table.text('topic').notNullable();
    table.text('partition_key').notNullable();
    table.text('event_type').notNullable();
    table.binary('value').notNullable().comment('Confluent wire format: magic byte, schema id, Avro body');
    table.jsonb('headers').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // One notification per inserting statement wakes the relay without per-row cost.
  await knex.raw(`
    create function ${OUTBOX_TABLE}_notify() returns trigger language plpgsql as $$
    begin perform pg_notify('${OUTBOX_CHANNEL}', ''); return null; end $$;
    create trigger ${OUTBOX_TABLE}_inserted after insert on ${OUTBOX_TABLE}
      for each statement execute function ${OUTBOX_TABLE}_notify();
  `);
  await knex.schema.createTable(INBOX_TABLE, (table) => {
    table.text('consumer_group').notNullable();
    table.uuid('event_id').notNullable();
    table.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['consumer_group', 'event_id']);
    table.index(['processed_at'], `${INBOX_TABLE}_processed_at_idx`);
  });
}

export async function dropEventTables(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(INBOX_TABLE);
  await knex.schema.dropTableIfExists(OUTBOX_TABLE);
  await knex.raw(`drop function if exists ${OUTBOX_TABLE}_notify()`);
}
