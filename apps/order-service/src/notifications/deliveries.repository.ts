import type { Knex } from 'knex';
import { CHANNEL_DELIVERY_NOTIFY_CHANNEL } from '../persistence/migrations/20261123190000_create-channel-notification-tables';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'CANCELLED';

export interface NewDelivery {
  deliveryId: string;
  subscriptionId: string;
  channel: string;
  orderId: string;
  eventId: string;
  eventType: string;
  correlationId: string;
  body: string;
}

export interface Delivery {
  deliveryId: string;
  subscriptionId: string | null;
  channel: string;
  orderId: string;
  eventId: string;
  eventType: string;
  correlationId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface Attempt {
  attempt: number;
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  outcome: 'DELIVERED' | 'RETRY' | 'FAILED';
}

/** A delivery a worker claimed: what it needs to send it. */
export interface ClaimedDelivery {
  deliveryId: string;
  orderId: string;
  eventId: string;
  eventType: string;
  correlationId: string;
  body: string;
  /** The attempt this claim is (1-based, since the delivery was last queued). */
  attempts: number;
  url: string;
  secretName: string;
}

/** The outcome to store with an attempt. */
export type Settlement = { status: 'DELIVERED' } | { status: 'FAILED'; error: string } | { status: 'PENDING'; retryAt: Date };

export interface DeliveryFilter {
  channel?: string;
  orderId?: string;
  status?: DeliveryStatus;
  subscriptionId?: string;
}

export const DeliveriesRepository = {
  /** One row per subscription and event; a replayed event adds nothing (unique subscription + event id). Returns the ids inserted. */
  async insert(trx: Knex.Transaction, deliveries: readonly NewDelivery[], at: Date): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows = deliveries.map((delivery) => ({
      delivery_id: delivery.deliveryId,
      subscription_id: delivery.subscriptionId,
      channel: delivery.channel,
      order_id: delivery.orderId,
      event_id: delivery.eventId,
      event_type: delivery.eventType,
      correlation_id: delivery.correlationId,
      body: delivery.body,
      status: 'PENDING',
      next_attempt_at: at,
      created_at: at,
      updated_at: at,
    }));
    const inserted: { delivery_id: string }[] = await trx('channel_delivery').insert(rows).onConflict(['subscription_id', 'event_id']).ignore().returning('delivery_id');
    return inserted.map((row) => row.delivery_id);
  },

  /**
   * Claims up to `limit` due deliveries of active subscriptions, skipping rows another replica
   * holds, and leases them for `leaseMs` (a worker that dies mid-request is retried after it). A
   * delivery waits while an earlier one of the same order and subscription is still pending, so a
   * channel hears an order's events in the order they happened.
   */
  async claimDue(db: Knex, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await db.raw<{ rows: ClaimedDelivery[] }>(
      `with due as (
         select d.delivery_id from channel_delivery d
         join channel_subscription s on s.subscription_id = d.subscription_id and s.active
         where d.status = 'PENDING' and d.next_attempt_at <= now()
           and not exists (
             select 1 from channel_delivery e
             where e.subscription_id = d.subscription_id and e.order_id = d.order_id and e.status = 'PENDING' and e.seq < d.seq)
         order by d.next_attempt_at, d.seq
         limit ? for update of d skip locked)
       update channel_delivery c
       set attempts = c.attempts + 1, next_attempt_at = now() + make_interval(secs => ?::double precision / 1000), updated_at = now()
       from due, channel_subscription s
       where c.delivery_id = due.delivery_id and s.subscription_id = c.subscription_id
       returning c.delivery_id as "deliveryId", c.order_id as "orderId", c.event_id as "eventId", c.event_type as "eventType",
         c.correlation_id as "correlationId", c.body, c.attempts, s.url, s.secret_name as "secretName"`,
      [limit, leaseMs],
    );
    return rows;
  },

  /**
   * Logs an attempt and settles the delivery, unless the delivery changed since it was claimed
   * (redelivered, cancelled, or claimed again after the lease ran out): then only the log records
   * it. Says whether the settlement applied, and whether an earlier round had failed (so an
   * exception may be open for it).
   */
  async settle(trx: Knex.Transaction, claimed: ClaimedDelivery, attempt: Omit<Attempt, 'attempt'>, settlement: Settlement): Promise<{ applied: boolean; failedBefore: boolean }> {
    const { rows } = await trx.raw<{ rows: { status: DeliveryStatus; attempts: number; failed_before: boolean }[] }>(
      `select status, attempts, exists (select 1 from channel_delivery_attempt a where a.delivery_id = d.delivery_id and a.outcome = 'FAILED') as failed_before
       from channel_delivery d where delivery_id = ? for update`,
      [claimed.deliveryId],
    );
    const current = rows[0];
    if (!current) return { applied: false, failedBefore: false };
    const failedBefore = current.failed_before;
    await trx.raw(
      `insert into channel_delivery_attempt (delivery_id, attempt, started_at, latency_ms, status_code, error, response_excerpt, outcome)
       select ?, coalesce(max(attempt), 0) + 1, ?, ?, ?, ?, ?, ? from channel_delivery_attempt where delivery_id = ?`,
      [claimed.deliveryId, attempt.startedAt, attempt.latencyMs, attempt.statusCode, attempt.error, attempt.responseExcerpt, attempt.outcome, claimed.deliveryId],
    );
    if (current.status !== 'PENDING' || current.attempts !== claimed.attempts) return { applied: false, failedBefore };
    const now = new Date();
    const common = { last_status_code: attempt.statusCode, last_error: attempt.error, updated_at: now };
    const changes =
      settlement.status === 'DELIVERED'
        ? { status: 'DELIVERED', delivered_at: now, last_error: null }
        : settlement.status === 'FAILED'
          ? { status: 'FAILED', last_error: settlement.error }
          : { next_attempt_at: settlement.retryAt };
    await trx('channel_delivery').where({ delivery_id: claimed.deliveryId }).update({ ...common, ...changes });
    return { applied: true, failedBefore };
  },

  /**
   * Deletes delivered and cancelled deliveries last changed before `olderThan` (their attempts go
   * with them), at most `limit`; returns how many. Rows another sweep holds are skipped, and the
   * delete checks status and age again: a delivery requeued meanwhile is pending, and stays.
   */
  async purgeSettled(db: Knex, olderThan: Date, limit: number): Promise<number> {
    const result = await db.raw(
      `delete from channel_delivery
       where delivery_id in (
         select delivery_id from channel_delivery where status in ('DELIVERED', 'CANCELLED') and updated_at < ? limit ? for update skip locked)
         and status in ('DELIVERED', 'CANCELLED') and updated_at < ?`,
      [olderThan, limit, olderThan],
    );
    return result.rowCount ?? 0;
  },

  /** Queues a settled delivery of a still existing subscription again, with a fresh attempt budget. Undefined when there is no such delivery. */
  async requeue(trx: Knex.Transaction, deliveryId: string, at: Date): Promise<Delivery | undefined> {
    const [row] = await trx('channel_delivery')
      .where({ delivery_id: deliveryId })
      .whereNot({ status: 'PENDING' })
      .whereNotNull('subscription_id')
      .update({ status: 'PENDING', attempts: 0, next_attempt_at: at, delivered_at: null, updated_at: at }, '*');
    if (row) await trx.raw('select pg_notify(?, ?)', [CHANNEL_DELIVERY_NOTIFY_CHANNEL, '']);
    return row && toDelivery(row);
  },

  async stateOf(db: Knex, deliveryId: string): Promise<Pick<Delivery, 'status' | 'subscriptionId'> | undefined> {
    const row: Pick<DeliveryRow, 'status' | 'subscription_id'> | undefined = await db('channel_delivery').where({ delivery_id: deliveryId }).first('status', 'subscription_id');
    return row && { status: row.status, subscriptionId: row.subscription_id };
  },

  async get(db: Knex, deliveryId: string): Promise<(Delivery & { body: string; attemptLog: Attempt[] }) | undefined> {
    const row = await db('channel_delivery').where({ delivery_id: deliveryId }).first();
    if (!row) return undefined;
    const attempts: AttemptRow[] = await db('channel_delivery_attempt').where({ delivery_id: deliveryId }).orderBy('attempt');
    return { ...toDelivery(row), body: row.body, attemptLog: attempts.map(toAttempt) };
  },

  /** Newest first, `limit` at a time; `before` is the cursor of the previous page's last row. */
  async list(db: Knex, filter: DeliveryFilter, limit: number, before: number | undefined): Promise<{ items: Delivery[]; nextCursor: string | null }> {
    const query = db('channel_delivery').orderBy('seq', 'desc').limit(limit + 1);
    if (filter.channel !== undefined) void query.where({ channel: filter.channel });
    if (filter.orderId !== undefined) void query.where({ order_id: filter.orderId });
    if (filter.status !== undefined) void query.where({ status: filter.status });
    if (filter.subscriptionId !== undefined) void query.where({ subscription_id: filter.subscriptionId });
    if (before !== undefined) void query.where('seq', '<', before);
    const rows: DeliveryRow[] = await query;
    const page = rows.slice(0, limit);
    return { items: page.map(toDelivery), nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null };
  },
};

interface DeliveryRow {
  delivery_id: string;
  seq: string;
  subscription_id: string | null;
  channel: string;
  order_id: string;
  event_id: string;
  event_type: string;
  correlation_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

interface AttemptRow {
  attempt: number;
  started_at: Date;
  latency_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
  outcome: Attempt['outcome'];
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    deliveryId: row.delivery_id,
    subscriptionId: row.subscription_id,
    channel: row.channel,
    orderId: row.order_id,
    eventId: row.event_id,
    eventType: row.event_type,
    correlationId: row.correlation_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

function toAttempt(row: AttemptRow): Attempt {
  return {
    attempt: row.attempt,
    startedAt: row.started_at,
    latencyMs: row.latency_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
    outcome: row.outcome,
  };
}
