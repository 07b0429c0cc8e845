import type { Money, Quantity, Reason } from '@backbone/schemas';
import type { DecimalString } from './money';
import type { OrderCommand, OrderStatus } from './order-state';

/** One invalid field of an intake request; the same shape as the HTTP problem document's `errors`. */
export interface InvalidField {
  /** Path into the request body, e.g. `lines[2].quantity`. */
  field: string;
  message: string;
}

/** A line the warehouse or inventory could not fully serve. */
export interface Shortfall {
  lineId: string;
  sku: string;
  missing: Quantity;
}

/**
 * Every way the domain refuses something, by stable code, with the fields a machine branches on.
 * The codes are part of the contract (problem documents, exception queue, event reasons): never
 * rename one, add a new one.
 */
export interface RejectionFields {
  'ORDER.INVALID_REQUEST': { errors: InvalidField[] };
  'ORDER.INVALID_DECIMAL': { value: string };
  'ORDER.CURRENCY_MISMATCH': { expected: string; actual: string };
  'ORDER.ILLEGAL_TRANSITION': { orderId: string; command: OrderCommand; from: OrderStatus; to: OrderStatus | null };
  'ORDER.UNKNOWN_CUSTOMER': { customerId: string };
  'ORDER.CUSTOMER_ARCHIVED': { customerId: string };
  'ORDER.CREDIT_HOLD': { customerId: string };
  'ORDER.CREDIT_LIMIT_EXCEEDED': { customerId: string; creditLimit: Money; openExposure: Money; remainingCredit: Money; orderTotal: Money };
  'ORDER.NO_PRICE': { lineId: string; sku: string; pricelistId: number | null };
  'ORDER.PRICE_MISMATCH': { lineId: string; sku: string; pricelistId: number; expected: Money; given: Money; allowedDifference: Money };
  'ORDER.UNMAPPED_SKU': { channel: string; field: string; value: string };
  'ORDER.UNMAPPED_UNIT': { channel: string; field: string; value: string };
  'ORDER.UNMAPPED_STATUS': { channel: string; value: string };
  'ORDER.UNKNOWN_LINE': { lineId: string | null; sku: string };
  'ORDER.UNIT_MISMATCH': { lineId: string; expected: string; actual: string };
  'ORDER.NEGATIVE_QUANTITY': { lineId: string | null; sku: string; value: DecimalString };
  'ORDER.OVER_RESERVATION': { sku: string; reserved: DecimalString; remaining: DecimalString };
  'ORDER.OVER_SHIPMENT': { lineId: string; ordered: DecimalString; shipped: DecimalString; backordered: DecimalString; cancelled: DecimalString };
  'ORDER.DUPLICATE_SHIPMENT': { shipmentId: string };
  'ORDER.EMPTY_SHIPMENT': { shipmentId: string };
  'ORDER.NOT_AVAILABLE': { shortfalls: Shortfall[] };
}

export type OrderErrorCode = keyof RejectionFields;

/** A refusal as data: `code` + `message` (so it is a `Reason`) + the code's own fields. */
export type Rejection<C extends OrderErrorCode = OrderErrorCode> = {
  [K in C]: { readonly code: K; readonly message: string } & Readonly<RejectionFields[K]>;
}[C];

export function reject<C extends OrderErrorCode>(code: C, message: string, fields: RejectionFields[C]): Rejection<C> {
  return { code, message, ...fields } as Rejection<C>;
}

/** The event schemas' `Reason`: only code and message, since Avro records take no extra fields. */
export function toReason(rejection: Reason): Reason {
  return { code: rejection.code, message: rejection.message };
}

/**
 * Thrown only where a caller broke a precondition with data it should have checked (an invalid
 * decimal string, mixed currencies in one sum). Business outcomes are returned, never thrown.
 */
export class OrderDomainError extends Error {
  override readonly name = 'OrderDomainError';
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
  }

  get code(): OrderErrorCode {
    return this.rejection.code;
  }
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
