import type { Address, CustomerRef, Money, OrderReceived, Quantity, Reason } from '@backbone/schemas';
import { multiplyMoney, sumMoney } from './money';
import { openLine, quantityToFulfil, type OrderLine } from './order-lines';
import { naturalKey, orderIdFor } from './order-identity';
import type { Actor, OrderStatus, Transitioned } from './order-state';

/** One requested line. Before channel mapping, SKU and unit are the channel's words. */
export interface RequestedLine {
  /** Unique within the order: the channel's line id, or the 1-based position. */
  lineId: string;
  sku: string;
  quantity: Quantity;
  /** Per one unit of `quantity.uom`, excluding tax, in the order currency. */
  unitPrice: Money;
}

/** An order as a channel sent it, structurally valid (see validate-order-request.ts). */
export interface OrderRequest {
  channel: string;
  externalOrderId: string;
  customer: CustomerRef;
  billTo: Address;
  shipTo: Address;
  /** ISO 4217 code; every line price is in it. */
  currency: string;
  lines: RequestedLine[];
  /** ISO 8601 calendar date, YYYY-MM-DD. */
  requestedDate: string | null;
  notes: string | null;
  placedAt: Date;
}

declare const inErpVocabulary: unique symbol;

/** An OrderRequest whose SKUs and units are the ERP's; only `normalizeOrder` produces one. */
export type NormalizedOrderRequest = OrderRequest & { readonly [inErpVocabulary]: true };

/** Why the order is on hold and which state a release returns it to. */
export interface OrderHold {
  returnTo: OrderStatus;
  reason: Reason;
}

/** The order aggregate: the canonical request plus lifecycle and per-line fulfilment. */
export interface Order extends Omit<OrderRequest, 'lines'> {
  /** Derived from channel + external order id (order-identity.ts). */
  orderId: string;
  lines: OrderLine[];
  status: OrderStatus;
  /** Set exactly while status is ON_HOLD. */
  hold: OrderHold | null;
  /** Shipments already applied, so a repeated confirmation is recognised. */
  shipmentIds: string[];
  /** Starts at 1 and grows with every change, for optimistic locking. */
  version: number;
  receivedAt: Date;
  updatedAt: Date;
}

/** Creates the order in RECEIVED; the natural key is normalized and the id derived from it. */
export function receiveOrder(request: NormalizedOrderRequest, actor: Actor, at: Date): Transitioned {
  const key = naturalKey(request.channel, request.externalOrderId);
  const orderId = orderIdFor(key);
  const order: Order = {
    ...request,
    ...key,
    orderId,
    lines: request.lines.map(openLine),
    status: 'RECEIVED',
    hold: null,
    shipmentIds: [],
    version: 1,
    receivedAt: at,
    updatedAt: at,
  };
  const reason = { code: 'ORDER.RECEIVED', message: `order ${key.externalOrderId} received from channel ${key.channel}` };
  return {
    order,
    audit: { orderId, command: 'RECEIVE', from: null, to: 'RECEIVED', actor, at, reason },
    event: 'backbone.orders.OrderReceived',
  };
}

/** Sum of every line's not-cancelled quantity times its unit price. */
export function orderTotal(order: Order): Money {
  return sumMoney(
    order.currency,
    order.lines.map((line) => multiplyMoney(line.unitPrice, quantityToFulfil(line))),
  );
}

/** The OrderReceived payload: the canonical order as ordered. */
export function toOrderReceived(order: Order): OrderReceived {
  return {
    orderId: order.orderId,
    channel: order.channel,
    externalOrderId: order.externalOrderId,
    customer: order.customer,
    billTo: order.billTo,
    shipTo: order.shipTo,
    lines: order.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      quantity: { value: line.ordered, uom: line.uom },
      unitPrice: line.unitPrice,
    })),
    requestedDate: order.requestedDate,
    notes: order.notes,
    placedAt: order.placedAt,
  };
}
