import type { ReservedOrderLine } from '@backbone/schemas';
import type { Knex } from 'knex';
import { prepared } from './prepared';
import { orderTotal, type AuditEntry, type Order, type OrderStatus } from '../domain';

/** An order as stored: the aggregate plus what the ERP and inventory told us about it. */
export interface StoredOrder {
  order: Order;
  erpOrderId: number | null;
  erpOrderName: string | null;
  allocations: ReservedOrderLine[];
}

interface OrderRow {
  order_id: string;
  body: Order & { placedAt: string; receivedAt: string; updatedAt: string };
  erp_order_id: number | null;
  erp_order_name: string | null;
  allocations: ReservedOrderLine[];
}

export interface OrderFilter {
  status?: OrderStatus;
  channel?: string;
  customerId?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
}

/** Keyset position in the list: newest received first. */
export interface OrderCursor {
  receivedAt: string;
  orderId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Order ids are UUIDs; an event naming anything else (another system's id) names no order of ours. */
export function isOrderId(value: string): boolean {
  return UUID.test(value);
}

const OPEN = ['CANCELLED', 'REJECTED', 'INVOICED'];

export const OrdersRepository = {
  /**
   * Inserts new orders with their first audit entries, in one statement; answers the ids inserted.
   * An order whose natural key (channel + external id, hence the id) exists already is skipped with
   * its audit entries. Rows go in id order, so two concurrent batches never deadlock on each other.
   */
  async insertMany(trx: Knex.Transaction, orders: readonly { stored: StoredOrder; audit: readonly AuditRecord[] }[]): Promise<Set<string>> {
    const { rows } = await trx
      .raw<{ rows: { order_id: string }[] }>(
        `with inserted as (
           insert into orders (${COLUMNS.map(([name]) => name).join(', ')})
           select ${COLUMNS.map(([name]) => name).join(', ')} from jsonb_to_recordset(cast(? as jsonb)) as o(${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
           order by order_id on conflict do nothing returning order_id),
         audit as (
           insert into order_audit (order_id, ${AUDIT_FIELDS.map(([name]) => name).join(', ')})
           select a.order_id, ${AUDIT_FIELDS.map(([name]) => `a.${name}`).join(', ')}
           from jsonb_to_recordset(cast(? as jsonb)) as a(position int, order_id uuid, ${AUDIT_FIELDS.map(([name, type]) => `${name} ${type}`).join(', ')})
           where a.order_id in (select order_id from inserted) order by a.position)
         select order_id from inserted`,
        [
          JSON.stringify(orders.map(({ stored }) => toRow(stored))),
          JSON.stringify(orders.flatMap(({ stored, audit }) => audit.map((entry) => ({ order_id: stored.order.orderId, ...toAuditRow(entry) }))).map((row, position) => ({ position, ...row }))),
        ],
      )
      .options(prepared('order-insert-many'));
    return new Set(rows.map((row) => row.order_id));
  },

  /** The orders found among `orderIds`, locked in id order (two batches locking the same orders never deadlock). */
  async lockMany(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Map<string, StoredOrder>> {
    const ids = orderIds.filter(isOrderId);
    if (ids.length === 0) return new Map();
    const rows = await trx<OrderRow>('orders').whereIn('order_id', ids).orderBy('order_id').forUpdate().select('order_id', 'body', 'erp_order_id', 'erp_order_name', 'allocations');
    return new Map(rows.map((row) => [row.order_id, fromRow(row)]));
  },

  /** The order, locked until the transaction ends (every change to one order is serialized). */
  async lock(trx: Knex.Transaction, orderId: string): Promise<StoredOrder | undefined> {
    if (!isOrderId(orderId)) return undefined;
    const row = await trx<OrderRow>('orders').where({ order_id: orderId }).forUpdate().first('order_id', 'body', 'erp_order_id', 'erp_order_name', 'allocations');
    return row && fromRow(row);
  },

  async lockByErpName(trx: Knex.Transaction, erpOrderName: string): Promise<StoredOrder | undefined> {
    const row = await trx<OrderRow>('orders').where({ erp_order_name: erpOrderName }).forUpdate().first('order_id', 'body', 'erp_order_id', 'erp_order_name', 'allocations');
    return row && fromRow(row);
  },

  async find(db: Knex, orderId: string): Promise<StoredOrder | undefined> {
    if (!isOrderId(orderId)) return undefined;
    const row = await db<OrderRow>('orders').where({ order_id: orderId }).first('order_id', 'body', 'erp_order_id', 'erp_order_name', 'allocations');
    return row && fromRow(row);
  },

  /** Ids of the customer's orders held at the gates (their hold returns them to RECEIVED), oldest first. */
  async heldAtGates(trx: Knex.Transaction, customerId: string, limit: number): Promise<string[]> {
    return trx('orders')
      .where({ customer_id: customerId, status: 'ON_HOLD' })
      .whereRaw("body -> 'hold' ->> 'returnTo' = 'RECEIVED'")
      .orderBy('received_at')
      .limit(limit)
      .pluck('order_id');
  },

  /** Writes the orders' new states (each order once), in one statement. */
  async updateMany(trx: Knex.Transaction, orders: readonly StoredOrder[]): Promise<void> {
    if (orders.length === 0) return;
    const columns = COLUMNS.filter(([name]) => UPDATED.has(name));
    await trx
      .raw(
        `update orders o set ${columns.map(([name]) => `${name} = u.${name}`).join(', ')}
         from jsonb_to_recordset(cast(? as jsonb)) as u(order_id uuid, ${columns.map(([name, type]) => `${name} ${type}`).join(', ')})
         where o.order_id = u.order_id`,
        [JSON.stringify(orders.map(toRow))],
      )
      .options(prepared('order-update-many'));
  },

  /**
   * What each customer has on order in their credit limit's currency, without `exceptOrderIds`: the
   * credit exposure of open orders. Customers with nothing open are missing from the answer.
   */
  async openExposures(trx: Knex.Transaction, limits: readonly { customerId: string; currency: string }[], exceptOrderIds: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await trx.raw<{ rows: { customer_id: string; total: string }[] }>(
      `select o.customer_id, sum(o.total)::text as total
       from orders o join jsonb_to_recordset(cast(? as jsonb)) as l(customer_id text, currency text) on o.customer_id = l.customer_id and o.currency = l.currency
       where o.order_id <> all(cast(? as uuid[])) and o.status not in (${OPEN.map(() => '?').join(', ')})
       group by o.customer_id`,
      [JSON.stringify(limits.map((limit) => ({ customer_id: limit.customerId, currency: limit.currency }))), [...exceptOrderIds], ...OPEN],
    );
    return new Map(rows.map((row) => [row.customer_id, row.total]));
  },

  async appendAudit(trx: Knex.Transaction, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await trx('order_audit').insert(entries.map((entry) => ({ order_id: entry.orderId, ...toAuditRow(entry) })));
  },

  async history(db: Knex, orderId: string) {
    const rows = await db('order_audit').where({ order_id: orderId }).orderBy('id').select();
    return rows.map((row) => ({
      command: row.command as string,
      from: row.from_status as string | null,
      to: row.to_status as string,
      actor: { kind: row.actor_kind as string, id: row.actor_id as string },
      reason: { code: row.reason_code as string, message: row.reason_message as string },
      at: (row.at as Date).toISOString(),
      eventId: row.event_id as string | null,
    }));
  },

  async list(db: Knex, filter: OrderFilter, page: { limit: number; after?: OrderCursor }): Promise<StoredOrder[]> {
    const query = db<OrderRow>('orders').select('order_id', 'body', 'erp_order_id', 'erp_order_name', 'allocations').orderBy([{ column: 'received_at', order: 'desc' }, { column: 'order_id', order: 'desc' }]).limit(page.limit);
    if (filter.status) query.where('status', filter.status);
    if (filter.channel) query.where('channel', filter.channel);
    if (filter.customerId) query.where('customer_id', filter.customerId);
    if (filter.receivedFrom) query.where('received_at', '>=', filter.receivedFrom);
    if (filter.receivedTo) query.where('received_at', '<', filter.receivedTo);
    if (page.after) query.whereRaw('(received_at, order_id) < (?, ?)', [page.after.receivedAt, page.after.orderId]);
    return (await query).map(fromRow);
  },
};

/** An audit entry with the id of the event its transition published. */
export type AuditRecord = AuditEntry & { eventId: string | null };

const AUDIT_FIELDS = [
  ['command', 'text'],
  ['from_status', 'text'],
  ['to_status', 'text'],
  ['actor_kind', 'text'],
  ['actor_id', 'text'],
  ['reason_code', 'text'],
  ['reason_message', 'text'],
  ['at', 'timestamptz'],
  ['event_id', 'uuid'],
] as const;

function toAuditRow(entry: AuditRecord) {
  return {
    command: entry.command,
    from_status: entry.from,
    to_status: entry.to,
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    reason_code: entry.reason.code,
    reason_message: entry.reason.message,
    at: entry.at,
    event_id: entry.eventId,
  };
}

const COLUMNS = [
  ['order_id', 'uuid'],
  ['channel', 'text'],
  ['external_order_id', 'text'],
  ['status', 'text'],
  ['customer_id', 'text'],
  ['currency', 'text'],
  ['total', 'numeric'],
  ['erp_order_id', 'integer'],
  ['erp_order_name', 'text'],
  ['allocations', 'jsonb'],
  ['body', 'jsonb'],
  ['version', 'integer'],
  ['received_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

/** What a change may move; the identity and the time received stay. */
const UPDATED = new Set(['status', 'total', 'erp_order_id', 'erp_order_name', 'allocations', 'body', 'version', 'updated_at']);

function toRow({ order, erpOrderId, erpOrderName, allocations }: StoredOrder) {
  return {
    order_id: order.orderId,
    channel: order.channel,
    external_order_id: order.externalOrderId,
    status: order.status,
    customer_id: order.customer.customerId,
    currency: order.currency,
    total: orderTotal(order).amount,
    erp_order_id: erpOrderId,
    erp_order_name: erpOrderName,
    allocations,
    body: order,
    version: order.version,
    received_at: order.receivedAt,
    updated_at: order.updatedAt,
  };
}

function fromRow(row: OrderRow): StoredOrder {
  const { body } = row;
  return {
    order: { ...body, placedAt: new Date(body.placedAt), receivedAt: new Date(body.receivedAt), updatedAt: new Date(body.updatedAt) },
    erpOrderId: row.erp_order_id,
    erpOrderName: row.erp_order_name,
    allocations: row.allocations,
  };
}
