import { jsonRpc, json2, legacy, useSimulator } from '../spec-support/rpc-clients';

describe('call statistics', () => {
  const sim = useSimulator({ version: 19 });

  it('counts calls per api, model and method, failed calls included', async () => {
    await jsonRpc(sim(), 'common', 'authenticate', ['odoo', 'admin', 'admin', {}]);
    await legacy(sim())('res.partner', 'search', [[]]);
    await legacy(sim())('res.partner', 'search', [[['bad', '=', 1]]]);
    await json2(sim())('sale.order', 'search_read', { domain: [] });
    expect(sim().stats.count()).toBe(4);
    expect(sim().stats.total).toBe(4);
    expect(sim().stats.count({ api: 'jsonrpc', model: 'res.partner', method: 'search' })).toBe(2);
    expect(sim().stats.count({ model: null })).toBe(1);
    expect(sim().stats.entries()).toEqual(
      expect.arrayContaining([
        { api: 'jsonrpc', model: null, method: 'authenticate', count: 1 },
        { api: 'json2', model: 'sale.order', method: 'search_read', count: 1 },
      ]),
    );
  });

  it('does not count direct ORM use or version probes, and resets', async () => {
    sim().orm.search('res.partner');
    await fetch(`${sim().url}/json/version`);
    expect(sim().stats.total).toBe(0);
    await legacy(sim())('res.partner', 'search', [[]]);
    sim().stats.reset();
    expect([sim().stats.total, sim().stats.maxConcurrent]).toEqual([0, 0]);
  });
});
