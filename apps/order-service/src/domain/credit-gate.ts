import type { Money, PartnerChanged } from '@backbone/schemas';
import { orderTotal, type Order } from './canonical-order';
import { compareMoney, subtractMoney } from './money';
import { reject, type Rejection } from './order.errors';

/** The customer as last synced from the ERP (PartnerChanged), under the backbone customer id. */
export type CustomerAccount = { customerId: string } & Pick<PartnerChanged, 'active' | 'onCreditHold' | 'creditLimit'>;

export interface CreditCheck {
  /** Null when no PartnerChanged has been received for the order's customer. */
  customer: CustomerAccount | null;
  /**
   * What the customer already owes or has on order, without this order, in the credit limit's
   * currency (open orders and unpaid invoices; the application sums them).
   */
  openExposure: Money;
}

/**
 * The credit gate: the customer is known, active and not on credit hold, and the order total fits
 * the remaining credit (credit limit − open exposure; equal is within). No credit limit means no
 * limit applies. An order in another currency than the limit cannot be compared without a rate,
 * so it is held as ORDER.CURRENCY_MISMATCH. Returns every failure; empty when the gate passes.
 */
export function checkCredit(order: Order, { customer, openExposure }: CreditCheck): Rejection[] {
  const customerId = order.customer.customerId;
  if (customer === null) {
    return [reject('ORDER.UNKNOWN_CUSTOMER', `customer ${customerId} is not known from the ERP`, { customerId })];
  }
  const failures: Rejection[] = [];
  if (!customer.active) {
    failures.push(reject('ORDER.CUSTOMER_ARCHIVED', `customer ${customerId} is archived in the ERP`, { customerId }));
  }
  if (customer.onCreditHold) {
    failures.push(reject('ORDER.CREDIT_HOLD', `customer ${customerId} is on credit hold`, { customerId }));
  }
  if (customer.creditLimit !== null) {
    failures.push(...limitFailures(order, customer.creditLimit, openExposure));
  }
  return failures;
}

function limitFailures(order: Order, creditLimit: Money, openExposure: Money): Rejection[] {
  const customerId = order.customer.customerId;
  const total = orderTotal(order);
  if (total.currency !== creditLimit.currency) {
    const message = `order is in ${total.currency}, the credit limit of customer ${customerId} in ${creditLimit.currency}`;
    return [reject('ORDER.CURRENCY_MISMATCH', message, { expected: creditLimit.currency, actual: total.currency })];
  }
  const remainingCredit = subtractMoney(creditLimit, openExposure);
  if (compareMoney(total, remainingCredit) <= 0) return [];
  const message = `order total ${total.amount} ${total.currency} exceeds the remaining credit ${remainingCredit.amount} of customer ${customerId}`;
  return [reject('ORDER.CREDIT_LIMIT_EXCEEDED', message, { customerId, creditLimit, openExposure, remainingCredit, orderTotal: total })];
}
