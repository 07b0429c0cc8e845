import type { Knex } from 'knex';

/**
 * Channel availability publication: a stock change marks (channel, sku) pending in its own
 * transaction; the publisher turns pending marks into at most one event per interval, comparing
 * with what it last published.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('availability_pending', (table) => {
    table.text('channel').notNullable();
    table.text('sku').notNullable();
    table.timestamp('marked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['channel', 'sku']);
  });
  await knex.schema.createTable('availability_published', (table) => {
    table.text('channel').notNullable();
    table.text('sku').notNullable();
    table.specificType('available', 'numeric').notNullable();
    table.timestamp('published_at', { useTz: true }).notNullable();
    table.primary(['channel', 'sku']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('availability_published');
  await knex.schema.dropTableIfExists('availability_pending');
}
