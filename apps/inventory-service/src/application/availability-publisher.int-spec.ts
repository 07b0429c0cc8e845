import { join } from 'node:path';
import { createBackboneCodec, Outbox } from '@backbone/events';
import { createTestDatabase, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import type { Knex } from 'knex';
import type { StockEvent } from '../domain';
import type { InventoryServiceConfig } from '../config/inventory-service.config';
import { AvailabilityPublisher } from './availability-publisher';
import { IngestStockEvent } from './ingest-stock-event';

describe('AvailabilityPublisher on PostgreSQL', () => {
  let database: TestDatabase;
  let ingest: IngestStockEvent;
  let publisher: AvailabilityPublisher;
  let slowPublisher: AvailabilityPublisher;
  const codec = createBackboneCodec({ url: testStack.registryUrl });

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    await database.db('product').insert(['SKU-AV', 'SKU-EDGE', 'SKU-RACE'].map((sku) => ({ sku, base_unit: 'kg' })));
    await database.db('location').insert([
      { location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
      { location_id: 'WH-9', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
    ]);
    await database.db('channel').insert([
      { channel: 'shop', location_ids: ['WH-1'], buffer_kind: 'ABSOLUTE', buffer_value: 2, reorder_points: { 'SKU-AV': '5' } },
      { channel: 'far-away', location_ids: ['WH-9'] },
    ]);
    const outbox = new Outbox(codec, 'inventory-service');
    ingest = new IngestStockEvent(database.db, outbox);
    publisher = new AvailabilityPublisher(database.db, { AVAILABILITY_INTERVAL_MS: 0 } as InventoryServiceConfig, outbox);
    slowPublisher = new AvailabilityPublisher(database.db, { AVAILABILITY_INTERVAL_MS: 60_000 } as InventoryServiceConfig, outbox);
  });

  afterAll(() => database.drop());

  const adjust = (value: string, sku = 'SKU-AV', trx?: Knex.Transaction) =>
    ingest.execute(
      {
        kind: 'ADJUSTMENT',
        sku,
        locationId: 'WH-1',
        quantity: { value, uom: 'kg' },
        cause: { eventId: uniqueName('adj'), sourceSystem: 'wms', reasonCode: 'STOCK.ADJUSTMENT' },
        occurredAt: new Date(),
        sequence: null,
        reportedBy: 'WMS',
      } as StockEvent,
      trx,
    );

  async function published(type: string) {
    const rows = await database.db('event_outbox').where({ event_type: type }).orderBy('id');
    return Promise.all(rows.map(async (row) => ({ key: row.partition_key, payload: (await codec.decode(row.value)).payload as Record<string, unknown> })));
  }

  async function availableFigures(sku: string) {
    const events = (await published('backbone.inventory.AvailabilityChanged')).filter((event) => event.payload.sku === sku);
    return events.map((event) => (event.payload.available as { value: string }).value);
  }

  it('coalesces a burst of changes into one AvailabilityChanged per channel and SKU, carrying the latest figure', async () => {
    for (const value of ['10', '3', '4', '-1', '2']) await adjust(value); // on hand 18

    await publisher.publishPending();

    const events = await published('backbone.inventory.AvailabilityChanged');
    expect(events).toHaveLength(1);
    expect(events[0].key).toBe('shop/SKU-AV');
    expect(events[0].payload).toMatchObject({ channel: 'shop', sku: 'SKU-AV', available: { value: '16', uom: 'kg' } });
  });

  it('publishes nothing when the figure did not change, and only for channels the location serves', async () => {
    await adjust('1');
    await adjust('-1');

    await publisher.publishPending();

    expect(await published('backbone.inventory.AvailabilityChanged')).toHaveLength(1);
    expect(await database.db('availability_pending').count({ n: '*' }).first()).toEqual({ n: '0' });
  });

  it('announces the drop below the reorder point once', async () => {
    await adjust('-12'); // on hand 6, available 4 < 5
    await publisher.publishPending();
    await adjust('-1'); // available 3: still below, no second announcement
    await publisher.publishPending();

    const reached = await published('backbone.inventory.ReorderPointReached');
    expect(reached).toHaveLength(1);
    expect(reached[0].payload).toMatchObject({ available: { value: '4', uom: 'kg' }, reorderPoint: { value: '5', uom: 'kg' } });
    expect((await published('backbone.inventory.AvailabilityChanged')).map((event) => (event.payload.available as { value: string }).value)).toEqual(['16', '4', '3']);
  });

  it('holds a pair published less than its interval ago until the interval has passed', async () => {
    const before = (await published('backbone.inventory.AvailabilityChanged')).length;
    await adjust('1');

    expect(await slowPublisher.publishPending()).toBe(0);

    expect(await published('backbone.inventory.AvailabilityChanged')).toHaveLength(before);
    expect(await database.db('availability_pending').where({ channel: 'shop', sku: 'SKU-AV' }).first('sku')).toEqual({ sku: 'SKU-AV' });
  });

  it('publishes a quiet pair at once (leading edge), then holds later changes until the interval has passed and publishes the latest (trailing edge)', async () => {
    const edgePublisher = new AvailabilityPublisher(database.db, { AVAILABILITY_INTERVAL_MS: 400 } as InventoryServiceConfig, new Outbox(codec, 'inventory-service'));
    await adjust('10', 'SKU-EDGE');
    await edgePublisher.publishPending();
    expect(await availableFigures('SKU-EDGE')).toEqual(['8']);
    await adjust('5', 'SKU-EDGE');
    await adjust('5', 'SKU-EDGE');

    await edgePublisher.publishPending();
    expect(await availableFigures('SKU-EDGE')).toEqual(['8']);

    await new Promise((resolve) => setTimeout(resolve, 450));
    await edgePublisher.publishPending();
    expect(await availableFigures('SKU-EDGE')).toEqual(['8', '18']);
  });

  it('publishes a change that commits while a pass runs: its mark is held, not claimed and cleared under it', async () => {
    await adjust('10', 'SKU-RACE');
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let marked!: () => void;
    const hasMarked = new Promise<void>((resolve) => (marked = resolve));
    const change = database.db.transaction(async (trx) => {
      await adjust('5', 'SKU-RACE', trx);
      marked();
      await committing;
    });
    await hasMarked;

    await publisher.publishPending(); // the pair is marked and locked by the uncommitted change: skipped
    commit();
    await change;
    await publisher.publishPending();

    expect(await availableFigures('SKU-RACE')).toEqual(['13']);
  });
});
