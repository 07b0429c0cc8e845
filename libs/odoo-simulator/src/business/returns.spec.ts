import { startOdooSimulator } from '../simulator';
import { confirmedOrder, onHandAt } from '../spec-support/flows';
import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('stock.return.picking (Odoo 19: action_create_returns)', () => {
  const sim = useSimulator({ version: 19 });

  function deliveredOrder() {
    const flow = confirmedOrder(sim(), [3]);
    sim().orm.call('stock.picking', 'button_validate', [flow.picking]);
    return flow;
  }

  it('creates an incoming return picking from the returned lines and books the goods back on validation', async () => {
    const { order, picking, moves, products } = deliveredOrder();
    const call = json2(sim());
    const context = { active_id: picking, active_model: 'stock.picking' };
    const [wizard] = (await json2Result(call('stock.return.picking', 'create', { vals_list: [{}], context }))) as number[];
    const [{ product_return_moves }] = sim().orm.read('stock.return.picking', [wizard], ['product_return_moves']);
    const [line] = product_return_moves as number[];
    // From 18 the returned quantity starts at zero: the client says what came back.
    expect(sim().orm.read('stock.return.picking.line', [line], ['product_id', 'quantity', 'move_id'])[0]).toMatchObject({ quantity: 0, move_id: [moves[0], expect.any(String)] });
    await json2Result(call('stock.return.picking', 'write', { ids: [wizard], vals: { product_return_moves: [[1, line, { quantity: 2 }]] } }));
    const action = (await json2Result(call('stock.return.picking', 'action_create_returns', { ids: [wizard], context }))) as Record<string, unknown>;
    expect(action).toMatchObject({ name: 'Returned Picking', type: 'ir.actions.act_window', res_model: 'stock.picking', res_id: expect.any(Number) });
    const returned = action.res_id as number;
    expect(sim().orm.read('stock.picking', [returned], ['name', 'picking_type_code', 'origin', 'location_id', 'location_dest_id', 'return_id', 'state'])[0]).toMatchObject({
      name: 'WH/IN/00001',
      picking_type_code: 'incoming',
      origin: 'Return of WH/OUT/00001',
      location_id: [expect.any(Number), 'Partners/Customers'],
      location_dest_id: [expect.any(Number), 'WH/Stock'],
      return_id: [picking, 'WH/OUT/00001'],
      state: 'assigned',
    });
    expect(await json2Result(call('stock.picking', 'button_validate', { ids: [returned] }))).toBe(true);
    expect(onHandAt(sim(), products[0])).toBe(7 + 2);
    expect(sim().orm.searchRead('sale.order.line', [['order_id', '=', order]], ['qty_delivered'])[0].qty_delivered).toBe(1);
  });

  it('takes explicit lines and refuses zero quantities', async () => {
    const { picking, moves, products } = deliveredOrder();
    const call = json2(sim());
    const [wizard] = (await json2Result(
      call('stock.return.picking', 'create', { vals_list: [{ picking_id: picking, product_return_moves: [[0, 0, { product_id: products[0], quantity: 0, move_id: moves[0] }]] }] }),
    )) as number[];
    const refused = await call('stock.return.picking', 'action_create_returns', { ids: [wizard] });
    expect([refused.status, (refused.json as { message: string }).message]).toEqual([422, 'Please specify at least one non-zero quantity.']);
  });

  it('only returns done pickings', async () => {
    const { picking } = confirmedOrder(sim(), [1]);
    const response = await json2(sim())('stock.return.picking', 'create', { vals_list: [{ picking_id: picking }] });
    expect([response.status, (response.json as { message: string }).message]).toEqual([422, 'You may only return Done pickings.']);
  });
});

describe('stock.return.picking (Odoo 17: create_returns)', () => {
  it('defaults the returned quantity to what was delivered and names the button create_returns', async () => {
    const sim = await startOdooSimulator({ version: 17 });
    try {
      const { picking } = confirmedOrder(sim, [3]);
      sim.orm.call('stock.picking', 'button_validate', [picking]);
      const context = { active_id: picking, active_model: 'stock.picking' };
      const wizard = (await legacyResult(legacy(sim)('stock.return.picking', 'create', [{}], { context }))) as number;
      const [{ product_return_moves }] = sim.orm.read('stock.return.picking', [wizard], ['product_return_moves']);
      expect(sim.orm.read('stock.return.picking.line', product_return_moves as number[], ['quantity'])[0].quantity).toBe(3);
      const renamed = await legacy(sim)('stock.return.picking', 'action_create_returns', [[wizard]]);
      expect(renamed.error?.data.message).toBe("The method 'stock.return.picking.action_create_returns' does not exist");
      const action = (await legacyResult(legacy(sim)('stock.return.picking', 'create_returns', [[wizard]], { context }))) as { res_id: number };
      const [returned] = sim.orm.read('stock.picking', [action.res_id], ['picking_type_code', 'move_ids']);
      expect(returned).toMatchObject({ picking_type_code: 'incoming', move_ids: [expect.any(Number)] });
      expect(sim.orm.fieldsOf('stock.picking')).not.toContain('return_id');
    } finally {
      await sim.stop();
    }
  });
});
