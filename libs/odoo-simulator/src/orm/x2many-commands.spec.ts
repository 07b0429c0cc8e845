import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('x2many command triples', () => {
  const sim = useSimulator({ version: 19 });

  function setUp() {
    const partner = sim().seed.partner({ name: 'Acme' });
    const [a, b, c] = ['A', 'B', 'C'].map((name) => sim().seed.product({ name }));
    const [tax1, tax2] = [10, 20].map((amount) => sim().orm.create('account.tax', { name: `${amount}%`, amount }));
    return { partner, a, b, c, tax1, tax2 };
  }

  const lines = (order: number) => sim().orm.read('sale.order', [order], ['order_line'])[0].order_line as number[];
  const lineProducts = (order: number) => sim().orm.read('sale.order.line', lines(order), ['product_id']).map((line) => (line.product_id as [number, string])[1]);

  it('applies [0,0,vals], [1,id,vals], [2,id,0] on a one2many (legacy)', async () => {
    const { partner, a, b } = setUp();
    const call = legacy(sim());
    const order = (await legacyResult(call('sale.order', 'create', [{ partner_id: partner, order_line: [[0, 0, { product_id: a }], [0, 0, { product_id: b }]] }]))) as number;
    expect(lineProducts(order)).toEqual(['A', 'B']);
    const [first, second] = lines(order);
    await legacyResult(call('sale.order', 'write', [[order], { order_line: [[1, first, { product_uom_qty: 7 }], [2, second, 0]] }]));
    expect(sim().orm.read('sale.order.line', lines(order), ['product_uom_qty'])).toEqual([{ id: first, product_uom_qty: 7 }]);
    expect(sim().orm.search('sale.order.line', [['id', '=', second]])).toEqual([]);
  });

  it('deletes a one2many line on [3,id,0] and [5,0,0] when its inverse cascades', async () => {
    const { partner, a, b, c } = setUp();
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: a }], [0, 0, { product_id: b }], [0, 0, { product_id: c }]] });
    const [first] = lines(order);
    await json2Result(json2(sim())('sale.order', 'write', { ids: [order], vals: { order_line: [[3, first, 0]] } }));
    expect(lineProducts(order)).toEqual(['B', 'C']);
    await json2Result(json2(sim())('sale.order', 'write', { ids: [order], vals: { order_line: [[5, 0, 0]] } }));
    expect(lines(order)).toEqual([]);
    expect(sim().orm.search('sale.order.line', [['order_id', '=', order]])).toEqual([]);
  });

  it('links [4,id,0] and replaces [6,0,ids] on a one2many whose inverse does not cascade', async () => {
    const { partner, a, b } = setUp();
    const picking = sim().orm.create('stock.picking', { picking_type_id: sim().seed.existingWarehouse().deliveryTypeId, partner_id: partner });
    const [moveA, moveB] = [a, b].map((product) => sim().orm.create('stock.move', { product_id: product, product_uom_qty: 1, location_id: 1, location_dest_id: 2 }));
    await legacyResult(legacy(sim())('stock.picking', 'write', [[picking], { move_ids: [[4, moveA, 0]] }]));
    expect(sim().orm.read('stock.picking', [picking], ['move_ids'])[0].move_ids).toEqual([moveA]);
    await legacyResult(legacy(sim())('stock.picking', 'write', [[picking], { move_ids: [[6, 0, [moveB]]] }]));
    expect(sim().orm.read('stock.picking', [picking], ['move_ids'])[0].move_ids).toEqual([moveB]);
  });

  it('applies every command to a many2many', async () => {
    const { partner, a, tax1, tax2 } = setUp();
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: a, tax_ids: [[6, 0, [tax1]]] }]] });
    const [line] = lines(order);
    const taxes = () => sim().orm.read('sale.order.line', [line], ['tax_ids'])[0].tax_ids;
    const write = (commands: unknown[]) => legacyResult(legacy(sim())('sale.order.line', 'write', [[line], { tax_ids: commands }]));
    await write([[4, tax2, 0]]);
    expect(taxes()).toEqual([tax1, tax2]);
    await write([[3, tax1, 0]]);
    expect(taxes()).toEqual([tax2]);
    await write([[5, 0, 0]]);
    expect(taxes()).toEqual([]);
    await write([[0, 0, { name: '5%', amount: 5 }]]);
    const [created] = taxes() as number[];
    await write([[1, created, { amount: 6 }]]);
    expect(sim().orm.read('account.tax', [created], ['amount'])[0].amount).toBe(6);
    await write([[2, created, 0]]);
    expect(taxes()).toEqual([]);
    expect(sim().orm.search('account.tax', [['id', '=', created]])).toEqual([]);
    await write([[6, 0, [tax1, tax2]]]);
    expect(taxes()).toEqual([tax1, tax2]);
  });

  it('refuses malformed commands and links to records that do not exist', async () => {
    const { partner, a } = setUp();
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: a }]] });
    const malformed = await legacy(sim())('sale.order', 'write', [[order], { order_line: [[9, 0, 0]] }]);
    expect(malformed.error?.data.name).toBe('builtins.ValueError');
    const [line] = lines(order);
    const missingTax = await legacy(sim())('sale.order.line', 'write', [[line], { tax_ids: [[4, 999, 0]] }]);
    expect(missingTax.error?.data).toMatchObject({ name: 'odoo.exceptions.ValidationError', message: expect.stringContaining('Constraint: sale_order_line_tax_ids_fkey') });
  });
});
