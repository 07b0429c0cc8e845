import type { Knex } from 'knex';

/** Built concurrently, outside a transaction: intake keeps writing keys while a large table is indexed. */
export const config = { transaction: false };

/**
 * Idempotency keys expire (IDEMPOTENCY_KEY_TTL_HOURS): the sweep finds the old ones by age. BRIN,
 * not B-tree: keys are inserted in time order, so a block range index answers "older than" for a
 * few pages and costs intake next to nothing to maintain.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index concurrently if not exists idempotency_key_by_age on idempotency_key using brin (created_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index concurrently if exists idempotency_key_by_age');
}
