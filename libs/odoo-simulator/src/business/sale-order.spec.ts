import { startOdooSimulator } from '../simulator';
import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('sale.order: confirm, cancel, prices', () => {
  const sim = useSimulator({ version: 19 });

  function quotation() {
    const partner = sim().seed.partner({ name: 'Acme' });
    const drill = sim().seed.product({ name: 'Drill', default_code: 'DR', list_price: 100 });
    const bits = sim().seed.product({ name: 'Bits', default_code: 'BI', list_price: 5 });
    const shipping = sim().seed.product({ name: 'Shipping', storable: false, type: 'service', list_price: 7 });
    sim().seed.stock(drill, 10);
    sim().seed.stock(bits, 5);
    const order = sim().orm.create('sale.order', {
      partner_id: partner,
      client_order_ref: 'PO-42',
      order_line: [[0, 0, { product_id: drill, product_uom_qty: 4 }], [0, 0, { product_id: bits, product_uom_qty: 20 }], [0, 0, { product_id: shipping }]],
    });
    return { partner, drill, bits, order };
  }

  it('confirms into a delivery with a reserved move per goods line', async () => {
    const { drill, bits, order } = quotation();
    expect(await json2Result(json2(sim())('sale.order', 'action_confirm', { ids: [order] }))).toBe(true);
    const [confirmed] = sim().orm.read('sale.order', [order], ['name', 'state', 'picking_ids', 'amount_untaxed']);
    expect(confirmed).toMatchObject({ name: 'S00001', state: 'sale', picking_ids: [expect.any(Number)], amount_untaxed: 4 * 100 + 20 * 5 + 7 });
    const [picking] = sim().orm.read('stock.picking', confirmed.picking_ids as number[], ['name', 'state', 'origin', 'picking_type_code', 'location_id', 'location_dest_id', 'move_ids', 'sale_id']);
    expect(picking).toMatchObject({ name: 'WH/OUT/00001', state: 'assigned', origin: 'S00001', picking_type_code: 'outgoing', location_id: [expect.any(Number), 'WH/Stock'], location_dest_id: [expect.any(Number), 'Partners/Customers'], sale_id: [order, 'S00001'] });
    const moves = sim().orm.read('stock.move', picking.move_ids as number[], ['product_id', 'product_uom_qty', 'quantity', 'state']);
    expect(moves.map(({ id: _id, ...move }) => move)).toEqual([
      { product_id: [drill, '[DR] Drill'], product_uom_qty: 4, quantity: 4, state: 'assigned' },
      { product_id: [bits, '[BI] Bits'], product_uom_qty: 20, quantity: 5, state: 'partially_available' },
    ]);
    expect(sim().orm.searchRead('stock.quant', [['product_id', '=', bits]], ['quantity', 'reserved_quantity', 'available_quantity'])).toEqual([
      { id: expect.any(Number), quantity: 5, reserved_quantity: 5, available_quantity: 0 },
    ]);
  });

  it('refuses to confirm twice', async () => {
    const { order } = quotation();
    await legacyResult(legacy(sim())('sale.order', 'action_confirm', [[order]]));
    const again = await legacy(sim())('sale.order', 'action_confirm', [[order]]);
    expect(again.error?.data).toMatchObject({ name: 'odoo.exceptions.UserError', message: 'Some orders are not in a state requiring confirmation.' });
  });

  it('answers cancel on a confirmed order with the sale.order.cancel wizard action', async () => {
    const { order } = quotation();
    await legacyResult(legacy(sim())('sale.order', 'action_confirm', [[order]]));
    const action = await legacyResult(legacy(sim())('sale.order', 'action_cancel', [[order]]));
    expect(action).toEqual({
      name: 'Cancel Sales Order',
      view_mode: 'form',
      res_model: 'sale.order.cancel',
      view_id: false,
      type: 'ir.actions.act_window',
      context: { default_order_id: order, mark_so_as_canceled: true, default_template_id: false },
      target: 'new',
    });
    expect(sim().orm.read('sale.order', [order], ['state'])[0].state).toBe('sale');
  });

  it('cancels directly with disable_cancel_warning, cancelling the open delivery and freeing its reservation', async () => {
    const { order, bits } = quotation();
    await legacyResult(legacy(sim())('sale.order', 'action_confirm', [[order]]));
    expect(await legacyResult(legacy(sim())('sale.order', 'action_cancel', [[order]], { context: { disable_cancel_warning: true } }))).toBe(true);
    const [cancelled] = sim().orm.read('sale.order', [order], ['state', 'picking_ids']);
    expect(cancelled.state).toBe('cancel');
    expect(sim().orm.read('stock.picking', cancelled.picking_ids as number[], ['state'])[0].state).toBe('cancel');
    expect(sim().orm.searchRead('stock.quant', [['product_id', '=', bits]], ['reserved_quantity'])[0].reserved_quantity).toBe(0);
  });

  it('cancels through the wizard the action names, and back to quotation with action_draft', async () => {
    const { order } = quotation();
    await legacyResult(legacy(sim())('sale.order', 'action_confirm', [[order]]));
    const wizard = (await json2Result(json2(sim())('sale.order.cancel', 'create', { vals_list: [{}], context: { default_order_id: order } }))) as number[];
    expect(await json2Result(json2(sim())('sale.order.cancel', 'action_cancel', { ids: wizard }))).toBe(true);
    expect(await json2Result(json2(sim())('sale.order', 'action_draft', { ids: [order] }))).toBe(true);
    expect(sim().orm.read('sale.order', [order], ['state'])[0].state).toBe('draft');
  });

  it('prices lines from the customer pricelist when no price is sent', async () => {
    const drill = sim().seed.product({ name: 'Drill', list_price: 100 });
    const pricelist = sim().orm.create('product.pricelist', {
      name: 'B2B',
      item_ids: [
        [0, 0, { applied_on: '0_product_variant', product_id: drill, compute_price: 'fixed', fixed_price: 80, min_quantity: 10 }],
        [0, 0, { applied_on: '3_global', compute_price: 'percentage', percent_price: 10 }],
      ],
    });
    const partner = sim().seed.partner({ name: 'B2B buyer', property_product_pricelist: pricelist });
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: drill, product_uom_qty: 12 }], [0, 0, { product_id: drill, product_uom_qty: 2 }], [0, 0, { product_id: drill, price_unit: 99 }]] });
    const lines = sim().orm.searchRead('sale.order.line', [['order_id', '=', order]], ['price_unit'], { order: 'id' });
    expect(lines.map((line) => line.price_unit)).toEqual([80, 90, 99]);
  });

  it('keeps Odoo 16 behaviour: a done state and its own confirmation message', async () => {
    const sim16 = await startOdooSimulator({ version: 16 });
    try {
      const partner = sim16.seed.partner({ name: 'Acme' });
      const order = sim16.orm.create('sale.order', { partner_id: partner, state: 'done' });
      const body = await legacy(sim16)('sale.order', 'action_confirm', [[order]]);
      expect(body.error?.data.message).toBe('It is not allowed to confirm an order in the following states: done, cancel');
      const cancel = await legacy(sim16)('sale.order', 'action_cancel', [[order]]);
      expect(cancel.error?.data.message).toBe('You cannot cancel a locked order. Please unlock it first.');
    } finally {
      await sim16.stop();
    }
  });
});
