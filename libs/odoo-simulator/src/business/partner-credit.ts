/* res.partner.credit: what the customer owes, from posted customer invoices and credit notes
 * still open (not paid or reversed). Used by credit-limit checks. */
import { Env } from '../orm/env';
import { moveLineSubtotal, moveLineTax, moveTotal } from './invoice-posting';

export function partnerCredit(env: Env, partner: number): number {
  return env
    .search('account.move', [['partner_id', 'child_of', partner], ['state', '=', 'posted'], ['payment_state', 'in', ['not_paid', 'partial']], ['move_type', 'in', ['out_invoice', 'out_refund']]])
    .reduce((sum, move) => {
      const total = moveTotal(env, move, moveLineSubtotal) + moveTotal(env, move, moveLineTax);
      return sum + (env.stored('account.move', move, 'move_type') === 'out_refund' ? -total : total);
    }, 0);
}
