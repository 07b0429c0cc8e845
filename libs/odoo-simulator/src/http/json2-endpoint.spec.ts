import { startOdooSimulator } from '../simulator';
import { json2, json2Result, postJson, useSimulator } from '../spec-support/rpc-clients';

describe('POST /json/2/<model>/<method> (JSON-2 API)', () => {
  const sim = useSimulator({ version: 19 });

  it('serves /json/version and /web/version without authentication', async () => {
    for (const path of ['/json/version', '/web/version']) {
      const response = await fetch(`${sim().url}${path}`);
      expect(await response.json()).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' });
    }
  });

  it('returns bare results: ids for search, records for search_read, ids for create', async () => {
    const call = json2(sim());
    const ids = await json2Result(call('res.partner', 'create', { vals_list: [{ name: 'A' }, { name: 'B' }] }));
    expect(ids).toEqual([expect.any(Number), expect.any(Number)]);
    const one = await json2Result(call('res.partner', 'create', { vals_list: { name: 'C' } }));
    expect(one).toEqual([expect.any(Number)]);
    expect(await json2Result(call('res.partner', 'search', { domain: [['name', 'in', ['A', 'B']]], order: 'name' }))).toEqual(ids);
    expect(await json2Result(call('res.partner', 'search_read', { domain: [['name', '=', 'A']], fields: ['name'] }))).toEqual([{ id: (ids as number[])[0], name: 'A' }]);
  });

  it('answers 401 Invalid apikey, and asks for a key when none is sent', async () => {
    const wrongKey = await postJson(`${sim().url}/json/2/res.partner/search`, { domain: [] }, { Authorization: 'Bearer nope' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrongKey.json).toEqual({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401], context: {}, debug: expect.any(String) });
    const noKey = await postJson(`${sim().url}/json/2/res.partner/search`, { domain: [] });
    expect(noKey.status).toBe(401);
    expect((noKey.json as { message: string }).message).toBe('User not authenticated, use an API Key with a Bearer Authorization header.');
  });

  it('answers 404 for an unknown model, an unknown method or another database', async () => {
    const call = json2(sim());
    const model = await call('x.nothing', 'search', { domain: [] });
    expect([model.status, (model.json as { message: string }).message]).toEqual([404, "the model 'x.nothing' does not exist"]);
    expect((model.json as { name: string }).name).toBe('werkzeug.exceptions.NotFound');
    const method = await call('res.partner', 'fly', {});
    expect([method.status, (method.json as { message: string }).message]).toEqual([404, "The method 'res.partner.fly' does not exist"]);
    const database = await call('res.partner', 'search', { domain: [] }, { 'X-Odoo-Database': 'elsewhere' });
    expect(database.status).toBe(404);
  });

  it('answers 403 for private methods', async () => {
    const response = await json2(sim())('res.partner', '_read', { ids: [1] });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ name: 'odoo.exceptions.AccessError', message: "Private methods (such as 'res.partner._read') cannot be called remotely." });
  });

  it('answers 422 for ids on a model method and for arguments that do not bind', async () => {
    const call = json2(sim());
    const withIds = await call('res.partner', 'search', { ids: [1], domain: [] });
    expect([withIds.status, (withIds.json as { message: string }).message]).toEqual([422, 'cannot call res.partner.search with ids']);
    const missing = await call('res.partner', 'search', {});
    expect(missing.json).toMatchObject({ name: 'werkzeug.exceptions.UnprocessableEntity', message: "missing a required argument: 'domain'", arguments: ["missing a required argument: 'domain'", 422] });
    const unexpected = await call('res.partner', 'write', { ids: [1], vals: {}, bogus: true });
    expect([unexpected.status, (unexpected.json as { message: string }).message]).toEqual([422, "got an unexpected keyword argument 'bogus'"]);
  });

  it('answers 500 builtins.ValueError for an unknown field and 422 for a UserError', async () => {
    const call = json2(sim());
    const unknownField = await call('res.partner', 'create', { vals_list: [{ name: 'A', shoe_size: 42 }] });
    expect(unknownField.status).toBe(500);
    expect(unknownField.json).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field 'shoe_size' on model 'res.partner'" });
    const order = newOrder();
    expect((await call('sale.order', 'action_confirm', { ids: [order] })).status).toBe(200);
    const again = await call('sale.order', 'action_confirm', { ids: [order] });
    expect([again.status, (again.json as { name: string }).name]).toEqual([422, 'odoo.exceptions.UserError']);
  });

  it('answers 404 "Did you mean POST ..." to other methods and bare /json/2, and 400 to bad JSON', async () => {
    const get = await fetch(`${sim().url}/json/2/res.partner/search`);
    expect(get.status).toBe(404);
    expect(await get.json()).toMatchObject({ name: 'werkzeug.exceptions.NotFound', message: 'Did you mean POST /json/2/<model>/<method>?' });
    const bare = await postJson(`${sim().url}/json/2`, {});
    expect(bare.status).toBe(404);
    const bad = await postJson(`${sim().url}/json/2/res.partner/search`, '{"domain": [', { Authorization: 'bearer simulator-admin-api-key' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ name: 'werkzeug.exceptions.BadRequest', message: expect.stringMatching(/^could not parse the body as json: /) });
  });

  it('returns null for a method returning None', async () => {
    const product = sim().seed.product({ name: 'Counted' });
    const call = json2(sim());
    const [quant] = (await json2Result(
      call('stock.quant', 'create', { vals_list: [{ product_id: product, location_id: sim().seed.existingWarehouse().stockLocationId, inventory_quantity: 5 }], context: { inventory_mode: true } }),
    )) as number[];
    const applied = await call('stock.quant', 'action_apply_inventory', { ids: [quant] });
    expect([applied.status, applied.text]).toEqual([200, 'null']);
  });

  it('does not exist before Odoo 19', async () => {
    const sim17 = await startOdooSimulator({ version: 17 });
    try {
      const response = await postJson(`${sim17.url}/json/2/res.partner/search`, { domain: [] }, { Authorization: 'bearer simulator-admin-api-key' });
      expect(response.status).toBe(404);
      expect(response.text).toContain('Not Found');
    } finally {
      await sim17.stop();
    }
  });

  function newOrder(): number {
    const partner = sim().seed.partner({ name: 'Customer' });
    const product = sim().seed.product({ name: 'Widget' });
    return sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: product, product_uom_qty: 1 }]] });
  }
});
