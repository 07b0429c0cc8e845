import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('read encoding and create shapes', () => {
  const clock = { now: new Date('2025-03-04T05:06:07.890Z') };
  const sim = useSimulator({ version: 19, clock: () => clock.now });

  function orderWithLine() {
    const partner = sim().seed.partner({ name: 'Acme' });
    const product = sim().seed.product({ name: 'Drill', default_code: 'D-1' });
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: product, product_uom_qty: 2, price_unit: 10 }]] });
    return { partner, product, order };
  }

  it.each(['jsonrpc', 'json2'] as const)('encodes many2one as [id, display_name], x2many as ids, empty as false, datetimes as UTC text (%s)', async (api) => {
    const { partner, order } = orderWithLine();
    const fields = ['partner_id', 'order_line', 'client_order_ref', 'date_order', 'amount_total', 'create_uid'];
    const [record] = (api === 'jsonrpc'
      ? await legacyResult(legacy(sim())('sale.order', 'read', [[order], fields]))
      : await json2Result(json2(sim())('sale.order', 'read', { ids: [order], fields }))) as Array<Record<string, unknown>>;
    expect(record).toEqual({
      id: order,
      partner_id: [partner, 'Acme'],
      order_line: [expect.any(Number)],
      client_order_ref: false,
      date_order: '2025-03-04 05:06:07',
      amount_total: 20,
      create_uid: [1, 'OdooBot'],
    });
  });

  it('gives bare ids for many2one when load is falsy', async () => {
    const { partner, order } = orderWithLine();
    const [record] = (await json2Result(json2(sim())('sale.order', 'read', { ids: [order], fields: ['partner_id'], load: null }))) as Array<Record<string, unknown>>;
    expect(record.partner_id).toBe(partner);
  });

  it('reads every field when none are named, including display_name', async () => {
    const { order } = orderWithLine();
    const [record] = (await legacyResult(legacy(sim())('sale.order', 'read', [[order]]))) as Array<Record<string, unknown>>;
    expect(record).toMatchObject({ display_name: 'S00001', state: 'draft', write_date: '2025-03-04 05:06:07' });
  });

  it('creates one id from a dict and a list of ids from a list (legacy)', async () => {
    const call = legacy(sim());
    expect(await legacyResult(call('res.partner', 'create', [{ name: 'One' }]))).toEqual(expect.any(Number));
    expect(await legacyResult(call('res.partner', 'create', [[{ name: 'Two' }, { name: 'Three' }]]))).toEqual([expect.any(Number), expect.any(Number)]);
  });

  it('fails a legacy create whose vals come by keyword, as api.call_kw reads args[0] (and rolls it back)', async () => {
    const body = await legacy(sim())('res.partner', 'create', [], { vals_list: { name: 'By keyword' } });
    expect(body.error?.data).toMatchObject({ name: 'builtins.IndexError', message: 'tuple index out of range' });
    expect(sim().orm.search('res.partner', [['name', '=', 'By keyword']])).toEqual([]);
  });

  it('raises MissingError for ids that do not exist', async () => {
    const body = await legacy(sim())('res.partner', 'read', [[999], ['name']]);
    expect(body.error?.data).toMatchObject({ name: 'odoo.exceptions.MissingError', message: 'Record does not exist or has been deleted.\n(Record: res.partner(999,), User: 2)' });
    const response = await json2(sim())('res.partner', 'write', { ids: [999], vals: { name: 'x' } });
    expect(response.status).toBe(404);
  });

  it('raises ValueError for an unknown field in read', async () => {
    const body = await legacy(sim())('res.partner', 'read', [[1], ['name', 'shoe_size']]);
    expect(body.error?.data).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field 'shoe_size' on model 'res.partner'" });
  });

  it('refuses values Odoo cannot convert', async () => {
    const call = legacy(sim());
    const badSelection = await call('res.partner', 'create', [{ name: 'X', type: 'martian' }]);
    expect(badSelection.error?.data.message).toBe("Wrong value for res.partner.type: 'martian'");
    const badDate = await call('sale.order', 'create', [{ partner_id: 1, date_order: '2025-03-04T05:06:07Z' }]);
    expect(badDate.error?.data.message).toBe("time data '2025-03-04T05:06:07Z' does not match format '%Y-%m-%d %H:%M:%S'");
    const badNumber = await call('res.partner', 'create', [{ name: 'X', credit_limit: 'lots' }]);
    expect(badNumber.error?.data.message).toBe("could not convert string to float: 'lots'");
  });

  it('ignores audit columns in vals, as Odoo does', async () => {
    const id = (await legacyResult(legacy(sim())('res.partner', 'create', [{ name: 'Stamped', write_date: '2000-01-01 00:00:00' }]))) as number;
    const [record] = sim().orm.read('res.partner', [id], ['write_date', 'write_uid']);
    expect(record).toEqual({ id, write_date: '2025-03-04 05:06:07', write_uid: [2, 'Mitchell Admin'] });
  });
});
