import { seedDemoCatalog, startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { API_MATRIX, odooSettingsFor } from '../testing/odoo-settings';
import { createOdooClient } from './create-odoo-client';
import type { OdooClient } from './odoo-client';
import { failureOf } from '../testing/odoo-failure';
import { OdooErrorCode } from './odoo-error';

describe.each(API_MATRIX)('OdooClient on Odoo $version over $api', ({ version, api }) => {
  let odoo: OdooSimulator;
  let client: OdooClient;

  beforeAll(async () => {
    odoo = await startOdooSimulator({ version, seed: (seed) => void seedDemoCatalog(seed) });
    client = createOdooClient(odooSettingsFor(odoo, api)).client;
  });
  afterAll(() => odoo.stop());

  it('reports the server version', async () => {
    expect(await client.version()).toEqual({ major: version, serie: `${version}.0` });
  });

  it('creates, finds, writes, counts and deletes records with named arguments', async () => {
    const [first, second] = await client.create('res.partner', [{ name: 'Client Spec A', ref: 'T-A' }, { name: 'Client Spec B', ref: 'T-B' }]);
    await client.write('res.partner', [second!], { ref: 'T-B2' });

    const rows = await client.searchRead<{ id: number; ref: string }>('res.partner', {
      domain: [['ref', 'in', ['T-A', 'T-B2']]],
      fields: ['ref'],
      order: 'ref asc',
    });
    expect(rows).toEqual([
      { id: first, ref: 'T-A' },
      { id: second, ref: 'T-B2' },
    ]);
    expect(await client.read('res.partner', [first!], ['name'])).toEqual([{ id: first, name: 'Client Spec A' }]);
    expect(await client.search('res.partner', [['ref', '=like', 'T-%']], { order: 'id desc', limit: 1 })).toEqual([second]);
    expect(await client.searchCount('res.partner', [['ref', '=like', 'T-%']])).toBe(2);

    await client.unlink('res.partner', [first!, second!]);
    expect(await client.searchCount('res.partner', [['ref', '=like', 'T-%']])).toBe(0);
  });

  it('maps a ValidationError (missing required field) to ERP.VALIDATION, not retriable', async () => {
    const error = await failureOf(client.create('sale.order', [{ client_order_ref: 'no-customer' }]));
    expect(error).toMatchObject({ code: OdooErrorCode.validation, retriable: false });
    expect(error.message).toContain('mandatory field is not set');
    expect(odoo.stats.count({ model: 'sale.order', method: 'create' })).toBe(1);
  });

  it('maps a UserError (confirming a cancelled order) to ERP.USER_ERROR', async () => {
    const partner = odoo.seed.partner({ name: 'User Error Customer' });
    const [orderId] = await client.create('sale.order', [{ partner_id: partner }]);
    await client.call('sale.order', 'action_cancel', { ids: [orderId!] });
    const error = await failureOf(client.call('sale.order', 'action_confirm', { ids: [orderId!] }));
    expect(error).toMatchObject({ code: OdooErrorCode.userError, retriable: false, odoo: { odooName: 'odoo.exceptions.UserError' } });
  });

  it('maps a MissingError (a deleted record) to ERP.MISSING_RECORD', async () => {
    const error = await failureOf(client.write('res.partner', [987_654], { ref: 'gone' }));
    expect(error).toMatchObject({ code: OdooErrorCode.missingRecord, retriable: false });
  });

  it('maps an AccessError (an internal user changing external ids) to ERP.ACCESS_ERROR', async () => {
    const [dataId] = await client.create('ir.model.data', [{ module: 'backbone', name: `acl_${version}_${api}`, model: 'res.partner', res_id: 1 }]);
    const error = await failureOf(client.write('ir.model.data', [dataId!], { noupdate: true }));
    expect(error).toMatchObject({ code: OdooErrorCode.accessError, retriable: false });
  });

  it('maps a refused API key to ERP.ACCESS_DENIED', async () => {
    const refused = createOdooClient(odooSettingsFor(odoo, api, { ODOO_API_KEY: 'not-a-key' })).client;
    const error = await failureOf(refused.searchCount('res.partner', []));
    expect(error).toMatchObject({ code: OdooErrorCode.accessDenied, retriable: false });
  });

  it('maps a call Odoo cannot bind (unknown field) to ERP.PROTOCOL', async () => {
    const error = await failureOf(client.searchRead('res.partner', { domain: [['no_such_field', '=', 1]] }));
    expect(error).toMatchObject({ code: OdooErrorCode.protocol, retriable: false });
    expect(error.message).toContain('no_such_field');
  });
});
