import type { Knex } from 'knex';

/** Projections of the ERP's master data the validation gates read (PartnerChanged, PricelistChanged). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table customer_account (
      -- PartnerChanged.ref: the backbone customer id channels send (CustomerRef.customerId).
      customer_id text primary key,
      partner_id integer not null,
      name text not null,
      active boolean not null,
      on_credit_hold boolean not null,
      credit_limit_amount numeric,
      credit_limit_currency text,
      pricelist_id integer,
      changed_at timestamptz not null
    );

    create table pricelist (
      pricelist_id integer primary key,
      name text not null,
      currency text not null,
      active boolean not null,
      changed_at timestamptz not null
    );

    create table pricelist_item (
      pricelist_id integer not null references pricelist on delete cascade,
      position integer not null,
      product_id integer not null,
      sku text not null,
      min_quantity numeric not null,
      uom text not null,
      price numeric not null,
      date_start timestamptz,
      date_end timestamptz,
      primary key (pricelist_id, position)
    );
    create index pricelist_item_by_sku on pricelist_item (pricelist_id, sku);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists pricelist_item, pricelist, customer_account');
}
