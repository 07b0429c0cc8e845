import { startOdooSimulator } from '../simulator';
import { confirmedOrder, onHandAt } from '../spec-support/flows';
import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('stock.picking.button_validate and the backorder wizard (Odoo 19)', () => {
  const sim = useSimulator({ version: 19 });
  const validate = (picking: number, context: Record<string, unknown> = {}) => json2Result(json2(sim())('stock.picking', 'button_validate', { ids: [picking], context }));
  const state = (picking: number) => sim().orm.read('stock.picking', [picking], ['state'])[0].state;

  it('validates a fully reserved delivery: done, stock leaves, the line is delivered', async () => {
    const { order, picking, products } = confirmedOrder(sim(), [3]);
    expect(await validate(picking)).toBe(true);
    expect(sim().orm.read('stock.picking', [picking], ['state', 'date_done'])[0]).toMatchObject({ state: 'done', date_done: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) });
    expect(onHandAt(sim(), products[0])).toBe(7);
    expect(sim().orm.searchRead('sale.order.line', [['order_id', '=', order]], ['qty_delivered'])[0].qty_delivered).toBe(3);
  });

  it('answers a short delivery with the stock.backorder.confirmation action and changes nothing yet', async () => {
    const { picking, moves } = confirmedOrder(sim(), [4, 2]);
    sim().orm.write('stock.move', [moves[0]], { quantity: 1, picked: true });
    sim().orm.write('stock.move', [moves[1]], { picked: true });
    const action = await validate(picking, { lang: 'en_US' });
    expect(action).toEqual({
      name: 'Create Backorder?',
      type: 'ir.actions.act_window',
      view_mode: 'form',
      res_model: 'stock.backorder.confirmation',
      views: [[false, 'form']],
      view_id: false,
      target: 'new',
      context: { lang: 'en_US', button_validate_picking_ids: [picking], default_show_transfers: false, default_pick_ids: [[4, picking, 0]] },
    });
    expect(state(picking)).toBe('assigned');
  });

  it('creates a backorder for the remainder when the wizard processes with the action context', async () => {
    const { order, picking, moves, products } = confirmedOrder(sim(), [4, 2]);
    sim().orm.write('stock.move', [moves[0]], { quantity: 1 });
    const action = (await validate(picking)) as { context: Record<string, unknown> };
    const call = json2(sim());
    const wizard = (await json2Result(call('stock.backorder.confirmation', 'create', { vals_list: [{}], context: action.context }))) as number[];
    expect(await json2Result(call('stock.backorder.confirmation', 'process', { ids: wizard, context: action.context }))).toBe(true);
    expect(sim().orm.read('stock.picking', [picking], ['state'])[0].state).toBe('done');
    const [backorder] = sim().orm.searchRead('stock.picking', [['backorder_id', '=', picking]], ['name', 'state', 'move_ids', 'origin']);
    expect(backorder).toMatchObject({ name: 'WH/OUT/00002', state: 'assigned', origin: 'S00001' });
    expect(sim().orm.read('stock.move', backorder.move_ids as number[], ['product_id', 'product_uom_qty', 'quantity'])).toEqual([
      { id: expect.any(Number), product_id: [products[0], '[P1] Product 1'], product_uom_qty: 3, quantity: 3 },
    ]);
    expect(sim().orm.read('stock.move', [moves[0]], ['product_uom_qty', 'quantity', 'state'])[0]).toMatchObject({ product_uom_qty: 1, quantity: 1, state: 'done' });
    expect(sim().orm.searchRead('sale.order.line', [['order_id', '=', order]], ['qty_delivered'], { order: 'id' }).map((l) => l.qty_delivered)).toEqual([1, 2]);
    expect(sim().orm.read('sale.order', [order], ['picking_ids'])[0].picking_ids).toHaveLength(2);
  });

  it('validates nothing when process() is called without the action context, as Odoo', async () => {
    const { picking, moves } = confirmedOrder(sim(), [4]);
    sim().orm.write('stock.move', [moves[0]], { quantity: 1 });
    const action = (await validate(picking)) as { context: Record<string, unknown> };
    const wizard = (await json2Result(json2(sim())('stock.backorder.confirmation', 'create', { vals_list: [{}], context: action.context }))) as number[];
    expect(await json2Result(json2(sim())('stock.backorder.confirmation', 'process', { ids: wizard }))).toBe(true);
    expect(state(picking)).toBe('assigned');
  });

  it('drops the remainder with process_cancel_backorder', async () => {
    const { picking, moves, products } = confirmedOrder(sim(), [4]);
    sim().orm.write('stock.move', [moves[0]], { quantity: 1 });
    const action = (await legacyResult(legacy(sim())('stock.picking', 'button_validate', [[picking]]))) as { context: Record<string, unknown> };
    const wizard = (await legacyResult(legacy(sim())('stock.backorder.confirmation', 'create', [{}], { context: action.context }))) as number;
    expect(await legacyResult(legacy(sim())('stock.backorder.confirmation', 'process_cancel_backorder', [[wizard]], { context: action.context }))).toBe(true);
    expect(state(picking)).toBe('done');
    expect(sim().orm.search('stock.picking', [['backorder_id', '=', picking]])).toEqual([]);
    const states = sim().orm.searchRead('stock.move', [['picking_id', '=', picking]], ['state', 'product_uom_qty'], { order: 'id' });
    expect(states.map(({ state: s, product_uom_qty }) => [s, product_uom_qty])).toEqual([['done', 1], ['cancel', 3]]);
    expect(onHandAt(sim(), products[0])).toBe(9);
  });

  it('counts only picked moves once any move is picked', async () => {
    const { picking, moves } = confirmedOrder(sim(), [2, 2]);
    sim().orm.write('stock.move', [moves[0]], { picked: true });
    const action = await validate(picking, { skip_backorder: true, picking_ids_not_to_backorder: [picking] });
    expect(action).toBe(true);
    const done = sim().orm.read('stock.move', moves, ['state']).map((move) => move.state);
    expect(done).toEqual(['done', 'cancel']);
  });

  it('refuses to validate when nothing is reserved or done', async () => {
    const { picking, moves } = confirmedOrder(sim(), [2]);
    sim().orm.write('stock.move', moves, { quantity: 0 });
    const body = await legacy(sim())('stock.picking', 'button_validate', [[picking]]);
    expect(body.error?.data).toMatchObject({
      name: 'odoo.exceptions.UserError',
      message: 'You cannot validate a transfer if no quantities are reserved, or if only non-reserved moves are picked.',
    });
  });
});

describe('stock.picking.button_validate with quantity_done (Odoo 16)', () => {
  it('uses quantity_done for what was done and reserved_availability for reservations', async () => {
    const sim = await startOdooSimulator({ version: 16 });
    try {
      const { picking, moves } = confirmedOrder(sim, [5]);
      expect(sim.orm.read('stock.move', moves, ['reserved_availability', 'quantity_done'])[0]).toMatchObject({ reserved_availability: 5, quantity_done: 0 });
      await legacyResult(legacy(sim)('stock.move', 'write', [moves, { quantity_done: 2 }]));
      const action = (await legacyResult(legacy(sim)('stock.picking', 'button_validate', [[picking]]))) as { res_model: string; context: Record<string, unknown> };
      expect(action.res_model).toBe('stock.backorder.confirmation');
      const wizard = await legacyResult(legacy(sim)('stock.backorder.confirmation', 'create', [{}], { context: action.context }));
      await legacyResult(legacy(sim)('stock.backorder.confirmation', 'process', [[wizard]], { context: action.context }));
      const [backorder] = sim.orm.searchRead('stock.picking', [['backorder_id', '=', picking]], ['move_ids']);
      expect(sim.orm.read('stock.move', backorder.move_ids as number[], ['product_uom_qty', 'reserved_availability'])[0]).toMatchObject({ product_uom_qty: 3, reserved_availability: 3 });
    } finally {
      await sim.stop();
    }
  });
});
