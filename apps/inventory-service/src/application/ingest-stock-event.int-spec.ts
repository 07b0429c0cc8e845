import { join } from 'node:path';
import { createBackboneCodec, Outbox } from '@backbone/events';
import { createTestDatabase, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import type { StockEvent } from '../domain';
import { IngestStockEvent } from './ingest-stock-event';

const SOURCE = 'wms-east';

describe('IngestStockEvent on PostgreSQL', () => {
  let database: TestDatabase;
  let ingest: IngestStockEvent;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    await database.db('product').insert({ sku: 'SKU-1', base_unit: 'Units', base_per_unit: { 'Box of 12': '12' } });
    await database.db('location').insert([
      { location_id: 'WH-EAST', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
      { location_id: 'TRANSIT', kind: 'IN_TRANSIT', on_hand_authority: 'WMS' },
      { location_id: 'WH-WEST', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
    ]);
    ingest = new IngestStockEvent(database.db, new Outbox(createBackboneCodec({ url: testStack.registryUrl }), 'inventory-service'));
  });

  afterAll(() => database.drop());

  const event = (overrides: Partial<StockEvent> & Pick<StockEvent, 'kind'>): StockEvent =>
    ({
      sku: 'SKU-1',
      locationId: 'WH-EAST',
      quantity: { value: '1', uom: 'Units' },
      cause: { eventId: uniqueName('evt'), sourceSystem: SOURCE, reasonCode: 'WMS' },
      occurredAt: new Date(),
      sequence: null,
      reportedBy: 'WMS',
      ...overrides,
    }) as StockEvent;

  const onHand = async (locationId: string) => (await database.db('stock_position').where({ sku: 'SKU-1', location_id: locationId }).first())?.on_hand;

  it('converts units, writes ledger entries and balances, and appends StockChanged to the outbox', async () => {
    const outcome = await ingest.execute(event({ kind: 'RECEIPT', quantity: { value: '2', uom: 'Box of 12' } }));

    expect(outcome.outcome).toBe('RECORDED');
    expect(Number(await onHand('WH-EAST'))).toBe(24);
    const [entry] = await database.db('ledger_entry').where({ sku: 'SKU-1' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ quantity_type: 'ON_HAND', change_kind: 'DELTA', unit: 'Units', reported_unit: 'Box of 12', status: 'APPLIED', source_system: SOURCE });
    expect(Number(entry.quantity)).toBe(24);
    const outboxed = await database.db('event_outbox').orderBy('id', 'desc').first();
    expect(outboxed).toMatchObject({ event_type: 'backbone.inventory.StockChanged', partition_key: 'SKU-1@WH-EAST', topic: 'inventory.stock.v1' });
  });

  it('changes nothing when the same source event is delivered again', async () => {
    const receipt = event({ kind: 'RECEIPT', quantity: { value: '5', uom: 'Units' } });
    await ingest.execute(receipt);
    const before = await onHand('WH-EAST');

    expect((await ingest.execute(receipt)).outcome).toBe('DUPLICATE');
    expect(await onHand('WH-EAST')).toBe(before);
  });

  it('moves a transfer through the in-transit location', async () => {
    const east = Number(await onHand('WH-EAST'));
    await ingest.execute({ ...event({ kind: 'TRANSFER_OUT', quantity: { value: '4', uom: 'Units' } }), transitLocationId: 'TRANSIT' } as StockEvent);
    await ingest.execute({ ...event({ kind: 'TRANSFER_IN', locationId: 'WH-WEST', quantity: { value: '4', uom: 'Units' } }), transitLocationId: 'TRANSIT' } as StockEvent);

    expect(Number(await onHand('WH-EAST'))).toBe(east - 4);
    expect(Number(await onHand('WH-WEST'))).toBe(4);
    const transit = await database.db('stock_position').where({ sku: 'SKU-1', location_id: 'TRANSIT' }).first();
    expect(Number(transit.in_transit)).toBe(0);
  });

  it('keeps a newer count when an older delta arrives late', async () => {
    const countAt = new Date(Date.now() + 60_000);
    await ingest.execute(event({ kind: 'CYCLE_COUNT', quantityType: 'ON_HAND', quantity: { value: '100', uom: 'Units' }, occurredAt: countAt } as StockEvent));
    const late = await ingest.execute(event({ kind: 'ADJUSTMENT', quantity: { value: '-7', uom: 'Units' }, occurredAt: new Date(countAt.getTime() - 30_000) }));

    expect(late.outcome).toBe('RECORDED');
    expect(Number(await onHand('WH-EAST'))).toBe(100);
    const superseded = await database.db('ledger_entry').where({ status: 'SUPERSEDED' }).first();
    expect(Number(superseded.quantity)).toBe(-7);
  });

  it.each([
    ['an unknown SKU', { sku: 'NOPE' }, 'INVENTORY.UNKNOWN_SKU'],
    ['an unknown location', { locationId: 'MOON' }, 'INVENTORY.UNKNOWN_LOCATION'],
    ['a unit without a conversion', { quantity: { value: '1', uom: 'Pallet' } }, 'INVENTORY.UNIT_WITHOUT_CONVERSION'],
    // After the count of the test above, so the ordering rules apply it rather than supersede it.
    ['negative on hand where the location forbids it', { quantity: { value: '-100000', uom: 'Units' }, occurredAt: new Date(Date.now() + 120_000) }, 'INVENTORY.NEGATIVE_ON_HAND_NOT_ALLOWED'],
  ])('rejects %s with its reason and writes nothing', async (_name, overrides, code) => {
    const entriesBefore = (await database.db('ledger_entry').count({ n: '*' }))[0].n;
    const positionsBefore = (await database.db('stock_position').count({ n: '*' }))[0].n;

    const outcome = await ingest.execute(event({ kind: 'ADJUSTMENT', ...overrides } as StockEvent));

    expect(outcome).toMatchObject({ outcome: 'REJECTED', error: { code } });
    expect((await database.db('ledger_entry').count({ n: '*' }))[0].n).toBe(entriesBefore);
    expect((await database.db('stock_position').count({ n: '*' }))[0].n).toBe(positionsBefore);
  });

  it('applies a batch in order, each movement seeing the ones before it, a repeated one once', async () => {
    const receipt = event({ kind: 'RECEIPT', locationId: 'WH-WEST', quantity: { value: '10', uom: 'Units' } });
    const later = new Date(Date.now() + 600_000);
    const outcomes = await database.db.transaction((trx) =>
      ingest.executeMany(trx, [
        receipt,
        receipt,
        event({ kind: 'ADJUSTMENT', locationId: 'WH-WEST', quantity: { value: '-3', uom: 'Units' }, occurredAt: later }),
        event({ kind: 'ADJUSTMENT', locationId: 'MOON' }),
        event({ kind: 'CYCLE_COUNT', locationId: 'WH-WEST', quantityType: 'ON_HAND', quantity: { value: '50', uom: 'Units' }, occurredAt: new Date(later.getTime() - 1000) } as StockEvent),
      ]),
    );

    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['RECORDED', 'DUPLICATE', 'RECORDED', 'REJECTED', 'RECORDED']);
    // The count (50) is older than the -3 adjustment, which it re-applies on top: 47.
    expect(Number(await onHand('WH-WEST'))).toBe(47);
  });
});
