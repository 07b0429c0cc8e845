import type { Knex } from 'knex';

/**
 * Orders (the aggregate as JSON plus the columns lists filter on), their audit trail, stored
 * Idempotency-Key responses and the channels' mapping tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table orders (
      order_id uuid primary key,
      channel text not null,
      external_order_id text not null,
      status text not null,
      customer_id text not null,
      currency text not null,
      -- Order total (not-cancelled quantity × unit price), for the credit exposure of open orders.
      total numeric not null,
      erp_order_id integer,
      erp_order_name text,
      -- Reservations per line and location (OrderReserved lines), for the release to the warehouses.
      allocations jsonb not null default '[]',
      body jsonb not null,
      version integer not null,
      received_at timestamptz not null,
      updated_at timestamptz not null,
      constraint orders_natural_key unique (channel, external_order_id)
    );
    create index orders_by_status on orders (status, received_at desc, order_id);
    create index orders_by_received on orders (received_at desc, order_id);
    create index orders_open_by_customer on orders (customer_id) where status not in ('CANCELLED', 'REJECTED', 'INVOICED');
    create index orders_by_erp_name on orders (erp_order_name) where erp_order_name is not null;

    create table order_audit (
      id bigserial primary key,
      order_id uuid not null,
      command text not null,
      from_status text,
      to_status text not null,
      actor_kind text not null,
      actor_id text not null,
      reason_code text not null,
      reason_message text not null,
      at timestamptz not null,
      event_id uuid
    );
    create index order_audit_by_order on order_audit (order_id, id);

    create table idempotency_key (
      caller text not null,
      key text not null,
      fingerprint text not null,
      response_status integer,
      -- Text, not jsonb: a replay must answer byte for byte what the first request got (jsonb reorders keys).
      response_body text,
      created_at timestamptz not null default now(),
      primary key (caller, key)
    );

    create table channel_mapping (
      channel text primary key,
      sku_pass_through boolean not null,
      skus jsonb not null,
      units jsonb not null,
      statuses jsonb not null,
      pricelist_id integer,
      updated_by text not null,
      updated_at timestamptz not null
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists channel_mapping, idempotency_key, order_audit, orders');
}
