import { notifyTrigger } from '@backbone/service-kit';
import type { Knex } from 'knex';

/** Woken on every statement that records deliveries, so the delivery worker need not poll fast. */
export const CHANNEL_DELIVERY_NOTIFY_CHANNEL = 'channel_delivery_pending';

const deliveryTrigger = notifyTrigger({ table: 'channel_delivery', trigger: 'channel_delivery_recorded', fn: 'channel_delivery_notify', channel: CHANNEL_DELIVERY_NOTIFY_CHANNEL });

/**
 * Channel notifications: subscriptions per channel, the tiny order projection that says which
 * channel an order belongs to and where it stands, the deliveries (one per subscription and event)
 * and every HTTP attempt made for them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table channel_subscription (
      subscription_id uuid primary key,
      channel text not null,
      url text not null,
      -- The name of a secret in CHANNEL_NOTIFICATION_SECRETS; the secret itself is never stored here.
      secret_name text not null,
      event_types text[] not null,
      active boolean not null,
      description text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index channel_subscription_by_channel on channel_subscription (channel);

    create table channel_notification_order (
      order_id text primary key,
      channel text not null,
      status text not null,
      lines jsonb not null,
      updated_at timestamptz not null
    );

    create table channel_delivery (
      delivery_id uuid primary key,
      -- Creation order: events of one order are recorded in the order they happened.
      seq bigserial not null,
      -- Kept (null) when the subscription is deleted, so the log outlives it.
      subscription_id uuid references channel_subscription on delete set null,
      channel text not null,
      order_id text not null,
      event_id text not null,
      event_type text not null,
      correlation_id text not null,
      -- The exact bytes signed and sent.
      body text not null,
      status text not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
      -- Attempts since the delivery was (re)queued; the attempt log keeps them all.
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_status_code integer,
      last_error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      delivered_at timestamptz,
      constraint channel_delivery_once unique (subscription_id, event_id)
    );
    create index channel_delivery_due on channel_delivery (next_attempt_at) where status = 'PENDING';
    create index channel_delivery_order_queue on channel_delivery (subscription_id, order_id, seq) where status = 'PENDING';
    create index channel_delivery_by_seq on channel_delivery (seq);
    create index channel_delivery_by_order on channel_delivery (order_id, seq);
    create index channel_delivery_by_channel on channel_delivery (channel, seq);

    create table channel_delivery_attempt (
      delivery_id uuid not null references channel_delivery on delete cascade,
      attempt integer not null,
      started_at timestamptz not null,
      latency_ms integer not null,
      status_code integer,
      error text,
      response_excerpt text,
      outcome text not null check (outcome in ('DELIVERED', 'RETRY', 'FAILED')),
      primary key (delivery_id, attempt)
    );

    ${deliveryTrigger.create}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${deliveryTrigger.drop}
    drop table if exists channel_delivery_attempt, channel_delivery, channel_notification_order, channel_subscription;
  `);
}
