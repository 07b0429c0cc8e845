import { notifyTrigger } from '@backbone/service-kit';
import type { Knex } from 'knex';

/** Notified on every statement that changes subscriptions: each replica drops its copy of the active ones. */
export const CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL = 'channel_subscriptions_changed';

const subscriptionsTrigger = notifyTrigger({
  table: 'channel_subscription',
  trigger: 'channel_subscriptions_changed',
  fn: 'channel_subscriptions_notify',
  channel: CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL,
  on: 'insert or update or delete',
});

/**
 * Deliveries are now recorded in the transaction of the order change itself, which knows the
 * order's channel and status: the notifications' own projection of orders is no longer needed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop table channel_notification_order;
    ${subscriptionsTrigger.create}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${subscriptionsTrigger.drop}
    create table channel_notification_order (
      order_id text primary key,
      channel text not null,
      status text not null,
      lines jsonb not null,
      updated_at timestamptz not null
    );
  `);
}
