import type { Knex } from 'knex';

/** Notified on every statement that changes subscriptions: each replica drops its copy of the active ones. */
export const CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL = 'channel_subscriptions_changed';

/**
 * Deliveries are now recorded in the transaction of the order change itself, which knows the
 * order's channel and status: the notifications' own projection of orders is no longer needed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table channel_notification_order;
    create function channel_subscriptions_notify() returns trigger language plpgsql as $$
    begin perform pg_notify('${CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL}', ''); return null; end $$;
    create trigger channel_subscriptions_changed after insert or update or delete on channel_subscription
      for each statement execute function channel_subscriptions_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists channel_subscriptions_changed on channel_subscription;
    drop function if exists channel_subscriptions_notify();
    create table channel_notification_order (
      order_id text primary key,
      channel text not null,
      status text not null,
      lines jsonb not null,
      updated_at timestamptz not null
    );
  `);
}
