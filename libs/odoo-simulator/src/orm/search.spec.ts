import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('search: domains, archived rows, order, paging', () => {
  const sim = useSimulator({ version: 19 });

  function partners() {
    const acme = sim().seed.partner({ name: 'Acme Corp', ref: 'C-1', credit_limit: 100, is_company: true });
    const bolt = sim().seed.partner({ name: 'Bolt Ltd', ref: 'C-2', credit_limit: 500, is_company: true });
    const carl = sim().seed.partner({ name: 'carl', ref: false, parent_id: acme, credit_limit: 0 });
    const gone = sim().seed.partner({ name: 'Archived Inc', ref: 'C-9', active: false });
    return { acme, bolt, carl, gone };
  }

  const searchLegacy = (domain: unknown[], kwargs: Record<string, unknown> = {}) =>
    legacyResult(legacy(sim())('res.partner', 'search', [domain], { order: 'id', ...kwargs })) as Promise<number[]>;

  it('supports comparison and set operators', async () => {
    const { acme, bolt, carl } = partners();
    expect(await searchLegacy([['ref', '=', 'C-1']])).toEqual([acme]);
    expect(await searchLegacy([['credit_limit', '>', 50], ['credit_limit', '<=', 500]])).toEqual([acme, bolt]);
    expect(await searchLegacy([['credit_limit', '>=', 500]])).toEqual([bolt]);
    expect(await searchLegacy([['credit_limit', '<', 100], ['customer_rank', '=', 1]])).toEqual([carl]);
    expect(await searchLegacy([['ref', 'in', ['C-1', 'C-2']]])).toEqual([acme, bolt]);
    expect(await searchLegacy([['ref', 'not in', ['C-1']], ['customer_rank', '=', 1]])).toEqual([bolt, carl]);
    // != and not in include NULLs, like Odoo's generated SQL.
    expect(await searchLegacy([['ref', '!=', 'C-1'], ['customer_rank', '=', 1]])).toEqual([bolt, carl]);
    expect(await searchLegacy([['ref', '=', false], ['customer_rank', '=', 1]])).toEqual([carl]);
  });

  it('supports like, ilike and =like patterns', async () => {
    const { acme, bolt, carl } = partners();
    expect(await searchLegacy([['name', 'like', 'Corp']])).toEqual([acme]);
    expect(await searchLegacy([['name', 'like', 'CARL']])).toEqual([]);
    expect(await searchLegacy([['name', 'ilike', 'CARL']])).toEqual([carl]);
    expect(await searchLegacy([['name', '=like', 'B%']])).toEqual([bolt]);
    expect(await searchLegacy([['name', '=ilike', 'acme_corp']])).toEqual([acme]);
    expect(await searchLegacy([['name', 'not ilike', 'a'], ['customer_rank', '=', 1]])).toEqual([bolt]);
  });

  it('combines terms with prefix &, | and !', async () => {
    const { acme, bolt, carl } = partners();
    expect(await searchLegacy(['|', ['ref', '=', 'C-1'], ['ref', '=', 'C-2']])).toEqual([acme, bolt]);
    expect(await searchLegacy(['!', ['is_company', '=', true], ['customer_rank', '=', 1]])).toEqual([carl]);
    expect(await searchLegacy(['&', ['is_company', '=', true], '|', ['credit_limit', '=', 100], ['credit_limit', '=', 500]])).toEqual([acme, bolt]);
  });

  it('follows many2one paths and child_of', async () => {
    const { acme, carl } = partners();
    expect(await searchLegacy([['parent_id.ref', '=', 'C-1']])).toEqual([carl]);
    expect(await searchLegacy([['parent_id', '=', 'Acme Corp']])).toEqual([carl]);
    expect(await searchLegacy([['id', 'child_of', acme]])).toEqual([acme, carl]);
  });

  it('hides archived rows unless the context says active_test: false or the domain names active', async () => {
    const { gone } = partners();
    expect(await searchLegacy([['ref', '=', 'C-9']])).toEqual([]);
    expect(await searchLegacy([['ref', '=', 'C-9']], { context: { active_test: false } })).toEqual([gone]);
    expect(await searchLegacy([['ref', '=', 'C-9'], ['active', '=', false]])).toEqual([gone]);
    expect(await json2Result(json2(sim())('res.partner', 'search_count', { domain: [['ref', '=', 'C-9']], context: { active_test: false } }))).toBe(1);
  });

  it('orders, offsets and limits like SQL', async () => {
    const { acme, bolt, carl } = partners();
    expect(await searchLegacy([['customer_rank', '=', 1]], { order: 'credit_limit desc, id' })).toEqual([bolt, acme, carl]);
    expect(await searchLegacy([['customer_rank', '=', 1]], { order: 'ref asc' })).toEqual([acme, bolt, carl]);
    expect(await searchLegacy([['customer_rank', '=', 1]], { order: 'ref desc' })).toEqual([carl, bolt, acme]);
    expect(await searchLegacy([['customer_rank', '=', 1]], { offset: 1, limit: 1 })).toEqual([bolt]);
    const bad = await legacy(sim())('res.partner', 'search', [[]], { order: 'name; drop table' });
    expect(bad.error?.data.message).toMatch(/^Invalid "order" specified \(name; drop table\)/);
  });

  it('rejects unknown fields and malformed leaves with ValueError', async () => {
    const unknown = await legacy(sim())('res.partner', 'search', [[['shoe_size', '=', 42]]]);
    expect(unknown.error?.data).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field res.partner.shoe_size in leaf ('shoe_size', '=', 42)" });
    const operator = await json2(sim())('res.partner', 'search', { domain: [['name', '~', 'x']] });
    expect([operator.status, (operator.json as { message: string }).message]).toEqual([500, "Invalid leaf ('name', '~', 'x')"]);
    const dangling = await legacy(sim())('res.partner', 'search', [['|', ['name', '=', 'x']]]);
    expect(dangling.error?.data.message).toMatch(/is syntactically not correct\.$/);
  });

  it('compares datetimes at full precision against second-precision text', async () => {
    const ids = sim().orm.search('res.partner', [['write_date', '>=', '2000-01-01 00:00:00']]);
    expect(ids.length).toBeGreaterThan(0);
    expect(sim().orm.search('res.partner', [['write_date', '<', '2000-01-01']])).toEqual([]);
  });

  it('answers name_search with [id, display_name] pairs (domain parameter named args before 18)', async () => {
    const { acme } = partners();
    expect(await json2Result(json2(sim())('res.partner', 'name_search', { name: 'acme', domain: [['is_company', '=', true]] }))).toEqual([[acme, 'Acme Corp']]);
    const product = sim().seed.product({ name: 'Drill', default_code: 'DR-1' });
    expect(await json2Result(json2(sim())('product.product', 'name_search', { name: 'DR-1' }))).toEqual([[product, '[DR-1] Drill']]);
  });

  it('describes fields with fields_get, filtered by names and attributes', async () => {
    const fields = await json2Result(json2(sim())('sale.order', 'fields_get', { allfields: ['partner_id', 'state'], attributes: ['type', 'relation', 'required'] }));
    expect(fields).toEqual({
      partner_id: { type: 'many2one', relation: 'res.partner', required: true },
      state: { type: 'selection', required: false },
    });
  });
});
