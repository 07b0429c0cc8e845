import { createTestDatabase, type TestDatabase } from '@backbone/events/testing';
import { createService, hashApiKey, loadConfig, signWebhook } from '@backbone/service-kit';
import { stackEnv, TEST_WEBHOOK_SECRET } from '@backbone/service-kit/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../app.module';
import { inventoryServiceConfigSchema } from '../config/inventory-service.config';

const OPS_KEY = 'ops-key-for-tests';
const SHOP_KEY = 'shop-key-for-tests';

describe('inventory-service HTTP API', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    const env = {
      ...stackEnv('unused'),
      DATABASE_URL: database.url,
      AUTH_MODE: 'enforce',
      AUTH_API_KEYS: JSON.stringify([
        { id: 'ops-console', keyHash: hashApiKey(OPS_KEY), roles: ['ops'] },
        { id: 'webshop', keyHash: hashApiKey(SHOP_KEY), roles: ['channel'] },
      ]),
    };
    app = await createService(AppModule.forRoot(loadConfig(inventoryServiceConfigSchema, env)));
    await app.init();
    await database.db('product').insert({ sku: 'SKU-API', base_unit: 'Units' });
    await database.db('location').insert([
      { location_id: 'WH-1', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
      { location_id: 'WH-2', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
    ]);
    await database.db('stock_position').insert([
      { sku: 'SKU-API', location_id: 'WH-1', on_hand: 10, reserved: 4 },
      { sku: 'SKU-API', location_id: 'WH-2', on_hand: 7, quarantined: 2 },
    ]);
    await database.db('channel').insert({ channel: 'webshop', location_ids: ['WH-1', 'WH-2'], buffer_kind: 'PERCENTAGE', buffer_value: 10 });
    await database.db('ledger_entry').insert({
      sku: 'SKU-API', location_id: 'WH-1', quantity_type: 'ON_HAND', change_kind: 'DELTA', quantity: 10, unit: 'Units', reported_quantity: 10, reported_unit: 'Units',
      cause_event_id: 'rcpt-1', source_system: 'wms', reason_code: 'STOCK.RECEIPT', occurred_at: new Date('2026-11-01T08:00:00Z'), recorded_at: new Date('2026-11-01T08:00:01Z'), status: 'APPLIED', balance_after: 10,
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (path: string, key?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return key ? call.set('X-API-Key', key) : call;
  };

  it('returns figures by quantity type with available to promise', async () => {
    const response = await get('/stock?sku=SKU-API', SHOP_KEY).expect(200);

    expect(response.body.items).toEqual([
      { sku: 'SKU-API', locationId: 'WH-1', onHand: '10', reserved: '4', inTransit: '0', quarantined: '0', damaged: '0', availableToPromise: '6' },
      { sku: 'SKU-API', locationId: 'WH-2', onHand: '7', reserved: '0', inTransit: '0', quarantined: '2', damaged: '0', availableToPromise: '7' },
    ]);
  });

  it('pages through the figures with the next cursor, and refuses a cursor it did not make', async () => {
    const first = await get('/stock?sku=SKU-API&limit=1', SHOP_KEY).expect(200);
    const second = await get(`/stock?sku=SKU-API&limit=1&after=${first.body.next}`, SHOP_KEY).expect(200);
    const forged = await get('/stock?after=not-a-cursor', SHOP_KEY).expect(400);

    expect([...first.body.items, ...second.body.items].map((item: { locationId: string }) => item.locationId)).toEqual(['WH-1', 'WH-2']);
    expect(forged.body.errors).toEqual([{ field: 'after', message: 'is not a cursor from this API' }]);
  });

  it('gives a channel its availability: ATP over its locations minus its buffer, rounded down', async () => {
    const response = await get('/availability/webshop?sku=SKU-API', SHOP_KEY).expect(200);

    expect(response.body.items).toEqual([{ sku: 'SKU-API', available: '11' }]);
  });

  it('shows the ledger with causes, to ops', async () => {
    const response = await get('/stock/SKU-API/ledger', OPS_KEY).expect(200);

    expect(response.body.items[0]).toMatchObject({ quantityType: 'ON_HAND', changeKind: 'DELTA', status: 'APPLIED', cause: { eventId: 'rcpt-1', sourceSystem: 'wms', reasonCode: 'STOCK.RECEIPT' } });
  });

  it('exports a consistent snapshot for reconciliation', async () => {
    const response = await get('/stock-snapshot', OPS_KEY).expect(200);

    expect(new Date(response.body.asOf).getTime()).toBeGreaterThan(0);
    expect(response.body.items).toHaveLength(2);
  });

  it('refuses callers without credentials or without the role, with problem bodies', async () => {
    const anonymous = await get('/stock').expect(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    const shop = await get('/stock-snapshot', SHOP_KEY).expect(403);
    expect(shop.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('names invalid query parameters and unknown channels precisely', async () => {
    const invalid = await get('/stock?limit=0&color=red', OPS_KEY).expect(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['color', 'limit'].sort());
    const unknown = await get('/availability/nowhere?sku=SKU-API', OPS_KEY).expect(404);
    expect(unknown.body.code).toBe('INVENTORY.UNKNOWN_CHANNEL');
  });

  const put = (path: string, body: object, key = OPS_KEY) => request(app.getHttpServer()).put(path).set('X-API-Key', key).send(body);

  it('lets ops set up locations, products and channel rules', async () => {
    await put('/locations/3PL-NORTH', { kind: 'THREE_PL', onHandAuthority: 'WMS' }).expect(200);
    await put('/products/SKU-NEW', { baseUnit: 'Units', basePerUnit: { 'Box of 6': '6' } }).expect(200);
    const channel = await put('/channels/marketplace', { locationIds: ['WH-1', '3PL-NORTH'], preferredLocationId: '3PL-NORTH', buffer: { kind: 'ABSOLUTE', quantity: '2' } }).expect(200);

    expect(channel.body).toMatchObject({ channel: 'marketplace', reservationPolicy: 'ALLOW_PARTIAL', buffer: { kind: 'ABSOLUTE', quantity: '2' } });
    expect(await database.db('location').where({ location_id: '3PL-NORTH' }).first('on_hand_authority')).toEqual({ on_hand_authority: 'WMS' });
    expect(await database.db('product').where({ sku: 'SKU-NEW' }).first('base_per_unit')).toEqual({ base_per_unit: { 'Box of 6': '6' } });
    const availability = await get('/availability/marketplace?sku=SKU-API', OPS_KEY).expect(200);
    expect(availability.body.items).toEqual([{ sku: 'SKU-API', available: '4' }]);
  });

  it("maps a location to the Odoo location whose stock levels count there, one location per Odoo location", async () => {
    await put('/locations/WH-ODOO', { kind: 'WAREHOUSE', onHandAuthority: 'ODOO', odooLocation: 'WH/Stock' }).expect(200);
    const taken = await put('/locations/WH-OTHER', { kind: 'WAREHOUSE', onHandAuthority: 'ODOO', odooLocation: 'WH/Stock' }).expect(409);

    expect(taken.body).toMatchObject({ code: 'INVENTORY.ODOO_LOCATION_TAKEN', errors: [{ field: 'odooLocation' }] });
    expect(await database.db('location').where({ location_id: 'WH-ODOO' }).first('odoo_location')).toEqual({ odoo_location: 'WH/Stock' });
    expect(await database.db('location').where({ location_id: 'WH-OTHER' }).first()).toBeUndefined();
  });

  it('refuses bad setup with a field-by-field problem and stores nothing', async () => {
    const invalid = await put('/locations/X', { kind: 'SHED', onHandAuthority: 'WMS', extra: 1 }).expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['extra', 'kind']);
    const unknown = await put('/channels/ghost', { locationIds: ['NOWHERE'] }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'INVENTORY.UNKNOWN_LOCATION', errors: [{ field: 'locationIds' }] });
    expect(await database.db('location').where({ location_id: 'X' }).first()).toBeUndefined();
    expect(await database.db('channel').where({ channel: 'ghost' }).first()).toBeUndefined();
    await put('/locations/Y', { kind: 'WAREHOUSE', onHandAuthority: 'WMS' }, SHOP_KEY).expect(403);
  });

  describe('stock movement webhook', () => {
    const movement = (overrides: object = {}) => ({
      kind: 'RECEIPT',
      sku: 'SKU-API',
      locationId: 'WH-2',
      quantity: { value: '3', uom: 'Units' },
      sourceSystem: 'wms-2',
      sourceEventId: `rcpt-${Math.random().toString(36).slice(2)}`,
      reasonCode: 'STOCK.RECEIPT',
      occurredAt: new Date().toISOString(),
      ...overrides,
    });
    const post = (body: object, signature: string | null = signWebhook(TEST_WEBHOOK_SECRET, JSON.stringify(body))) => {
      const call = request(app.getHttpServer()).post('/webhooks/stock-movements').set('content-type', 'application/json');
      return (signature ? call.set('X-Signature', signature) : call).send(JSON.stringify(body));
    };
    const onHandAtWh2 = async () => (await database.db('stock_position').where({ sku: 'SKU-API', location_id: 'WH-2' }).first('on_hand')).on_hand;

    it('records a signed movement, and a redelivery changes nothing', async () => {
      const body = movement();
      const first = await post(body).expect(200);
      expect(first.body).toMatchObject({ outcome: 'RECORDED', entries: [{ locationId: 'WH-2', quantityType: 'ON_HAND', status: 'APPLIED', balanceAfter: '10' }] });

      expect((await post(body).expect(200)).body).toEqual({ outcome: 'DUPLICATE' });
      expect(await onHandAtWh2()).toBe('10');
    });

    it('refuses a bad or missing signature before anything is written', async () => {
      const body = movement({ quantity: { value: '1000', uom: 'Units' } });
      const forged = await post(body, signWebhook('not-the-secret', JSON.stringify(body))).expect(401);
      expect(forged.body.code).toBe('WEBHOOK.BAD_SIGNATURE');
      const stale = await post(body, signWebhook(TEST_WEBHOOK_SECRET, JSON.stringify(body), new Date(Date.now() - 3_600_000))).expect(401);
      expect(stale.body.code).toBe('WEBHOOK.STALE_TIMESTAMP');
      await post(body, null).expect(401);
      expect(await onHandAtWh2()).toBe('10');
    });

    it('refuses an invalid movement with the reason, naming fields or the business rule', async () => {
      const malformed = await post({ ...movement(), quantity: { value: 'three', uom: 'Units' }, kind: 'TELEPORT' }).expect(400);
      expect(malformed.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['kind', 'quantity.value']);
      const unknownUnit = await post(movement({ quantity: { value: '1', uom: 'Pallet' } })).expect(422);
      expect(unknownUnit.body).toMatchObject({ code: 'INVENTORY.UNIT_WITHOUT_CONVERSION', details: { uom: 'Pallet' } });
      expect(await onHandAtWh2()).toBe('10');
    });
  });
});
