import { createExceptionTables, dropExceptionTables } from '@backbone/exceptions';
import type { Knex } from 'knex';

/** The business exception queue: writes Odoo refused for a reason a person must fix (unknown customer or SKU, validation). */
export async function up(knex: Knex): Promise<void> {
  await createExceptionTables(knex);
}

export async function down(knex: Knex): Promise<void> {
  await dropExceptionTables(knex);
}
