import { jsonRpc, legacy, postJson, useSimulator } from '../spec-support/rpc-clients';

describe('POST /jsonrpc (legacy API)', () => {
  const sim = useSimulator({ version: 17 });

  it('answers common.version with the server version and protocol 1', async () => {
    const body = await jsonRpc(sim(), 'common', 'version', []);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { server_version: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''], server_serie: '17.0', protocol_version: 1 },
    });
  });

  it('authenticates with a password or an API key and answers false for wrong credentials', async () => {
    const db = sim().database;
    expect((await jsonRpc(sim(), 'common', 'authenticate', [db, 'admin', 'admin', {}])).result).toBe(2);
    expect((await jsonRpc(sim(), 'common', 'login', [db, 'integration', 'simulator-integration-api-key'])).result).toBe(6);
    expect((await jsonRpc(sim(), 'common', 'authenticate', [db, 'admin', 'wrong', {}])).result).toBe(false);
    expect((await jsonRpc(sim(), 'common', 'login', [db, 'nobody', 'admin'])).result).toBe(false);
  });

  it('checks credentials on every object call: AccessDenied with the exact error envelope', async () => {
    const body = await jsonRpc(sim(), 'object', 'execute_kw', [sim().database, 2, 'wrong', 'res.partner', 'search', [[]]]);
    expect(body).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: 200,
        message: 'Odoo Server Error',
        data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied', arguments: ['Access Denied'], context: {}, debug: expect.any(String) },
      },
    });
    expect(body).not.toHaveProperty('result');
  });

  it('accepts an API key in place of the password', async () => {
    const body = await jsonRpc(sim(), 'object', 'execute_kw', [sim().database, 6, 'simulator-integration-api-key', 'res.partner', 'search_count', [[]]]);
    expect(body.result).toEqual(expect.any(Number));
  });

  it('omits `result` when the method returns None', async () => {
    const product = sim().seed.product({ name: 'Counted' });
    const location = sim().seed.existingWarehouse().stockLocationId;
    const call = legacy(sim());
    const created = await call('stock.quant', 'create', [{ product_id: product, location_id: location, inventory_quantity: 3 }], { context: { inventory_mode: true } });
    const applied = await call('stock.quant', 'action_apply_inventory', [[created.result]]);
    expect(applied).toEqual({ jsonrpc: '2.0', id: 7 });
  });

  it('reports an unknown model as UserError, a private method as AccessError, an unknown method as AttributeError', async () => {
    const call = legacy(sim());
    const unknownModel = await call('x.nothing', 'search', [[]]);
    expect(unknownModel.error?.data).toMatchObject({ name: 'odoo.exceptions.UserError', message: "Object x.nothing doesn't exist", arguments: ["Object x.nothing doesn't exist"] });
    const privateMethod = await call('res.partner', '_compute_display_name', [[1]]);
    expect(privateMethod.error?.data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message: "Private methods (such as 'res.partner._compute_display_name') cannot be called remotely.",
    });
    const unknownMethod = await call('res.partner', 'fly', [[1]]);
    expect(unknownMethod.error?.data).toMatchObject({ name: 'builtins.AttributeError', message: "The method 'res.partner.fly' does not exist" });
  });

  it('reports an unknown database as a PostgreSQL error', async () => {
    const body = await jsonRpc(sim(), 'object', 'execute_kw', ['other', 2, 'admin', 'res.partner', 'search', [[]]]);
    expect(body.error?.data.name).toBe('psycopg2.OperationalError');
  });

  it('answers bad JSON with HTTP 400 "Invalid JSON data" and a non-object with "Invalid JSON-RPC data"', async () => {
    const badJson = await postJson(`${sim().url}/jsonrpc`, '{"jsonrpc": ');
    expect([badJson.status, badJson.text]).toEqual([400, 'Invalid JSON data']);
    const notAnObject = await postJson(`${sim().url}/jsonrpc`, '[1, 2]');
    expect([notAnObject.status, notAnObject.text]).toEqual([400, 'Invalid JSON-RPC data']);
  });

  it('supports execute with positional arguments only', async () => {
    const body = await jsonRpc(sim(), 'object', 'execute', [sim().database, 2, 'admin', 'res.country', 'search', [['code', '=', 'DE']]]);
    expect(body.result).toEqual([expect.any(Number)]);
  });

  it('raises Python TypeErrors for wrong argument shapes', async () => {
    const call = legacy(sim());
    const writeWithoutIds = await call('res.partner', 'write', [{ name: 'x' }]);
    expect(writeWithoutIds.error?.data).toMatchObject({ name: 'builtins.TypeError', message: "BaseModel.write() missing 1 required positional argument: 'vals'" });
    const unexpected = await call('res.partner', 'search', [[]], { bogus: 1 });
    expect(unexpected.error?.data.message).toBe("BaseModel.search() got an unexpected keyword argument 'bogus'");
    const notADict = await call('res.partner', 'create', [[1, 2]]);
    expect(notADict.error?.data).toMatchObject({ name: 'builtins.TypeError', message: "'int' object is not a mapping" });
  });
});
