import type { Knex } from 'knex';

/** Built concurrently, outside a transaction: deliveries keep being recorded while a large log is indexed. */
export const config = { transaction: false };

/** The delivery log's retention sweep finds delivered and cancelled deliveries by age. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index concurrently if not exists channel_delivery_settled_by_age on channel_delivery (updated_at) where status in ('DELIVERED', 'CANCELLED')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index concurrently if exists channel_delivery_settled_by_age');
}
