import type { Knex } from 'knex';
import { CHANNEL_DELIVERY_NOTIFY_CHANNEL } from '../persistence/migrations/20261123190000_create-channel-notification-tables';

export interface Subscription {
  subscriptionId: string;
  channel: string;
  url: string;
  secretName: string;
  eventTypes: string[];
  active: boolean;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type SubscriptionChanges = Partial<Pick<Subscription, 'url' | 'secretName' | 'eventTypes' | 'active' | 'description'>>;

interface SubscriptionRow {
  subscription_id: string;
  channel: string;
  url: string;
  secret_name: string;
  event_types: string[];
  active: boolean;
  description: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS: Record<keyof SubscriptionChanges, keyof SubscriptionRow> = {
  url: 'url',
  secretName: 'secret_name',
  eventTypes: 'event_types',
  active: 'active',
  description: 'description',
};

/** What an order change needs to know of a subscription. */
export type ActiveSubscription = Pick<Subscription, 'subscriptionId' | 'channel' | 'eventTypes'>;

export const SubscriptionsRepository = {
  async insert(db: Knex, subscription: Subscription): Promise<void> {
    await db('channel_subscription').insert({
      subscription_id: subscription.subscriptionId,
      channel: subscription.channel,
      url: subscription.url,
      secret_name: subscription.secretName,
      event_types: subscription.eventTypes,
      active: subscription.active,
      description: subscription.description,
      created_at: subscription.createdAt,
      updated_at: subscription.updatedAt,
    });
  },

  async update(trx: Knex.Transaction, subscriptionId: string, changes: SubscriptionChanges, at: Date): Promise<Subscription | undefined> {
    const values = Object.fromEntries(Object.entries(changes).map(([key, value]) => [COLUMNS[key as keyof SubscriptionChanges], value]));
    const [row] = await trx<SubscriptionRow>('channel_subscription').where({ subscription_id: subscriptionId }).update({ ...values, updated_at: at }, '*');
    // Re-activated or re-targeted: what waited may be sent now.
    if (row && (changes.active || changes.url)) await trx.raw('select pg_notify(?, ?)', [CHANNEL_DELIVERY_NOTIFY_CHANNEL, '']);
    return row && toSubscription(row);
  },

  async get(db: Knex, subscriptionId: string): Promise<Subscription | undefined> {
    const row = await db<SubscriptionRow>('channel_subscription').where({ subscription_id: subscriptionId }).first();
    return row && toSubscription(row);
  },

  async list(db: Knex, channel: string | undefined): Promise<Subscription[]> {
    const query = db<SubscriptionRow>('channel_subscription').orderBy([{ column: 'channel' }, { column: 'created_at' }]);
    if (channel !== undefined) void query.where({ channel });
    return (await query).map(toSubscription);
  },

  /** Deletes the subscription; its log stays, and what it had not sent yet is cancelled. */
  async delete(trx: Knex.Transaction, subscriptionId: string, at: Date): Promise<boolean> {
    await trx('channel_delivery')
      .where({ subscription_id: subscriptionId, status: 'PENDING' })
      .update({ status: 'CANCELLED', last_error: 'subscription deleted', updated_at: at });
    return (await trx('channel_subscription').where({ subscription_id: subscriptionId }).delete()) > 0;
  },

  /** Every active subscription: which channel's events it wants, oldest first. */
  async allActive(db: Knex): Promise<ActiveSubscription[]> {
    const rows: Pick<SubscriptionRow, 'subscription_id' | 'channel' | 'event_types'>[] = await db('channel_subscription')
      .where({ active: true })
      .orderBy('created_at')
      .select('subscription_id', 'channel', 'event_types');
    return rows.map((row) => ({ subscriptionId: row.subscription_id, channel: row.channel, eventTypes: row.event_types }));
  },
};

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    subscriptionId: row.subscription_id,
    channel: row.channel,
    url: row.url,
    secretName: row.secret_name,
    eventTypes: row.event_types,
    active: row.active,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
