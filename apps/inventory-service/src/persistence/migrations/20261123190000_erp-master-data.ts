import type { Knex } from 'knex';

/** Odoo as a source of master data: the product's ERP clock, and which Odoo location a location is. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('product', (table) => {
    table.timestamp('erp_changed_at', { useTz: true }).comment('changedAt (Odoo write_date) of the last ProductChanged applied; older ones are ignored');
  });
  await knex.schema.alterTable('location', (table) => {
    table.text('odoo_location').unique().comment('Odoo stock location full name (e.g. "WH/Stock") whose StockLevelChanged count here');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('location', (table) => table.dropColumn('odoo_location'));
  await knex.schema.alterTable('product', (table) => table.dropColumn('erp_changed_at'));
}
