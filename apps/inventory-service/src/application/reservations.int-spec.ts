import { join } from 'node:path';
import { createBackboneCodec, Outbox, type DomainError } from '@backbone/events';
import { createTestDatabase, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import type { OrderReceived } from '@backbone/schemas';
import { DirectoryMigrationSource } from '@backbone/service-kit';
import type { Knex } from 'knex';
import { ReservationsRepository } from '../persistence/reservations.repository';
import { Reservations, type OrderEventCause } from './reservations';

describe('Reservations on PostgreSQL', () => {
  let database: TestDatabase;
  let reservations: Reservations;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.migrate.latest({ migrationSource: new DirectoryMigrationSource([join(__dirname, '../persistence/migrations')]) });
    await database.db('product').insert([
      { sku: 'SKU-HOT', base_unit: 'Units', base_per_unit: { 'Box of 3': '3' } },
      { sku: 'SKU-A', base_unit: 'Units' },
    ]);
    await database.db('location').insert([
      { location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
      { location_id: 'WH-2', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
    ]);
    await database.db('stock_position').insert([
      { sku: 'SKU-HOT', location_id: 'WH-1', on_hand: 30 },
      { sku: 'SKU-HOT', location_id: 'WH-2', on_hand: 30 },
      { sku: 'SKU-A', location_id: 'WH-1', on_hand: 10 },
    ]);
    await database.db('channel').insert({ channel: 'web', location_ids: ['WH-1', 'WH-2'], preferred_location_id: 'WH-2', reservation_policy: 'ALL_OR_NOTHING' });
    reservations = new Reservations(new Outbox(createBackboneCodec({ url: testStack.registryUrl }), 'inventory-service'));
  });

  afterAll(() => database.drop());

  const cause = (): OrderEventCause => ({ eventId: uniqueName('evt'), correlationId: 'corr', source: 'order-service' });

  async function receive(orderId: string, lines: OrderReceived['lines']): Promise<void> {
    const order = { orderId, channel: 'web', lines, placedAt: new Date() } as OrderReceived;
    await database.db.transaction((trx) => reservations.recordDemands(trx, [{ order, cause: cause() }]));
  }

  const reserve = async (trx: Knex.Transaction, orderId: string) => (await reservations.reserveMany(trx, [{ orderId, cause: cause(), occurredAt: new Date() }]))[0];

  const line = (sku: string, value: string, uom = 'Units') => ({ lineId: '1', sku, quantity: { value, uom }, unitPrice: { amount: '1', currency: 'EUR' } });
  const reserved = async (sku: string) => (await database.db('stock_position').where({ sku }).select('location_id', 'on_hand', 'reserved').orderBy('location_id')).map((row) => [row.location_id, Number(row.on_hand), Number(row.reserved)]);

  it('reserves from the preferred warehouse first, in base units, and publishes ReservationConfirmed', async () => {
    await receive('order-pref', [line('SKU-HOT', '1', 'Box of 3')]);

    const status = await database.db.transaction((trx) => reserve(trx, 'order-pref'));

    expect(status).toBe('CONFIRMED');
    expect(await reserved('SKU-HOT')).toEqual([['WH-1', 30, 0], ['WH-2', 30, 3]]);
    const events = await database.db('event_outbox').whereIn('event_type', ['backbone.inventory.ReservationConfirmed']).pluck('partition_key');
    expect(events).toContain('order-pref');
  });

  it('releases a cancelled order and publishes ReservationReleased', async () => {
    const released = await database.db.transaction((trx) => reservations.release(trx, 'order-pref', { code: 'CUSTOMER', message: 'changed mind' }, cause(), new Date()));

    expect(released).toBe(true);
    expect(await reserved('SKU-HOT')).toEqual([['WH-1', 30, 0], ['WH-2', 30, 0]]);
    expect(await database.db('reservation').where({ order_id: 'order-pref' }).first('status')).toEqual({ status: 'RELEASED' });
  });

  it('consumes the reservation on shipment: reserved and on hand both drop', async () => {
    await receive('order-ship', [line('SKU-A', '4')]);
    await database.db.transaction((trx) => reserve(trx, 'order-ship'));

    await database.db.transaction((trx) =>
      reservations.consume(trx, { orderId: 'order-ship', shipmentId: 's1', lines: [{ lineId: '1', sku: 'SKU-A', shipped: { value: '4', uom: 'Units' }, backordered: { value: '0', uom: 'Units' } }], carrier: 'DHL', trackingNumber: null, shippedAt: new Date() }, cause()),
    );

    expect(await reserved('SKU-A')).toEqual([['WH-1', 6, 0]]);
  });

  it('locks, for a batch of order events, every position their orders ask for or hold and the SKUs they name', async () => {
    await receive('order-lock', [line('SKU-A', '1')]);
    const locked = async (sku: string, locationId: string) =>
      database.db
        .raw('select 1 from stock_position where sku = ? and location_id = ? for update nowait', [sku, locationId])
        .then(() => false, (error: { code?: string }) => error.code === '55P03');

    await database.db.transaction(async (trx) => {
      await ReservationsRepository.lockPositionsOfOrders(trx, ['order-lock'], ['SKU-HOT']);

      expect(await locked('SKU-A', 'WH-1')).toBe(true);
      expect(await locked('SKU-HOT', 'WH-1')).toBe(true);
      expect(await locked('SKU-HOT', 'WH-2')).toBe(true);
    });
    expect(await locked('SKU-A', 'WH-1')).toBe(false);
  });

  it('reserves a batch of orders in arrival order, each against what the earlier ones left, with refusals per order', async () => {
    await database.db('stock_position').insert({ sku: 'SKU-A', location_id: 'WH-2', on_hand: 5 }).onConflict(['sku', 'location_id']).merge();
    await database.db('stock_position').where({ sku: 'SKU-A', location_id: 'WH-1' }).update({ on_hand: 0, reserved: 0 });
    await receive('order-batch-1', [line('SKU-A', '3')]);
    await receive('order-batch-2', [line('SKU-A', '3')]);
    await receive('order-batch-3', [line('SKU-A', '2')]);
    await receive('order-batch-odd', [line('SKU-A', '1', 'Crate')]);

    const outcomes = await database.db.transaction((trx) =>
      reservations.reserveMany(
        trx,
        ['order-batch-1', 'order-batch-2', 'order-never-received', 'order-batch-odd', 'order-batch-3', 'order-batch-1'].map((orderId) => ({ orderId, cause: cause(), occurredAt: new Date() })),
      ),
    );

    expect(outcomes.map((outcome) => (outcome instanceof Error ? (outcome as DomainError).code : outcome))).toEqual([
      'CONFIRMED',
      'REJECTED',
      'INVENTORY.UNKNOWN_ORDER',
      'INVENTORY.UNIT_WITHOUT_CONVERSION',
      'CONFIRMED',
      'ALREADY_DECIDED',
    ]);
    expect(await reserved('SKU-A')).toEqual([['WH-1', 0, 0], ['WH-2', 5, 5]]);
    expect(await database.db('reservation').whereIn('order_id', ['order-batch-1', 'order-batch-2', 'order-batch-3']).orderBy('order_id').pluck('status')).toEqual(['CONFIRMED', 'REJECTED', 'CONFIRMED']);
    expect(await database.db('reservation').whereIn('order_id', ['order-never-received', 'order-batch-odd'])).toEqual([]);
  });

  it('never reserves more than is on hand when many orders for one SKU reserve concurrently', async () => {
    // Given 60 units over two warehouses and 40 orders of 3 units each (120 wanted), all or nothing
    const orders = Array.from({ length: 40 }, (_, i) => `order-rush-${i}`);
    await database.db('stock_position').where({ sku: 'SKU-HOT' }).update({ on_hand: 30, reserved: 0 });
    for (const orderId of orders) await receive(orderId, [line('SKU-HOT', '3')]);

    // When they all reserve at once, in parallel transactions
    const statuses = await Promise.all(orders.map((orderId) => database.db.transaction((trx) => reserve(trx, orderId))));

    // Then exactly the stock there is was promised, never more
    const positions = await reserved('SKU-HOT');
    expect(positions.every(([, onHand, held]) => (held as number) <= (onHand as number))).toBe(true);
    expect(positions.reduce((sum, [, , held]) => sum + (held as number), 0)).toBe(60);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(20);
    expect(statuses.filter((status) => status === 'REJECTED')).toHaveLength(20);
  });
});
