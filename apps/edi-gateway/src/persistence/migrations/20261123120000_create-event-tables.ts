import { createEventTables, dropEventTables } from '@backbone/events';
import type { Knex } from 'knex';

/** The transactional outbox and the idempotent inbox this service publishes and consumes through. */
export async function up(knex: Knex): Promise<void> {
  await createEventTables(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropEventTables(knex);
}
