import type { Knex } from 'knex';

/**
 * The stock ledger. Quantities are `numeric` (exact decimals, no scale imposed) in the product's
 * base unit; balances per SKU × location are the figures the ledger entries produced.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('product', (table) => {
    table.text('sku').primary();
    table.text('base_unit').notNullable();
    table.jsonb('base_per_unit').notNullable().defaultTo('{}').comment('unit name → base units per unit, decimal strings');
    table.boolean('active').notNullable().defaultTo(true);
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('location', (table) => {
    table.text('location_id').primary();
    table.text('kind').notNullable().checkIn(['WAREHOUSE', 'THREE_PL', 'IN_TRANSIT']);
    table.text('on_hand_authority').notNullable().checkIn(['WMS', 'ODOO']);
    table.boolean('allow_negative_on_hand').notNullable().defaultTo(false);
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('stock_position', (table) => {
    table.text('sku').notNullable();
    table.text('location_id').notNullable().references('location_id').inTable('location');
    for (const figure of ['on_hand', 'reserved', 'in_transit', 'quarantined', 'damaged']) {
      table.specificType(figure, 'numeric').notNullable().defaultTo(0);
    }
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['sku', 'location_id']);
  });

  await knex.schema.createTable('count_mark', (table) => {
    table.text('sku').notNullable();
    table.text('location_id').notNullable();
    table.text('quantity_type').notNullable();
    table.text('source_system').notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.bigInteger('sequence');
    table.primary(['sku', 'location_id', 'quantity_type']);
  });

  await knex.schema.createTable('ledger_entry', (table) => {
    table.bigIncrements('id').primary();
    table.text('sku').notNullable();
    table.text('location_id').notNullable();
    table.text('quantity_type').notNullable();
    table.text('change_kind').notNullable().checkIn(['DELTA', 'ABSOLUTE']);
    table.specificType('quantity', 'numeric').notNullable();
    table.text('unit').notNullable();
    table.specificType('reported_quantity', 'numeric').notNullable();
    table.text('reported_unit').notNullable();
    table.text('cause_event_id');
    table.text('source_system').notNullable();
    table.text('reason_code').notNullable();
    table.bigInteger('sequence');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.text('status').notNullable().checkIn(['APPLIED', 'SUPERSEDED', 'STALE', 'NOT_AUTHORITATIVE']);
    table.specificType('balance_after', 'numeric').notNullable();
    table.index(['sku', 'location_id', 'occurred_at'], 'ledger_entry_position_time_idx');
    table.index(['source_system', 'cause_event_id'], 'ledger_entry_cause_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['ledger_entry', 'count_mark', 'stock_position', 'location', 'product']) await knex.schema.dropTableIfExists(table);
}
