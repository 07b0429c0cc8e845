import { ODOO_VERSIONS, OdooVersion } from './orm/model-definition';
import { seedDemoCatalog } from './seed/demo-catalog';
import { OdooSimulator, startOdooSimulator } from './simulator';
import { jsonRpc, legacy, legacyResult } from './spec-support/rpc-clients';

describe('version profiles', () => {
  const sims = new Map<OdooVersion, OdooSimulator>();
  beforeAll(async () => {
    for (const version of ODOO_VERSIONS) sims.set(version, await startOdooSimulator({ version, seed: (seed) => void seedDemoCatalog(seed) }));
  });
  afterAll(async () => {
    for (const sim of sims.values()) await sim.stop();
  });

  const fieldNames = async (version: OdooVersion, model: string) =>
    Object.keys((await legacyResult(legacy(sims.get(version)!)(model, 'fields_get', [], { attributes: ['type'] }))) as object);

  it.each([
    [16, ['product_uom', 'tax_id'], ['product_uom_id', 'tax_ids']],
    [17, ['product_uom', 'tax_id'], ['product_uom_id', 'tax_ids']],
    [18, ['product_uom', 'tax_id'], ['product_uom_id', 'tax_ids']],
    [19, ['product_uom_id', 'tax_ids'], ['product_uom', 'tax_id']],
  ] as const)('names sale.order.line fields as Odoo %i does', async (version, present, absent) => {
    const names = await fieldNames(version, 'sale.order.line');
    expect(names).toEqual(expect.arrayContaining([...present]));
    absent.forEach((name) => expect(names).not.toContain(name));
  });

  it.each([
    [16, ['quantity_done', 'reserved_availability'], ['quantity', 'picked']],
    [17, ['quantity', 'picked'], ['quantity_done']],
    [19, ['quantity', 'picked'], ['quantity_done']],
  ] as const)('names stock.move quantities as Odoo %i does', async (version, present, absent) => {
    const names = await fieldNames(version, 'stock.move');
    expect(names).toEqual(expect.arrayContaining([...present]));
    absent.forEach((name) => expect(names).not.toContain(name));
  });

  it('has a done sale order state up to 16 and a locked flag from 17', async () => {
    const selection = async (version: OdooVersion) => {
      const fields = (await legacyResult(legacy(sims.get(version)!)('sale.order', 'fields_get', [['state', 'locked']], { attributes: ['selection'] }))) as Record<string, { selection?: string[][] }>;
      return { states: fields.state.selection!.map(([key]) => key), locked: 'locked' in fields };
    };
    expect(await selection(16)).toEqual({ states: ['draft', 'sent', 'sale', 'done', 'cancel'], locked: false });
    expect(await selection(19)).toEqual({ states: ['draft', 'sent', 'sale', 'cancel'], locked: true });
  });

  it('marks storable products with type=product up to 17 and is_storable from 18', async () => {
    const read = async (version: OdooVersion, fields: string[]) =>
      ((await legacyResult(legacy(sims.get(version)!)('product.product', 'search_read', [[['default_code', '=', 'SKU-1001']], fields]))) as object[])[0];
    expect(await read(17, ['type', 'detailed_type'])).toMatchObject({ type: 'product', detailed_type: 'product' });
    expect(await read(18, ['type', 'is_storable'])).toMatchObject({ type: 'consu', is_storable: true });
  });

  it('raises AccessDenied from authenticate in 16 and answers false from 17', async () => {
    const authenticate = (version: OdooVersion) => jsonRpc(sims.get(version)!, 'common', 'authenticate', ['odoo', 'admin', 'wrong', {}]);
    expect((await authenticate(16)).error?.data.name).toBe('odoo.exceptions.AccessDenied');
    expect((await authenticate(17)).result).toBe(false);
  });

  it('calls the name_search domain `args` up to 17 and `domain` from 18', async () => {
    const call = (version: OdooVersion, kwargs: Record<string, unknown>) => legacy(sims.get(version)!)('res.partner', 'name_search', [], { name: 'Acme', ...kwargs });
    expect((await call(17, { args: [] })).result).toEqual([[expect.any(Number), 'Acme Hardware Ltd']]);
    expect((await call(17, { domain: [] })).error?.data.message).toBe("BaseModel.name_search() got an unexpected keyword argument 'domain'");
    expect((await call(18, { domain: [] })).result).toEqual([[expect.any(Number), 'Acme Hardware Ltd']]);
  });

  it('seeds the demo catalog with stock in both warehouses on every version', () => {
    for (const sim of sims.values()) {
      const products = sim.orm.searchRead('product.product', [['default_code', '=like', 'SKU-%']], ['qty_available']);
      expect(products).toHaveLength(8);
      products.forEach((product) => expect(product.qty_available).toBe(160));
    }
  });
});
