/* account: taxes, customer invoices and credit notes, and the reversal wizard. */
import { reverseMoves } from '../business/credit-note-reversal';
import { cancelMoves, moveLineSubtotal, moveLineTax, moveTotal, postMoves, resetToDraft } from '../business/invoice-posting';
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { boolean, char, date, float, many2many, many2one, monetary, one2many, selection } from '../orm/field-builders';
import { MethodDefinition, ModelDefinition } from '../orm/model-definition';

const PAYMENT_STATES: [string, string][] = [['not_paid', 'Not Paid'], ['in_payment', 'In Payment'], ['paid', 'Paid'], ['partial', 'Partially Paid'], ['reversed', 'Reversed'], ['invoicing_legacy', 'Invoicing App Legacy']];
const MOVE_TYPES: [string, string][] = [['entry', 'Journal Entry'], ['out_invoice', 'Customer Invoice'], ['out_refund', 'Customer Credit Note'], ['in_invoice', 'Vendor Bill'], ['in_refund', 'Vendor Credit Note'], ['out_receipt', 'Sales Receipt'], ['in_receipt', 'Purchase Receipt']];

const records = (owner: string, name: string, run: (env: Env, ids: number[]) => unknown, versions?: MethodDefinition['versions']): MethodDefinition => ({
  name,
  owner,
  api: 'records',
  params: [],
  versions,
  run: ({ env, ids }) => run(env, ids),
});

export const accountTax: ModelDefinition = {
  name: 'account.tax',
  description: 'Tax',
  order: 'id',
  fields: [
    char('name', 'Tax Name', { required: true }),
    selection('amount_type', 'Tax Computation', [['percent', 'Percentage of Price'], ['fixed', 'Fixed']], { required: true, default: 'percent' }),
    float('amount', 'Amount', { required: true, default: 0 }),
    selection('type_tax_use', 'Tax Type', [['sale', 'Sales'], ['purchase', 'Purchases'], ['none', 'None']], { required: true, default: 'sale' }),
    boolean('active', 'Active', { default: true }),
  ],
};

export const accountMove: ModelDefinition = {
  name: 'account.move',
  description: 'Journal Entry',
  order: 'date desc, name desc, id desc',
  fields: [
    char('name', 'Number', { default: '/' }),
    selection('move_type', 'Type', MOVE_TYPES, { required: true, default: 'entry' }),
    many2one('partner_id', 'Partner', 'res.partner', { ondelete: 'restrict' }),
    date('invoice_date', 'Invoice/Bill Date'),
    date('date', 'Date', { required: true, default: (env) => env.today }),
    char('ref', 'Reference'),
    char('invoice_origin', 'Origin'),
    selection('state', 'Status', [['draft', 'Draft'], ['posted', 'Posted'], ['cancel', 'Cancelled']], { required: true, default: 'draft', readonly: true }),
    selection('payment_state', 'Payment Status', PAYMENT_STATES, { default: 'not_paid', readonly: true, versions: { to: 17 } }),
    selection('payment_state', 'Payment Status', [...PAYMENT_STATES, ['blocked', 'Blocked']], { default: 'not_paid', readonly: true, versions: { from: 18 } }),
    one2many('invoice_line_ids', 'Invoice lines', 'account.move.line', 'move_id'),
    many2one('reversed_entry_id', 'Reversal of', 'account.move'),
    monetary('amount_untaxed', 'Untaxed Amount', { compute: (env, id) => moveTotal(env, id, moveLineSubtotal) }),
    monetary('amount_tax', 'Tax', { compute: (env, id) => moveTotal(env, id, moveLineTax) }),
    monetary('amount_total', 'Total', { compute: (env, id) => moveTotal(env, id, moveLineSubtotal) + moveTotal(env, id, moveLineTax) }),
    monetary('amount_residual', 'Amount Due', {
      compute: (env, id) =>
        env.stored('account.move', id, 'state') === 'posted' && ['not_paid', 'partial'].includes(env.stored('account.move', id, 'payment_state') as string)
          ? moveTotal(env, id, moveLineSubtotal) + moveTotal(env, id, moveLineTax)
          : 0,
    }),
  ],
  // account.move._get_move_display_name: drafts show their type and id until they get a number.
  displayName: (env, id) => {
    const name = env.stored('account.move', id, 'name');
    if (env.stored('account.move', id, 'state') !== 'draft') return String(name);
    const kind = env.stored('account.move', id, 'move_type') === 'out_refund' ? 'Draft Credit Note' : 'Draft Invoice';
    return `${kind} ${name && name !== '/' ? name : `(* ${id})`}`;
  },
  methods: [
    records('AccountMove', 'action_post', postMoves),
    records('AccountMove', 'button_draft', (env, ids) => void resetToDraft(env, ids)),
    records('AccountMove', 'button_cancel', (env, ids) => void cancelMoves(env, ids)),
  ],
  overrides: {
    unlink: (env, ids, next) => {
      if (ids.some((id) => env.stored('account.move', id, 'state') === 'posted')) throw userError('You cannot delete an entry which has been posted once.');
      next();
    },
  },
};

export const accountMoveLine: ModelDefinition = {
  name: 'account.move.line',
  description: 'Journal Item',
  order: 'move_id, id',
  fields: [
    many2one('move_id', 'Journal Entry', 'account.move', { required: true, ondelete: 'cascade' }),
    many2one('product_id', 'Product', 'product.product', { ondelete: 'restrict' }),
    char('name', 'Label', { default: (env, vals) => (vals.product_id ? env.displayName('product.product', vals.product_id as number) : false) }),
    float('quantity', 'Quantity', { default: 1 }),
    float('price_unit', 'Unit Price', { default: (env, vals) => (vals.product_id ? env.stored('product.product', vals.product_id as number, 'list_price') : 0) }),
    float('discount', 'Discount (%)', { default: 0 }),
    many2many('tax_ids', 'Taxes', 'account.tax'),
    monetary('price_subtotal', 'Subtotal', { compute: (env, id) => moveLineSubtotal(env, id) }),
    monetary('price_total', 'Total', { compute: (env, id) => moveLineSubtotal(env, id) + moveLineTax(env, id) }),
  ],
};

export const accountMoveReversal: ModelDefinition = {
  name: 'account.move.reversal',
  description: 'Account Move Reversal',
  fields: [
    many2many('move_ids', 'Journal Entries', 'account.move', {
      default: (env) => (env.context.active_model === 'account.move' && Array.isArray(env.context.active_ids) ? [[6, 0, env.context.active_ids]] : []),
    }),
    char('reason', 'Reason displayed on Credit Note'),
    date('date', 'Reversal Date', { default: (env) => env.today }),
    selection('refund_method', 'Credit Method', [['refund', 'Partial Refund'], ['cancel', 'Full Refund'], ['modify', 'Full refund and new draft invoice']], { default: 'refund', required: true, versions: { to: 16 } }),
    many2many('new_move_ids', 'New Moves', 'account.move'),
  ],
  methods: [
    // ≤16: one button whose effect is refund_method; 17+: one button per effect.
    records('AccountMoveReversal', 'reverse_moves', (env, ids) => reverseMoves(env, ids[0], env.stored('account.move.reversal', ids[0], 'refund_method') as 'refund'), { to: 16 }),
    records('AccountMoveReversal', 'refund_moves', (env, ids) => reverseMoves(env, ids[0], 'refund'), { from: 17 }),
    records('AccountMoveReversal', 'modify_moves', (env, ids) => reverseMoves(env, ids[0], 'modify'), { from: 17 }),
  ],
};
