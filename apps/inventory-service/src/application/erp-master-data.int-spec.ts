import { join } from 'node:path';
import { createBackboneCodec, Outbox } from '@backbone/events';
import { createTestDatabase, testStack, type TestDatabase } from '@backbone/events/testing';
import type { ProductChanged, StockLevelChanged } from '@backbone/schemas';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import { ErpMasterData } from './erp-master-data';
import { IngestStockEvent } from './ingest-stock-event';

describe('ErpMasterData on PostgreSQL', () => {
  let database: TestDatabase;
  let masterData: ErpMasterData;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    await database.db('location').insert([
      { location_id: 'WH-ODOO', kind: 'WAREHOUSE', on_hand_authority: 'ODOO', odoo_location: 'WH/Stock' },
      { location_id: 'WH-WMS', kind: 'WAREHOUSE', on_hand_authority: 'WMS', odoo_location: 'WH2/Stock' },
    ]);
    await database.db('channel').insert({ channel: 'web', location_ids: ['WH-ODOO'] });
    masterData = new ErpMasterData(new IngestStockEvent(database.db, new Outbox(createBackboneCodec({ url: testStack.registryUrl }), 'inventory-service')));
  });

  afterAll(() => database.drop());

  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute));
  const productChanged = (overrides: Partial<ProductChanged> = {}): ProductChanged => ({
    productId: 7,
    sku: 'SKU-ERP',
    name: 'Mug',
    barcode: null,
    uom: 'Units',
    listPrice: { amount: '9.90', currency: 'EUR' },
    active: true,
    changedAt: at(0),
    ...overrides,
  });
  const apply = (product: ProductChanged) => database.db.transaction((trx) => masterData.applyProductChanged(trx, product));
  const product = (sku = 'SKU-ERP') => database.db('product').where({ sku }).first('base_unit', 'base_per_unit', 'active', 'erp_changed_at');

  it('creates the product from Odoo and applies newer changes (archiving), never an older one', async () => {
    expect(await apply(productChanged())).toMatchObject({ outcome: 'SAVE' });
    expect(await product()).toEqual({ base_unit: 'Units', base_per_unit: {}, active: true, erp_changed_at: at(0) });

    await database.db('product').where({ sku: 'SKU-ERP' }).update({ base_per_unit: { 'Box of 6': '6' } }); // conversions set by ops
    expect(await apply(productChanged({ active: false, changedAt: at(5) }))).toMatchObject({ outcome: 'SAVE' });
    expect(await apply(productChanged({ active: true, changedAt: at(3) }))).toEqual({ outcome: 'IGNORED_OLDER' });

    expect(await product()).toEqual({ base_unit: 'Units', base_per_unit: { 'Box of 6': '6' }, active: false, erp_changed_at: at(5) });
  });

  it('refuses a new base unit while the ledger holds stock in the old one, and changes nothing', async () => {
    await database.db('product').insert({ sku: 'SKU-KG', base_unit: 'kg', erp_changed_at: at(0) });
    await database.db('ledger_entry').insert({
      sku: 'SKU-KG', location_id: 'WH-WMS', quantity_type: 'ON_HAND', change_kind: 'DELTA', quantity: 5, unit: 'kg', reported_quantity: 5, reported_unit: 'kg',
      source_system: 'wms', reason_code: 'STOCK.RECEIPT', occurred_at: at(0), recorded_at: at(0), status: 'APPLIED', balance_after: 5,
    });

    const decision = await apply(productChanged({ sku: 'SKU-KG', uom: 'g', changedAt: at(10) }));

    expect(decision).toMatchObject({ outcome: 'REFUSED', error: { code: 'INVENTORY.BASE_UNIT_CHANGE_WITH_STOCK' } });
    expect(await product('SKU-KG')).toMatchObject({ base_unit: 'kg', erp_changed_at: at(0) });
  });

  describe('stock levels', () => {
    const level = (overrides: Partial<StockLevelChanged> = {}): StockLevelChanged => ({
      sku: 'SKU-LVL',
      productId: 8,
      locationId: 'WH/Stock',
      onHand: { value: '40', uom: 'Units' },
      reserved: { value: '15', uom: 'Units' },
      changedAt: at(20),
      ...overrides,
    });
    const record = (...levels: StockLevelChanged[]) => database.db.transaction((trx) => masterData.recordStockLevels(trx, levels));
    const position = (locationId: string) => database.db('stock_position').where({ sku: 'SKU-LVL', location_id: locationId }).first('on_hand', 'reserved');
    const entries = (locationId: string) => database.db('ledger_entry').where({ sku: 'SKU-LVL', location_id: locationId }).orderBy('id').pluck('status');

    beforeAll(() => database.db('product').insert({ sku: 'SKU-LVL', base_unit: 'Units' }));

    it("records Odoo's on hand as a count where Odoo is the authority, leaves Odoo's reserved out, and marks availability", async () => {
      const [outcome] = await record(level());

      expect(outcome.outcome).toBe('RECORDED');
      expect(await position('WH-ODOO')).toEqual({ on_hand: '40', reserved: '0' });
      const [entry] = await database.db('ledger_entry').where({ sku: 'SKU-LVL', location_id: 'WH-ODOO' });
      expect(entry).toMatchObject({ change_kind: 'ABSOLUTE', quantity_type: 'ON_HAND', source_system: 'odoo', reason_code: 'STOCK.ERP_LEVEL', status: 'APPLIED', occurred_at: at(20) });
      expect(await database.db('availability_pending').where({ sku: 'SKU-LVL' }).pluck('channel')).toEqual(['web']);
    });

    it('treats a replay of the same quant state as a duplicate and an older level as stale', async () => {
      const outcomes = await record(level(), level({ onHand: { value: '55', uom: 'Units' }, changedAt: at(19) }));

      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['DUPLICATE', 'RECORDED']);
      expect(await entries('WH-ODOO')).toEqual(['APPLIED', 'STALE']);
      expect(await position('WH-ODOO')).toEqual({ on_hand: '40', reserved: '0' });
    });

    it('never subtracts twice: a shipment that Odoo\'s later level already includes is superseded, a later one re-applied on top', async () => {
      const ship = (minute: number) =>
        database.db.transaction((trx) =>
          new IngestStockEvent(database.db, new Outbox(createBackboneCodec({ url: testStack.registryUrl }), 'inventory-service')).execute(
            { kind: 'ADJUSTMENT', sku: 'SKU-LVL', locationId: 'WH-ODOO', quantity: { value: '-5', uom: 'Units' }, cause: { eventId: `ship-${minute}`, sourceSystem: 'odoo', reasonCode: 'STOCK.SHIPMENT' }, occurredAt: at(minute), sequence: null, reportedBy: 'ODOO' },
            trx,
          ),
        );
      await ship(30); // 40 → 35
      await ship(21); // before the level below: Odoo's 35 includes it

      await record(level({ onHand: { value: '35', uom: 'Units' }, changedAt: at(25) }));

      expect(await position('WH-ODOO')).toEqual({ on_hand: '30', reserved: '0' }); // 35 counted at :25, then the :30 shipment
    });

    it('records levels at a location whose authority is the WMS as not authoritative, and skips unmapped Odoo locations', async () => {
      const outcomes = await record(level({ locationId: 'WH2/Stock' }), level({ locationId: 'Partner Locations/Customers' }));

      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['RECORDED', 'UNMAPPED_LOCATION']);
      expect(await entries('WH-WMS')).toEqual(['NOT_AUTHORITATIVE']);
      expect(await position('WH-WMS')).toEqual({ on_hand: '0', reserved: '0' });
      expect(await database.db('ledger_entry').where({ location_id: 'Partner Locations/Customers' }).first()).toBeUndefined();
    });
  });
});
