import { createEventTables, dropEventTables } from '@backbone/events';
import type { Knex } from 'knex';
import { createExceptionTables, dropExceptionTables } from '../../persistence/exception-tables';

/** What a service's own migration does (tests only; services import from @backbone/exceptions). */
export async function up(knex: Knex): Promise<void> {
  await createEventTables(knex);
  await createExceptionTables(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropExceptionTables(knex);
  await dropEventTables(knex);
}
