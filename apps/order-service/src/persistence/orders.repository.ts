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
   * Inserts a new order and its first audit entries in one statement; false (nothing written) when
   * the natural key (channel + external id, hence the id) exists already.
   */
  async insert(trx: Knex.Transaction, stored: StoredOrder, audit: readonly AuditRecord[]): Promise<boolean> {
    const inserted = await trx.raw<{ rowCount: number }>(
      `with inserted as (insert into orders (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')}) on conflict do nothing returning order_id)
       insert into order_audit (order_id, ${AUDIT_FIELDS.map(([name]) => name).join(', ')})
       select inserted.order_id, a.* from inserted, jsonb_to_recordset(?::jsonb) as a(${AUDIT_FIELDS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
      [...toRow(stored), JSON.stringify(audit.map(toAuditRow))],
    ).options(prepared('order-insert'));
    return inserted.rowCount > 0;
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

  async update(trx: Knex.Transaction, stored: StoredOrder): Promise<void> {
    const { order } = stored;
    await trx('orders')
      .where({ order_id: order.orderId })
      .update({
        status: order.status,
        total: orderTotal(order).amount,
        erp_order_id: stored.erpOrderId,
        erp_order_name: stored.erpOrderName,
        allocations: JSON.stringify(stored.allocations),
        body: JSON.stringify(order),
        version: order.version,
        updated_at: order.updatedAt,
      });
  },

  /** What the customer has on order in `currency`, without `exceptOrderId`: the credit exposure of open orders. */
  async openExposure(trx: Knex.Transaction, customerId: string, currency: string, exceptOrderId: string): Promise<string> {
    const { rows } = await trx.raw<{ rows: { total: string }[] }>(
      `select coalesce(sum(total), 0)::text as total from orders where customer_id = ? and currency = ? and order_id <> ? and status not in (${OPEN.map(() => '?').join(', ')})`,
      [customerId, currency, exceptOrderId, ...OPEN],
    );
    return rows[0].total;
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

const COLUMNS = ['order_id', 'channel', 'external_order_id', 'status', 'customer_id', 'currency', 'total', 'erp_order_id', 'erp_order_name', 'allocations', 'body', 'version', 'received_at', 'updated_at'];

function toRow({ order, erpOrderId, erpOrderName, allocations }: StoredOrder): Knex.RawBinding[] {
  return [
    order.orderId,
    order.channel,
    order.externalOrderId,
    order.status,
    order.customer.customerId,
    order.currency,
    orderTotal(order).amount,
    erpOrderId,
    erpOrderName,
    JSON.stringify(allocations),
    JSON.stringify(order),
    order.version,
    order.receivedAt,
    order.updatedAt,
  ];
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
