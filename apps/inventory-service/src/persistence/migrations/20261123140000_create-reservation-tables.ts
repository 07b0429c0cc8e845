import type { Knex } from 'knex';

/** Sales channels' stock rules, the order demand seen on orders.order.v1, and what each order holds. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('channel', (table) => {
    table.text('channel').primary();
    table.specificType('location_ids', 'text[]').notNullable().comment('locations that serve the channel');
    table.text('preferred_location_id');
    table.text('reservation_policy').notNullable().defaultTo('ALLOW_PARTIAL').checkIn(['ALL_OR_NOTHING', 'ALLOW_PARTIAL']);
    table.text('buffer_kind').notNullable().defaultTo('ABSOLUTE').checkIn(['ABSOLUTE', 'PERCENTAGE']);
    table.specificType('buffer_value', 'numeric').notNullable().defaultTo(0);
    table.specificType('default_reorder_point', 'numeric');
    table.jsonb('reorder_points').notNullable().defaultTo('{}').comment('sku → reorder point in base units');
  });

  await knex.schema.createTable('order_demand', (table) => {
    table.text('order_id').primary();
    table.text('channel').notNullable();
    table.jsonb('lines').notNullable().comment('[{lineId, sku, quantity: {value, uom}}] as ordered');
    table.text('cause_event_id').notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('reservation', (table) => {
    table.text('order_id').primary();
    table.text('status').notNullable().checkIn(['CONFIRMED', 'PARTIAL', 'REJECTED', 'RELEASED']);
    table.jsonb('lines').notNullable().comment('LineReservation[]: requested and allocations per location, base units');
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['reservation', 'order_demand', 'channel']) await knex.schema.dropTableIfExists(table);
}
