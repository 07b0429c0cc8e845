import type { Knex } from 'knex';

/** The expiry sweep looks for reservations that still hold stock, oldest change first. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index reservation_held_updated_at_idx on reservation (updated_at) where status in ('CONFIRMED', 'PARTIAL')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists reservation_held_updated_at_idx');
}
