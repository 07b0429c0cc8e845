import { createExceptionTables, dropExceptionTables } from '@backbone/exceptions';
import type { Knex } from 'knex';

/** The business exception queue: stock movements and order events this service had to refuse. */
export async function up(knex: Knex): Promise<void> {
  await createExceptionTables(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropExceptionTables(knex);
}
