import { Decimal } from 'decimal.js';

/**
 * Whether new orders of a partner must be held for credit review, from fields Odoo lets us read:
 * - the partner uses its own credit limit (`use_partner_credit_limit`), the limit is positive and
 *   the receivable (`credit`, open invoices) exceeds it, or
 * - the optional boolean flag field configured as PARTNER_CREDIT_HOLD_FIELD (e.g. a custom
 *   `x_credit_hold` set by the credit controller) is true.
 */
export interface CreditFacts {
  usePartnerCreditLimit: boolean;
  creditLimit: string;
  credit: string;
  holdFlag: boolean;
}

export function isOnCreditHold(facts: CreditFacts): boolean {
  if (facts.holdFlag) return true;
  if (!facts.usePartnerCreditLimit) return false;
  const limit = new Decimal(facts.creditLimit);
  return limit.gt(0) && new Decimal(facts.credit).gt(limit);
}
