import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('ir.model.data: internal users read and create, only admins change', () => {
  const sim = useSimulator({ version: 19 });
  const integration = () => sim().users[1];

  it('lets an internal user read and create external ids on both APIs', async () => {
    const partner = sim().seed.partner({ name: 'Acme' });
    const created = await legacyResult(legacy(sim(), integration())('ir.model.data', 'create', [{ module: '__backbone__', name: 'partner_acme', model: 'res.partner', res_id: partner }]));
    const found = await json2Result(json2(sim(), integration())('ir.model.data', 'search_read', { domain: [['module', '=', '__backbone__'], ['name', '=', 'partner_acme']], fields: ['model', 'res_id', 'complete_name'] }));
    expect(found).toEqual([{ id: created, model: 'res.partner', res_id: partner, complete_name: '__backbone__.partner_acme' }]);
  });

  it('refuses write and unlink to an internal user with the ACL message', async () => {
    const xmlid = sim().seed.externalId('__backbone__.x', 'res.partner', 1);
    const write = await legacy(sim(), integration())('ir.model.data', 'write', [[xmlid], { res_id: 2 }]);
    expect(write.error?.data).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message:
        "You are not allowed to modify 'Model Data' (ir.model.data) records.\n\n" +
        'This operation is allowed for the following groups:\n\t- Administration / Settings\n\n' +
        'Contact your administrator to request access if necessary.',
    });
    const unlink = await json2(sim(), integration())('ir.model.data', 'unlink', { ids: [xmlid] });
    expect(unlink.status).toBe(403);
    expect((unlink.json as { message: string }).message).toMatch(/^You are not allowed to delete 'Model Data' \(ir\.model\.data\) records\./);
    expect(await json2Result(json2(sim())('ir.model.data', 'write', { ids: [xmlid], vals: { res_id: 2 } }))).toBe(true);
  });

  it('keeps module.name unique and free of spaces', async () => {
    sim().seed.externalId('__backbone__.order_1', 'sale.order', 1);
    const duplicate = await legacy(sim(), integration())('ir.model.data', 'create', [{ module: '__backbone__', name: 'order_1', model: 'sale.order', res_id: 2 }]);
    expect(duplicate.error?.data).toMatchObject({
      name: 'odoo.exceptions.ValidationError',
      message: 'The operation cannot be completed: duplicate key value violates unique constraint "ir_model_data_module_name_uniq_index"\nDETAIL:  Key (module, name)=(__backbone__, order_1) already exists.\n',
    });
    const spaced = await legacy(sim(), integration())('ir.model.data', 'create', [{ module: '__backbone__', name: 'order 2', model: 'sale.order', res_id: 2 }]);
    expect(spaced.error?.data.message).toBe('The operation cannot be completed: External IDs cannot contain spaces');
  });
});
