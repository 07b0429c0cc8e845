/* sale.order buttons: confirm (creating the delivery), cancel (directly, or through the
 * sale.order.cancel wizard unless the context says disable_cancel_warning), back to quotation. */
import { pythonError, userError } from '../errors/odoo-errors';
import { recordsetRepr } from '../errors/python-repr';
import { Env } from '../orm/env';
import { formatDatetime } from '../orm/datetime-format';
import { cancelPickings } from './picking-cancellation';
import { createDelivery } from './sale-delivery';

export function confirmOrders(env: Env, ids: number[]): true {
  for (const order of ids) {
    const state = env.stored('sale.order', order, 'state');
    if (env.version <= 16 && (state === 'done' || state === 'cancel')) {
      throw userError('It is not allowed to confirm an order in the following states: done, cancel');
    }
    if (env.version >= 17 && state !== 'draft' && state !== 'sent') throw userError('Some orders are not in a state requiring confirmation.');
    if (env.version >= 17 && env.ids('sale.order', order, 'order_line').some((line) => !env.stored('sale.order.line', line, 'product_id'))) {
      throw userError('A line on these orders missing a product, you cannot confirm it.');
    }
  }
  for (const order of ids) {
    const alreadyConfirmed = env.stored('sale.order', order, 'state') === 'sale';
    env.write('sale.order', [order], { state: 'sale', date_order: formatDatetime(env.now), invoice_status: 'to invoice' });
    if (!alreadyConfirmed) createDelivery(env, order);
  }
  return true;
}

export function cancelOrders(env: Env, ids: number[]): true | Record<string, unknown> {
  const locked = (order: number) => (env.version <= 16 ? env.stored('sale.order', order, 'state') === 'done' : env.stored('sale.order', order, 'locked') === true);
  if (ids.some(locked)) throw userError('You cannot cancel a locked order. Please unlock it first.');
  const warn = !env.context.disable_cancel_warning && ids.some((order) => env.stored('sale.order', order, 'state') !== 'draft');
  if (!warn) return cancelDirectly(env, ids);
  if (ids.length !== 1) throw pythonError('ValueError', `Expected singleton: ${recordsetRepr('sale.order', ids)}`);
  const typeName = ['draft', 'sent', 'cancel'].includes(env.stored('sale.order', ids[0], 'state') as string) ? 'Quotation' : 'Sales Order';
  return {
    name: `Cancel ${typeName}`,
    view_mode: 'form',
    res_model: 'sale.order.cancel',
    view_id: false,
    type: 'ir.actions.act_window',
    context: { default_order_id: ids[0], mark_so_as_canceled: true, default_template_id: false },
    target: 'new',
  };
}

export function cancelDirectly(env: Env, ids: number[]): true {
  for (const order of ids) {
    const open = env.ids('sale.order', order, 'picking_ids').filter((picking) => env.stored('stock.picking', picking, 'state') !== 'done');
    const cancellable = open.filter((picking) => env.stored('stock.picking', picking, 'state') !== 'cancel');
    if (cancellable.length) cancelPickings(env, cancellable);
  }
  env.write('sale.order', ids, { state: 'cancel' });
  return true;
}

export function orderToDraft(env: Env, ids: number[]): true {
  const drafts = ids.filter((order) => ['cancel', 'sent'].includes(env.stored('sale.order', order, 'state') as string));
  if (drafts.length) env.write('sale.order', drafts, { state: 'draft' });
  return true;
}
