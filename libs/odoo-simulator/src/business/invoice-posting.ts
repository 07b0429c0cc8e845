/* account.move buttons: post (number from the journal's sequence, invoice date defaulting to
 * today), reset to draft, cancel. Numbers are taken after the highest posted one of the same
 * prefix and year, inside the transaction, so invoice numbering has no gaps (as in Odoo). */
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { num } from './stock-quantities';
import { taxAmount } from './sale-amounts';

const PREFIX: Record<string, string> = { out_invoice: 'INV', out_refund: 'RINV', in_invoice: 'BILL', in_refund: 'RBILL', entry: 'MISC' };

export function postMoves(env: Env, ids: number[]): false {
  for (const move of ids) {
    const value = (field: string) => env.stored('account.move', move, field);
    if (value('state') !== 'draft') throw userError(`The entry ${value('name')} (id ${move}) must be in draft.`);
    if (!env.ids('account.move', move, 'invoice_line_ids').length) throw userError('You need to add a line before posting.');
    if (!value('partner_id') && ['out_invoice', 'out_refund'].includes(value('move_type') as string)) {
      throw userError(`The field 'Customer' is required, please complete it to validate the ${value('move_type') === 'out_refund' ? 'Customer Credit Note' : 'Customer Invoice'}.`);
    }
    const invoiceDate = (value('invoice_date') as string | false) || env.today;
    env.write('account.move', [move], {
      invoice_date: invoiceDate,
      name: value('name') && value('name') !== '/' ? value('name') : nextNumber(env, value('move_type') as string, invoiceDate),
      state: 'posted',
      payment_state: 'not_paid',
    });
  }
  // AccountMove.action_post returns False.
  return false;
}

export function resetToDraft(env: Env, ids: number[]): void {
  env.write('account.move', ids, { state: 'draft' });
}

export function cancelMoves(env: Env, ids: number[]): void {
  if (ids.some((move) => env.stored('account.move', move, 'state') !== 'draft')) throw userError('Only draft journal entries can be cancelled.');
  env.write('account.move', ids, { state: 'cancel' });
}

export function moveLineSubtotal(env: Env, line: number): number {
  const value = (field: string) => num(env.stored('account.move.line', line, field));
  return value('quantity') * value('price_unit') * (1 - value('discount') / 100);
}

export function moveLineTax(env: Env, line: number): number {
  const quantity = num(env.stored('account.move.line', line, 'quantity'));
  return taxAmount(env, env.ids('account.move.line', line, 'tax_ids'), moveLineSubtotal(env, line), quantity);
}

export function moveTotal(env: Env, move: number, part: (env: Env, line: number) => number): number {
  return env.ids('account.move', move, 'invoice_line_ids').reduce((sum, line) => sum + part(env, line), 0);
}

function nextNumber(env: Env, moveType: string, invoiceDate: string): string {
  const prefix = `${PREFIX[moveType] ?? 'MISC'}/${invoiceDate.slice(0, 4)}/`;
  const last = env
    .search('account.move', [['name', '=like', `${prefix}%`]])
    .map((move) => Number(String(env.stored('account.move', move, 'name')).slice(prefix.length)) || 0)
    .reduce((max, n) => Math.max(max, n), 0);
  return `${prefix}${String(last + 1).padStart(5, '0')}`;
}
