import { join } from 'node:path';
import { createBackboneCodec, Outbox } from '@backbone/events';
import { createTestDatabase, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import type { OrderReceived } from '@backbone/schemas';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import type { InventoryServiceConfig } from '../config/inventory-service.config';
import { ReservationExpiry } from './reservation-expiry';
import { Reservations, type OrderEventCause } from './reservations';

describe('ReservationExpiry on PostgreSQL', () => {
  let database: TestDatabase;
  let reservations: Reservations;
  let expiry: ReservationExpiry;
  const codec = createBackboneCodec({ url: testStack.registryUrl });
  const TTL_HOURS = 24;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    await database.db('product').insert({ sku: 'SKU-X', base_unit: 'Units' });
    await database.db('location').insert({ location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' });
    await database.db('stock_position').insert({ sku: 'SKU-X', location_id: 'WH-1', on_hand: 100 });
    await database.db('channel').insert({ channel: 'web', location_ids: ['WH-1'] });
    reservations = new Reservations(new Outbox(codec, 'inventory-service'));
    expiry = new ReservationExpiry(database.db, { RESERVATION_TTL_HOURS: TTL_HOURS } as InventoryServiceConfig, reservations);
  });

  afterAll(() => database.drop());

  const cause = (): OrderEventCause => ({ eventId: uniqueName('evt'), correlationId: 'corr', source: 'order-service' });

  /** Reserves `quantity` units for a new order whose reservation last changed `hoursAgo` hours ago. */
  async function reserveOrder(orderId: string, quantity: string, hoursAgo: number): Promise<void> {
    const order = { orderId, channel: 'web', lines: [{ lineId: '1', sku: 'SKU-X', quantity: { value: quantity, uom: 'Units' } }], placedAt: new Date() } as OrderReceived;
    await database.db.transaction(async (trx) => {
      await reservations.recordDemands(trx, [{ order, cause: cause() }]);
      await reservations.reserveMany(trx, [{ orderId, cause: cause(), occurredAt: new Date() }]);
    });
    await database.db('reservation').where({ order_id: orderId }).update({ updated_at: new Date(Date.now() - hoursAgo * 3_600_000) });
  }

  const reserved = async () => Number((await database.db('stock_position').where({ sku: 'SKU-X', location_id: 'WH-1' }).first('reserved')).reserved);
  const status = async (orderId: string) => (await database.db('reservation').where({ order_id: orderId }).first('status')).status as string;

  async function releasedEvents() {
    const rows = await database.db('event_outbox').where({ event_type: 'backbone.inventory.ReservationReleased' }).orderBy('id');
    return Promise.all(rows.map(async (row) => (await codec.decode(row.value)).payload as { orderId: string; reason: { code: string; message: string }; lines: unknown[] }));
  }

  it('releases reservations idle for longer than the TTL with ReservationReleased (INVENTORY.RESERVATION_EXPIRED), and marks availability', async () => {
    await reserveOrder('order-stale', '5', TTL_HOURS + 1);
    await reserveOrder('order-fresh', '3', TTL_HOURS - 1);
    await database.db('availability_pending').delete();
    expect(await reserved()).toBe(8);

    expect(await expiry.sweep()).toBe(1);

    expect(await status('order-stale')).toBe('RELEASED');
    expect(await status('order-fresh')).toBe('CONFIRMED');
    expect(await reserved()).toBe(3);
    const [event] = await releasedEvents();
    expect(event).toMatchObject({ orderId: 'order-stale', reason: { code: 'INVENTORY.RESERVATION_EXPIRED' }, lines: [expect.objectContaining({ sku: 'SKU-X', locationId: 'WH-1', reserved: expect.objectContaining({ value: '5' }) })] });
    expect(event.reason.message).toContain('24 h');
    const [entry] = await database.db('ledger_entry').where({ sku: 'SKU-X', quantity_type: 'RESERVED' }).orderBy('id', 'desc').limit(1);
    expect(entry).toMatchObject({ source_system: 'inventory-service', cause_event_id: null, status: 'APPLIED' });
    expect(await database.db('availability_pending').pluck('channel')).toEqual(['web']);
  });

  it('leaves reservations that hold nothing any more (fully shipped) and those already released alone', async () => {
    await reserveOrder('order-shipped', '2', 0);
    await database.db.transaction((trx) =>
      reservations.consume(trx, { orderId: 'order-shipped', shipmentId: 's1', lines: [{ lineId: '1', sku: 'SKU-X', shipped: { value: '2', uom: 'Units' }, backordered: { value: '0', uom: 'Units' } }], carrier: 'DHL', trackingNumber: null, shippedAt: new Date() }, cause()),
    );
    await database.db('reservation').where({ order_id: 'order-shipped' }).update({ updated_at: new Date(Date.now() - (TTL_HOURS + 5) * 3_600_000) });
    const before = (await releasedEvents()).length;

    expect(await expiry.sweep()).toBe(0);

    expect(await status('order-shipped')).toBe('CONFIRMED');
    expect(await releasedEvents()).toHaveLength(before);
  });

  it('releases each expired reservation once when several replicas sweep at the same time', async () => {
    const orders = Array.from({ length: 30 }, (_, i) => `order-many-${i}`);
    for (const orderId of orders) await reserveOrder(orderId, '1', TTL_HOURS * 2);
    const before = (await releasedEvents()).length;
    const replicas = [0, 1, 2].map(() => new ReservationExpiry(database.db, { RESERVATION_TTL_HOURS: TTL_HOURS } as InventoryServiceConfig, reservations));

    const counts = await Promise.all(replicas.map((replica) => replica.sweep()));

    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(30);
    const events = (await releasedEvents()).slice(before);
    expect(events.map((event) => event.orderId).sort()).toEqual([...orders].sort());
    expect(events.every((event) => event.reason.message.startsWith(`order ${event.orderId} `))).toBe(true);
    expect(await reserved()).toBe(3);
    const releasedEntries = await database.db('ledger_entry').where({ sku: 'SKU-X', quantity_type: 'RESERVED', source_system: 'inventory-service' }).orderBy('id').pluck('balance_after');
    // One entry per released order, each balance the one before it minus one: every release in a batch saw the ones before it.
    const lastThirty = releasedEntries.slice(-30).map(Number);
    expect(lastThirty).toEqual(Array.from({ length: 30 }, (_, i) => 32 - i));
  });
});
