import { join } from 'node:path';
import { createBackboneCodec, Outbox } from '@backbone/events';
import { createTestDatabase, testStack, type TestDatabase } from '@backbone/events/testing';
import { startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import { createOdooClient } from '../odoo';
import { odooSettingsFor } from '../testing/odoo-settings';
import { ChangeCapture } from './change-capture';
import type { ChangeCaptureConfig } from './change-capture.settings';
import { CAPTURE_STREAMS, type CaptureStream } from './capture-streams';

const stream = (model: string): CaptureStream => CAPTURE_STREAMS.find((candidate) => candidate.model === model)!;
const config = (overrides: Partial<ChangeCaptureConfig> = {}) =>
  ({ CHANGE_CAPTURE_ENABLED: true, CHANGE_CAPTURE_POLL_MS: 1000, CHANGE_CAPTURE_OVERLAP_MS: 120_000, CHANGE_CAPTURE_PAGE_SIZE: 500, CHANGE_CAPTURE_MODELS: {}, ODOO_CURRENCY: 'EUR', ...overrides }) as ChangeCaptureConfig;

describe.each([
  { version: 19 as const, api: 'json2' as const },
  { version: 16 as const, api: 'jsonrpc' as const },
])('Change capture from Odoo $version ($api) into the outbox', ({ version, api }) => {
  let database: TestDatabase;
  let odoo: OdooSimulator;
  /** The simulator's clock: write_date is what it says when a call's transaction starts. */
  let now = new Date('2026-11-23T08:00:00Z');
  const codec = createBackboneCodec({ url: testStack.registryUrl });
  const outbox = new Outbox(codec, 'odoo-adapter');
  const adapter = (overrides: Partial<ChangeCaptureConfig> = {}) => new ChangeCapture(database.db, config(overrides), outbox, createOdooClient(odooSettingsFor(odoo, api)).client);
  const writer = () => createOdooClient(odooSettingsFor(odoo, api)).client;
  const at = (iso: string) => (now = new Date(iso));

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    odoo = await startOdooSimulator({ version, clock: () => now });
  });
  beforeEach(async () => {
    at('2026-11-23T08:00:00Z');
    odoo.reset();
    await database.db('event_outbox').delete();
    await database.db('change_capture_checkpoint').delete();
    await database.db('change_capture_seen').delete();
  });
  afterAll(async () => {
    await odoo.stop();
    await database.drop();
  });

  async function published(type: string): Promise<Array<{ key: string; payload: Record<string, unknown> }>> {
    const rows = await database.db('event_outbox').where({ event_type: `backbone.erp.${type}` }).orderBy('id');
    return Promise.all(rows.map(async (row) => ({ key: row.partition_key, payload: (await codec.decode(row.value)).payload as Record<string, unknown> })));
  }
  const skusOf = async (type: string) => (await published(type)).map((event) => event.payload.sku);

  it('publishes ProductChanged with the product state, archived products included, and a checkpoint', async () => {
    const drill = odoo.seed.product({ name: 'Drill', default_code: 'SKU-1', barcode: '4000000000017', list_price: 129.5 });
    at('2026-11-23T08:00:05Z');
    odoo.orm.write('product.product', [drill], { active: false });

    expect(await adapter().capture(stream('product.product'))).toEqual({ pages: 1, published: 1 });

    expect(await published('ProductChanged')).toEqual([
      {
        key: String(drill),
        payload: { productId: drill, sku: 'SKU-1', name: 'Drill', barcode: '4000000000017', uom: 'Units', listPrice: { amount: '129.5', currency: 'EUR' }, active: false, changedAt: new Date('2026-11-23T08:00:05Z') },
      },
    ]);
    expect(await database.db('change_capture_checkpoint').where({ model: 'product.product' }).first()).toMatchObject({ watermark: new Date('2026-11-23T08:00:05Z') });
  });

  it('republishes the variants of a changed template (Odoo keeps the sales price there), not the ones created with it', async () => {
    const drill = odoo.seed.product({ name: 'Drill', default_code: 'SKU-1' });
    const [template] = odoo.orm.read('product.product', [drill], ['product_tmpl_id'])[0].product_tmpl_id as [number, string];
    await adapter().capture(stream('product.product'));
    await adapter().capture(stream('product.template'));
    expect(await skusOf('ProductChanged')).toEqual(['SKU-1']);

    at('2026-11-23T08:30:00Z');
    odoo.orm.write('product.template', [template], { list_price: 149 });
    await adapter().capture(stream('product.product'));
    await adapter().capture(stream('product.template'));

    const events = await published('ProductChanged');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ key: String(drill), payload: { sku: 'SKU-1', changedAt: new Date('2026-11-23T08:30:00Z') } });
  });

  it('does not republish what an overlapped re-read finds again, and publishes a record changed again', async () => {
    const product = odoo.seed.product({ name: 'Saw', default_code: 'SKU-2' });
    const capture = adapter();
    await capture.capture(stream('product.product'));
    at('2026-11-23T08:00:10Z');

    expect(await capture.capture(stream('product.product'))).toEqual({ pages: 1, published: 0 });
    expect(odoo.stats.count({ model: 'product.product', method: 'search_read' })).toBe(2);

    odoo.orm.write('product.product', [product], { name: 'Circular saw' });
    await capture.capture(stream('product.product'));
    expect((await published('ProductChanged')).map((event) => event.payload.name)).toEqual(['Saw', 'Circular saw']);
  });

  it('captures exactly once a record whose older write_date commits after the watermark moved past it', async () => {
    const [early, late] = [odoo.seed.product({ name: 'Early', default_code: 'SKU-E' }), odoo.seed.product({ name: 'Later', default_code: 'SKU-L' })];
    const capture = adapter();
    await capture.capture(stream('product.product'));

    // A long transaction starts at 08:01 and commits only after another one that started at 08:02.
    odoo.faults.inject({ kind: 'delay', ms: 1500, match: { model: 'product.product', method: 'write' }, once: true });
    at('2026-11-23T08:01:00Z');
    const longTransaction = writer().write('product.product', [early], { name: 'Early, committed late' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // its transaction has started (and read the clock)
    at('2026-11-23T08:02:00Z');
    await writer().write('product.product', [late], { name: 'Later, committed first' });
    await capture.capture(stream('product.product'));
    expect(await database.db('change_capture_checkpoint').where({ model: 'product.product' }).first()).toMatchObject({ watermark: new Date('2026-11-23T08:02:00Z') });

    await longTransaction;
    await capture.capture(stream('product.product'));
    await capture.capture(stream('product.product'));

    const names = (await published('ProductChanged')).map((event) => event.payload.name);
    expect(names.filter((name) => name === 'Early, committed late')).toHaveLength(1);
    expect(names.filter((name) => name === 'Later, committed first')).toHaveLength(1);
    expect((await published('ProductChanged')).find((event) => event.payload.name === 'Early, committed late')!.payload.changedAt).toEqual(new Date('2026-11-23T08:01:00Z'));
  });

  it('would miss that record with no overlap: the overlap is what catches late commits', async () => {
    const early = odoo.seed.product({ name: 'Early', default_code: 'SKU-E' });
    const capture = adapter({ CHANGE_CAPTURE_OVERLAP_MS: 0 });
    odoo.faults.inject({ kind: 'delay', ms: 1500, match: { model: 'product.product', method: 'write' }, once: true });
    at('2026-11-23T08:01:00Z');
    const longTransaction = writer().write('product.product', [early], { name: 'Early, committed late' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    at('2026-11-23T08:02:00Z');
    odoo.seed.product({ name: 'Later', default_code: 'SKU-L' });
    await capture.capture(stream('product.product'));
    await longTransaction;

    await capture.capture(stream('product.product'));

    expect((await published('ProductChanged')).map((event) => event.payload.name)).not.toContain('Early, committed late');
  });

  it('reads a large backlog in pages, including more rows with one write_date than fit a page', async () => {
    odoo.orm.call('product.product', 'create', [], { vals_list: Array.from({ length: 60 }, (_, index) => ({ name: `Bulk ${index}`, default_code: `BULK-${index}` })) });
    for (let index = 0; index < 15; index += 1) {
      at(`2026-11-23T08:00:${String(10 + index).padStart(2, '0')}Z`);
      odoo.seed.product({ name: `Spread ${index}`, default_code: `SPREAD-${index}` });
    }

    const result = await adapter({ CHANGE_CAPTURE_PAGE_SIZE: 25 }).capture(stream('product.product'));

    const skus = await skusOf('ProductChanged');
    expect(skus).toHaveLength(75);
    expect(new Set(skus).size).toBe(75);
    expect(result!.pages).toBeGreaterThanOrEqual(4);
  });

  it('continues from the persisted checkpoint in a new instance (a restarted process)', async () => {
    odoo.seed.product({ name: 'Before restart', default_code: 'SKU-B' });
    await adapter().capture(stream('product.product'));
    at('2026-11-23T08:05:00Z');
    odoo.seed.product({ name: 'After restart', default_code: 'SKU-A' });

    const restarted = adapter();
    await restarted.capture(stream('product.product'));

    expect(await skusOf('ProductChanged')).toEqual(['SKU-B', 'SKU-A']);
    expect(odoo.stats.count({ model: 'product.product', method: 'search_read' })).toBe(2);
  });

  it('publishes each version once when two replicas capture the same model at once', async () => {
    odoo.orm.call('product.product', 'create', [], { vals_list: Array.from({ length: 30 }, (_, index) => ({ name: `P ${index}`, default_code: `REP-${index}` })) });

    await Promise.all([adapter({ CHANGE_CAPTURE_PAGE_SIZE: 7 }).capture(stream('product.product')), adapter({ CHANGE_CAPTURE_PAGE_SIZE: 7 }).capture(stream('product.product'))]);
    await adapter().capture(stream('product.product'));

    expect(await skusOf('ProductChanged')).toHaveLength(30);
  });

  it('publishes PartnerChanged with ref, pricelist, address and credit hold; posting an invoice republishes its partner', async () => {
    const pricelist = odoo.seed.create('product.pricelist', { name: 'B2B' });
    const [germany] = odoo.orm.search('res.country', [['code', '=', 'DE']]);
    const partner = odoo.seed.partner({
      name: 'Bolt GmbH', ref: 'C-BOLT', is_company: true, email: 'ap@bolt.test', street: 'Hauptstr. 1', city: 'Berlin', zip: '10115', country_id: germany,
      credit_limit: 100, use_partner_credit_limit: true, property_product_pricelist: pricelist,
    });
    await adapter().capture(stream('res.partner'));
    const [before] = (await published('PartnerChanged')).filter((event) => event.payload.partnerId === partner);
    expect(before.payload).toMatchObject({
      ref: 'C-BOLT', pricelistId: pricelist, isCompany: true, creditLimit: { amount: '100', currency: 'EUR' }, onCreditHold: false,
      address: { name: 'Bolt GmbH', street: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE', street2: null, region: null },
    });

    at('2026-11-23T08:10:00Z');
    const product = odoo.seed.product({ name: 'Drill', default_code: 'SKU-1', list_price: 150 });
    const invoice = odoo.orm.create('account.move', { move_type: 'out_invoice', partner_id: partner, ref: 'order-42', invoice_origin: 'S00042', invoice_line_ids: [[0, 0, { product_id: product, quantity: 1, price_unit: 150 }]] }) as number;
    odoo.orm.call('account.move', 'action_post', [invoice]);
    await adapter().capture(stream('account.move'));

    expect((await published('InvoiceChanged')).map((event) => event.payload)).toEqual([
      expect.objectContaining({ invoiceId: invoice, moveType: 'OUT_INVOICE', partnerId: partner, origin: 'S00042', reference: 'order-42', state: 'posted', paymentState: 'not_paid', amountTotal: { amount: '150', currency: 'EUR' }, amountResidual: { amount: '150', currency: 'EUR' } }),
    ]);
    const after = (await published('PartnerChanged')).filter((event) => event.payload.partnerId === partner).at(-1)!;
    expect(after.payload).toMatchObject({ onCreditHold: true, changedAt: new Date('2026-11-23T08:10:00Z') });
  });

  it('publishes PricelistChanged with items resolved to prices, and again when one of its items changes', async () => {
    const product = odoo.seed.product({ name: 'Drill', default_code: 'SKU-1', list_price: 100 });
    const pricelist = odoo.seed.create('product.pricelist', { name: 'B2B', item_ids: [[0, 0, { applied_on: '0_product_variant', product_id: product, compute_price: 'fixed', fixed_price: 90, min_quantity: 10 }]] });
    const ofB2b = async () => (await published('PricelistChanged')).filter((event) => event.key === String(pricelist)).map((event) => event.payload);
    const captureBoth = async () => {
      await adapter().capture(stream('product.pricelist'));
      await adapter().capture(stream('product.pricelist.item'));
    };
    await captureBoth();
    const created = await ofB2b();
    expect(created.at(-1)).toEqual({
      pricelistId: pricelist, name: 'B2B', currency: 'EUR', active: true, changedAt: new Date('2026-11-23T08:00:00Z'),
      items: [{ productId: product, sku: 'SKU-1', minQuantity: { value: '10', uom: 'Units' }, price: { amount: '90', currency: 'EUR' }, dateStart: null, dateEnd: null }],
    });

    at('2026-11-23T08:20:00Z');
    const [item] = odoo.orm.search('product.pricelist.item', [['pricelist_id', '=', pricelist]]);
    odoo.orm.write('product.pricelist.item', [item], { compute_price: 'percentage', percent_price: 15 });
    await captureBoth();

    const events = await ofB2b();
    expect(events).toHaveLength(created.length + 1);
    expect(events.at(-1)).toMatchObject({ changedAt: new Date('2026-11-23T08:20:00Z'), items: [{ price: { amount: '85' } }] });
  });

  it('publishes StockLevelChanged per SKU at internal locations', async () => {
    const product = odoo.seed.product({ name: 'Drill', default_code: 'SKU-1' });
    odoo.seed.stock(product, 12);

    await adapter().capture(stream('stock.quant'));

    expect(await published('StockLevelChanged')).toEqual([
      { key: 'SKU-1@WH/Stock', payload: { sku: 'SKU-1', productId: product, locationId: 'WH/Stock', onHand: { value: '12', uom: 'Units' }, reserved: { value: '0', uom: 'Units' }, changedAt: new Date('2026-11-23T08:00:00Z') } },
    ]);
  });
});
