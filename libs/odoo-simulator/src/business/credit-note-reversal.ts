/* account.move.reversal: a credit note per posted move, lines copied, `reversed_entry_id` set,
 * left in draft ("Reverse"); or posted and reconciled so the original is marked `reversed`
 * (≤16 refund_method 'cancel'/'modify', 17+ modify_moves, which also drafts a copy to correct). */
import { userError } from '../errors/odoo-errors';
import { Env } from '../orm/env';
import { postMoves } from './invoice-posting';

const REVERSE_TYPE: Record<string, string> = { out_invoice: 'out_refund', out_refund: 'out_invoice', in_invoice: 'in_refund', in_refund: 'in_invoice', entry: 'entry' };

export function reverseMoves(env: Env, wizardId: number, mode: 'refund' | 'cancel' | 'modify'): Record<string, unknown> {
  const wizard = (field: string) => env.stored('account.move.reversal', wizardId, field);
  const moves = env.ids('account.move.reversal', wizardId, 'move_ids');
  if (!moves.length || moves.some((move) => env.stored('account.move', move, 'state') !== 'posted')) {
    throw userError('You can only reverse posted moves.');
  }
  const reversals = moves.map((move) => {
    const name = env.stored('account.move', move, 'name');
    const reason = wizard('reason');
    return env.createOne('account.move', {
      move_type: REVERSE_TYPE[env.stored('account.move', move, 'move_type') as string],
      partner_id: env.stored('account.move', move, 'partner_id'),
      ref: reason ? `Reversal of: ${name}, ${reason}` : `Reversal of: ${name}`,
      reversed_entry_id: move,
      invoice_origin: env.stored('account.move', move, 'invoice_origin'),
      invoice_date: wizard('date') || env.today,
      invoice_line_ids: copiedLines(env, move),
    });
  });
  env.write('account.move.reversal', [wizardId], { new_move_ids: [[6, 0, reversals]] });
  let redirect = reversals;
  if (mode !== 'refund') {
    postMoves(env, reversals);
    env.write('account.move', moves, { payment_state: 'reversed' });
    env.write('account.move', reversals, { payment_state: 'paid' });
    if (mode === 'modify') {
      redirect = moves.map((move) =>
        env.createOne('account.move', {
          move_type: env.stored('account.move', move, 'move_type'),
          partner_id: env.stored('account.move', move, 'partner_id'),
          invoice_origin: env.stored('account.move', move, 'invoice_origin'),
          invoice_line_ids: copiedLines(env, move),
        }),
      );
    }
  }
  return windowAction(env, redirect);
}

function copiedLines(env: Env, move: number): unknown[] {
  return env.ids('account.move', move, 'invoice_line_ids').map((line) => {
    const value = (field: string) => env.stored('account.move.line', line, field);
    return [0, 0, { product_id: value('product_id'), name: value('name'), quantity: value('quantity'), price_unit: value('price_unit'), discount: value('discount'), tax_ids: [[6, 0, value('tax_ids')]] }];
  });
}

function windowAction(env: Env, moves: number[]): Record<string, unknown> {
  const action: Record<string, unknown> = { name: 'Reverse Moves', type: 'ir.actions.act_window', res_model: 'account.move' };
  if (moves.length === 1) {
    return { ...action, view_mode: 'form', res_id: moves[0], context: { default_move_type: env.stored('account.move', moves[0], 'move_type') } };
  }
  return { ...action, view_mode: env.version >= 18 ? 'list,form' : 'tree,form', domain: [['id', 'in', moves]] };
}
