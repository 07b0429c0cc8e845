/* sale: quotations and sales orders, their lines, and the cancellation wizard. */
import { priceFor } from '../business/pricing';
import { lineSubtotal, lineTax, orderTotal, qtyDelivered } from '../business/sale-amounts';
import { cancelDirectly, cancelOrders, confirmOrders, orderToDraft } from '../business/sale-order-actions';
import { nextReference } from '../business/sequences';
import { num } from '../business/stock-quantities';
import { userError } from '../errors/odoo-errors';
import { formatDatetime } from '../orm/datetime-format';
import { Env } from '../orm/env';
import { boolean, char, datetime, float, many2many, many2one, monetary, one2many, selection } from '../orm/field-builders';
import { MethodDefinition, ModelDefinition, Vals } from '../orm/model-definition';

const orderAction = (name: string, run: (env: Env, ids: number[]) => unknown): MethodDefinition => ({
  name,
  owner: 'SaleOrder',
  api: 'records',
  params: [],
  run: ({ env, ids }) => run(env, ids),
});

const STATES_17: [string, string][] = [['draft', 'Quotation'], ['sent', 'Quotation Sent'], ['sale', 'Sales Order'], ['cancel', 'Cancelled']];

export const saleOrder: ModelDefinition = {
  name: 'sale.order',
  description: 'Sales Order',
  order: 'date_order desc, id desc',
  fields: [
    char('name', 'Order Reference', { required: true, default: (env) => nextReference(env, 'sale.order', 'S') }),
    many2one('partner_id', 'Customer', 'res.partner', { required: true }),
    many2one('partner_invoice_id', 'Invoice Address', 'res.partner', { default: (_env, vals) => vals.partner_id ?? false }),
    many2one('partner_shipping_id', 'Delivery Address', 'res.partner', { default: (_env, vals) => vals.partner_id ?? false }),
    char('client_order_ref', 'Customer Reference'),
    char('origin', 'Source Document'),
    datetime('date_order', 'Order Date', { required: true, default: (env) => formatDatetime(env.now) }),
    datetime('commitment_date', 'Delivery Date'),
    many2one('pricelist_id', 'Pricelist', 'product.pricelist', { default: (env, vals) => defaultPricelist(env, vals) }),
    many2one('warehouse_id', 'Warehouse', 'stock.warehouse', { required: true, default: (env) => env.search('stock.warehouse', [], { limit: 1 })[0] ?? false }),
    one2many('order_line', 'Order Lines', 'sale.order.line', 'order_id'),
    one2many('picking_ids', 'Transfers', 'stock.picking', 'sale_id'),
    selection('state', 'Status', [...STATES_17.slice(0, 3), ['done', 'Locked'], STATES_17[3]], { default: 'draft', readonly: true, versions: { to: 16 } }),
    selection('state', 'Status', STATES_17, { default: 'draft', readonly: true, versions: { from: 17 } }),
    boolean('locked', 'Locked', { default: false, versions: { from: 17 } }),
    selection('invoice_status', 'Invoice Status', [['upselling', 'Upselling Opportunity'], ['invoiced', 'Fully Invoiced'], ['to invoice', 'To Invoice'], ['no', 'Nothing to Invoice']], { default: 'no' }),
    monetary('amount_untaxed', 'Untaxed Amount', { compute: (env, id) => orderTotal(env, id, lineSubtotal) }),
    monetary('amount_tax', 'Taxes', { compute: (env, id) => orderTotal(env, id, lineTax) }),
    monetary('amount_total', 'Total', { compute: (env, id) => orderTotal(env, id, lineSubtotal) + orderTotal(env, id, lineTax) }),
  ],
  methods: [
    orderAction('action_confirm', confirmOrders),
    orderAction('action_cancel', cancelOrders),
    orderAction('action_draft', orderToDraft),
  ],
  overrides: {
    unlink: (env, ids, next) => {
      if (ids.some((id) => !['draft', 'cancel'].includes(env.stored('sale.order', id, 'state') as string))) {
        throw userError('You can not delete a sent quotation or a confirmed sales order. You must first cancel it.');
      }
      next();
    },
  },
};

export const saleOrderLine: ModelDefinition = {
  name: 'sale.order.line',
  description: 'Sales Order Line',
  order: 'order_id, sequence, id',
  fields: [
    many2one('order_id', 'Order Reference', 'sale.order', { required: true, ondelete: 'cascade' }),
    float('sequence', 'Sequence', { default: 10 }),
    many2one('product_id', 'Product', 'product.product', { ondelete: 'restrict' }),
    char('name', 'Description', { required: true, default: (env, vals) => (vals.product_id ? env.displayName('product.product', vals.product_id as number) : false) }),
    float('product_uom_qty', 'Quantity', { required: true, default: 1 }),
    many2one('product_uom', 'Unit of Measure', 'uom.uom', { default: productUom, versions: { to: 18 } }),
    many2one('product_uom_id', 'Unit', 'uom.uom', { default: productUom, versions: { from: 19 } }),
    float('price_unit', 'Unit Price', { required: true, default: (env, vals) => defaultPrice(env, vals) }),
    float('discount', 'Discount (%)', { default: 0 }),
    many2many('tax_id', 'Taxes', 'account.tax', { versions: { to: 18 } }),
    many2many('tax_ids', 'Taxes', 'account.tax', { versions: { from: 19 } }),
    monetary('price_subtotal', 'Subtotal', { compute: (env, id) => lineSubtotal(env, id) }),
    monetary('price_tax', 'Total Tax', { compute: (env, id) => lineTax(env, id) }),
    monetary('price_total', 'Total', { compute: (env, id) => lineSubtotal(env, id) + lineTax(env, id) }),
    float('qty_delivered', 'Delivery Quantity', { compute: (env, id) => qtyDelivered(env, id) }),
    float('qty_invoiced', 'Invoiced Quantity', { default: 0, readonly: true }),
    selection('state', 'Order Status', STATES_17, { compute: (env, id) => env.stored('sale.order', env.ref('sale.order.line', id, 'order_id') as number, 'state') }),
  ],
  displayName: (env, id) => `${env.stored('sale.order', env.ref('sale.order.line', id, 'order_id') as number, 'name')} - ${env.stored('sale.order.line', id, 'name')}`,
};

export const saleOrderCancel: ModelDefinition = {
  name: 'sale.order.cancel',
  description: 'Sales Order Cancel',
  fields: [many2one('order_id', 'Sale Order', 'sale.order', { required: true, ondelete: 'cascade' })],
  methods: [
    {
      name: 'action_cancel',
      owner: 'SaleOrderCancel',
      api: 'records',
      params: [],
      run: ({ env, ids }) => cancelDirectly(env, ids.map((id) => env.ref('sale.order.cancel', id, 'order_id') as number)),
    },
  ],
};

function productUom(env: Env, vals: Vals): unknown {
  return vals.product_id ? env.stored('product.product', vals.product_id as number, 'uom_id') : false;
}

function defaultPrice(env: Env, vals: Vals): number {
  if (!vals.product_id || !vals.order_id) return 0;
  const pricelist = env.ref('sale.order', vals.order_id as number, 'pricelist_id');
  return priceFor(env, pricelist, vals.product_id as number, num(vals.product_uom_qty ?? 1));
}

function defaultPricelist(env: Env, vals: Vals): number | false {
  const partner = vals.partner_id as number | undefined;
  const fromPartner = partner && env.exists('res.partner', partner) ? env.ref('res.partner', partner, 'property_product_pricelist') : false;
  return fromPartner || (env.search('product.pricelist', [], { limit: 1 })[0] ?? false);
}
