import { IdempotencyKeyExpiry } from '../application/idempotency-key-expiry';
import { orderBody, seedCustomer, seedPricelist, startHarness, type Harness } from '../testing/order-service-harness';

describe('order intake API', () => {
  let harness: Harness;
  const db = () => harness.database.db;
  const count = async (table: string) => Number((await db()(table).count({ n: '*' }))[0].n);
  const commands = async (orderId: string) => db()('order_audit').where({ order_id: orderId }).orderBy('id').select('command', 'to_status', 'event_id');

  beforeAll(async () => {
    harness = await startHarness({ DEFAULT_PRICELIST_ID: '1', PRICE_TOLERANCE: '1%' });
    await seedPricelist(harness, 1, { 'SKU-A': '2.50', 'SKU-B': '10' });
    await seedCustomer(harness, { ref: 'C-1', partnerId: 101 });
  }, 60_000);

  afterAll(() => harness?.close());

  it('accepts a valid order: VALIDATED, stored with its lines, OrderReceived and OrderValidated published and audited', async () => {
    const response = await harness.http().post('/orders').send(orderBody({ externalOrderId: 'WS-1' })).expect(201);

    expect(response.headers.location).toBe(`/orders/${response.body.orderId}`);
    expect(response.body).toMatchObject({ channel: 'webshop', externalOrderId: 'WS-1', status: 'VALIDATED', hold: null, total: { amount: '65', currency: 'EUR' } });
    expect(response.body.lines[0]).toEqual({ lineId: '1', sku: 'SKU-A', uom: 'Units', unitPrice: { amount: '2.50', currency: 'EUR' }, ordered: '10', reserved: '0', shipped: '0', backordered: '0', cancelled: '0', substitutions: [] });
    const audit = await commands(response.body.orderId);
    expect(audit.map((row) => [row.command, row.to_status])).toEqual([['RECEIVE', 'RECEIVED'], ['VALIDATE', 'VALIDATED']]);
    expect(audit.every((row) => row.event_id !== null)).toBe(true);
    const fetched = await harness.http().get(`/orders/${response.body.orderId}`).expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('refuses bad input naming every invalid field, and stores nothing', async () => {
    const [orders, keys] = [await count('orders'), await count('idempotency_key')];
    const body = { ...orderBody(), currency: 'euro', lines: [{ sku: '', quantity: '-1', unit: 'Units', unitPrice: 2.5 }], colour: 'red' };

    const response = await harness.http().post('/orders').set('Idempotency-Key', 'bad-1').send(body).expect(400).expect('content-type', /application\/problem\+json/);

    expect(response.body).toMatchObject({ status: 400, code: 'ORDER.INVALID_REQUEST', title: 'Invalid order' });
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['colour', 'currency', 'lines[0].quantity', 'lines[0].sku', 'lines[0].unitPrice']);
    expect([await count('orders'), await count('idempotency_key')]).toEqual([orders, keys]);
  });

  it('maps SKUs and units through the channel mapping tables, and refuses unmapped values per field', async () => {
    await harness.http().put('/channel-mappings/Marketplace').send({ skus: { 'mk-a': 'SKU-A' }, units: { pcs: 'Units' }, statuses: { shipped: 'SHIPPED' } }).expect(200);
    const lines = [{ sku: 'mk-a', quantity: '2', unit: 'PCS', unitPrice: '2.50' }];

    const mapped = await harness.http().post('/orders').send(orderBody({ channel: 'marketplace', externalOrderId: 'MK-1', lines })).expect(201);
    const unmapped = await harness.http().post('/orders').send(orderBody({ channel: 'marketplace', externalOrderId: 'MK-2', lines: [...lines, { sku: 'mk-z', quantity: '1', unit: 'box', unitPrice: '1' }] })).expect(422);

    expect(mapped.body).toMatchObject({ status: 'VALIDATED', lines: [{ sku: 'SKU-A', uom: 'Units' }] });
    expect(unmapped.body).toMatchObject({ code: 'ORDER.UNMAPPED_VALUES', codes: ['ORDER.UNMAPPED_SKU', 'ORDER.UNMAPPED_UNIT'] });
    expect(unmapped.body.errors.map((error: { field: string }) => error.field)).toEqual(['lines[1].sku', 'lines[1].unit']);
    expect(await db()('orders').where({ external_order_id: 'MK-2' }).first()).toBeUndefined();
    expect((await harness.http().get('/channel-mappings/marketplace').expect(200)).body).toMatchObject({ skus: { 'mk-a': 'SKU-A' }, pricelistId: null });
  });

  it("cancels an order on the channel's own word for CANCELLED, and refuses words it has no mapping for or may not ask for", async () => {
    await harness.http().put('/channel-mappings/shopfloor').send({ skuPassThrough: true, units: { Units: 'Units' }, statuses: { storniert: 'CANCELLED', versandt: 'SHIPPED' } }).expect(200);
    const { body: order } = await harness.http().post('/orders').send(orderBody({ channel: 'shopfloor' })).expect(201);

    const unknown = await harness.http().post(`/orders/${order.orderId}/channel-status`).send({ status: 'verloren' }).expect(422);
    const shipped = await harness.http().post(`/orders/${order.orderId}/channel-status`).send({ status: 'versandt' }).expect(422);
    const cancelled = await harness.http().post(`/orders/${order.orderId}/channel-status`).send({ status: 'Storniert', note: 'buyer cancelled on the marketplace' }).expect(200);

    expect(unknown.body).toMatchObject({ code: 'ORDER.UNMAPPED_STATUS', value: 'verloren' });
    expect(shipped.body).toMatchObject({ code: 'ORDER.STATUS_NOT_REQUESTABLE', value: 'versandt', means: 'SHIPPED' });
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED' });
    expect((await commands(order.orderId)).at(-1)).toMatchObject({ command: 'CANCEL', to_status: 'CANCELLED' });
  });

  it('holds an order that fails a gate, with one exception per failed check', async () => {
    await seedCustomer(harness, { ref: 'C-HOLD', partnerId: 102, onCreditHold: true });
    const body = orderBody({ customer: { customerId: 'C-HOLD', name: 'Slow Payer' }, lines: [{ sku: 'SKU-A', quantity: '1', unit: 'Units', unitPrice: '3.00' }] });

    const response = await harness.http().post('/orders').send(body).expect(201);

    expect(response.body).toMatchObject({ status: 'ON_HOLD', hold: { returnTo: 'RECEIVED', reason: { code: 'ORDER.CREDIT_HOLD' } } });
    const exceptions = await harness.http().get(`/exceptions?subjectId=${response.body.orderId}&status=OPEN`).expect(200);
    expect(exceptions.body.items.map((item: { code: string }) => item.code).sort()).toEqual(['ORDER.CREDIT_HOLD', 'ORDER.PRICE_MISMATCH']);
    expect(exceptions.body.items.find((item: { code: string }) => item.code === 'ORDER.PRICE_MISMATCH').details).toMatchObject({ lineId: '1', sku: 'SKU-A', pricelistId: '1' });
  });

  it('counts open orders against the credit limit', async () => {
    await seedCustomer(harness, { ref: 'C-LIMIT', partnerId: 103, creditLimit: { amount: '100', currency: 'EUR' } });
    const body = (externalOrderId: string) => orderBody({ externalOrderId, customer: { customerId: 'C-LIMIT', name: 'Limited' }, lines: [{ sku: 'SKU-B', quantity: '6', unit: 'Units', unitPrice: '10' }] });

    const first = await harness.http().post('/orders').send(body('LIM-1')).expect(201);
    const second = await harness.http().post('/orders').send(body('LIM-2')).expect(201);

    expect(first.body.status).toBe('VALIDATED');
    expect(second.body).toMatchObject({ status: 'ON_HOLD', hold: { reason: { code: 'ORDER.CREDIT_LIMIT_EXCEEDED' } } });
  });

  it('holds an order of an unknown customer, and validates it when a retry finds the customer synced', async () => {
    const order = await harness.http().post('/orders').send(orderBody({ customer: { customerId: 'C-NEW', name: 'Newcomer' } })).expect(201);
    const [exception] = (await harness.http().get(`/exceptions?subjectId=${order.body.orderId}`).expect(200)).body.items;
    expect(exception.code).toBe('ORDER.UNKNOWN_CUSTOMER');

    const stillUnknown = await harness.http().post(`/exceptions/${exception.id}/retry`).send({}).expect(200);
    await seedCustomer(harness, { ref: 'C-NEW', partnerId: 104 });
    const retried = await harness.http().post(`/exceptions/${exception.id}/retry`).send({}).expect(200);

    expect(stillUnknown.body.outcome).toBe('STILL_OPEN');
    expect(retried.body).toMatchObject({ outcome: 'RESOLVED', exception: { status: 'RESOLVED', resolution: 'RETRIED' } });
    const after = await harness.http().get(`/orders/${order.body.orderId}`).expect(200);
    expect(after.body.status).toBe('VALIDATED');
    expect((await commands(order.body.orderId)).map((row) => row.command)).toEqual(['RECEIVE', 'HOLD', 'RELEASE_HOLD', 'VALIDATE']);
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated request with the same status and body, and refuses the key with another body', async () => {
      const body = orderBody({ externalOrderId: 'IDEM-1' });
      const first = await harness.http().post('/orders').set('Idempotency-Key', 'key-1').send(body).expect(201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());

      const repeated = await harness.http().post('/orders').set('Idempotency-Key', 'key-1').send(reordered).expect(201);
      const changed = await harness.http().post('/orders').set('Idempotency-Key', 'key-1').send({ ...body, notes: 'leave at the door' }).expect(422);

      expect(repeated.body).toEqual(first.body);
      expect(repeated.headers['idempotent-replayed']).toBe('true');
      expect(changed.body).toMatchObject({ code: 'ORDER.IDEMPOTENCY_KEY_REUSED', errors: [{ field: 'Idempotency-Key' }] });
    });

    it('answers many repeated keys arriving together, each with its own first answer', async () => {
      const bodies = Array.from({ length: 6 }, (_, i) => orderBody({ externalOrderId: `IDEM-MANY-${i}` }));
      const firsts = await Promise.all(bodies.map((body, i) => harness.http().post('/orders').set('Idempotency-Key', `many-${i}`).send(body).expect(201)));

      const [repeats, changed] = await Promise.all([
        Promise.all(bodies.map((body, i) => harness.http().post('/orders').set('Idempotency-Key', `many-${i}`).send(body))),
        harness.http().post('/orders').set('Idempotency-Key', 'many-0').send({ ...bodies[0], notes: 'changed' }),
      ]);

      expect(repeats.map((response) => response.status)).toEqual(Array(6).fill(201));
      expect(repeats.map((response) => response.body)).toEqual(firsts.map((response) => response.body));
      expect(repeats.every((response) => response.headers['idempotent-replayed'] === 'true')).toBe(true);
      expect(changed.status).toBe(422);
      expect(changed.body).toMatchObject({ code: 'ORDER.IDEMPOTENCY_KEY_REUSED' });
    });

    it('forgets keys older than IDEMPOTENCY_KEY_TTL_HOURS: a later repeat is a duplicate (409), never a second order', async () => {
      const old = orderBody({ externalOrderId: 'IDEM-OLD' });
      const recent = orderBody({ externalOrderId: 'IDEM-RECENT' });
      const first = await harness.http().post('/orders').set('Idempotency-Key', 'old-key').send(old).expect(201);
      await harness.http().post('/orders').set('Idempotency-Key', 'recent-key').send(recent).expect(201);
      await db()('idempotency_key').where({ key: 'old-key' }).update({ created_at: new Date(Date.now() - 73 * 3_600_000) });

      const forgotten = await harness.app.get(IdempotencyKeyExpiry).sweep();

      expect(forgotten).toBe(1);
      expect(await db()('idempotency_key').whereIn('key', ['old-key', 'recent-key']).pluck('key')).toEqual(['recent-key']);
      const repeated = await harness.http().post('/orders').set('Idempotency-Key', 'old-key').send(old).expect(409);
      expect(repeated.body).toMatchObject({ code: 'ORDER.DUPLICATE_ORDER', orderId: first.body.orderId });
      await harness.http().post('/orders').set('Idempotency-Key', 'recent-key').send(recent).expect(201);
    });

    it('creates one order from parallel submissions with the same key, all answered alike', async () => {
      const body = orderBody({ externalOrderId: 'PAR-SAME-KEY' });

      const responses = await Promise.all(Array.from({ length: 12 }, () => harness.http().post('/orders').set('Idempotency-Key', 'par-key').send(body)));

      expect(responses.map((response) => response.status)).toEqual(Array(12).fill(201));
      expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1);
      expect(await db()('orders').where({ external_order_id: 'PAR-SAME-KEY' }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect((await commands(responses[0].body.orderId)).filter((row) => row.command === 'RECEIVE')).toHaveLength(1);
    });

    it('creates one order from parallel submissions of the same order without a key or with different keys', async () => {
      const body = orderBody({ externalOrderId: 'PAR-NO-KEY' });

      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const call = harness.http().post('/orders');
          return (i % 2 === 0 ? call : call.set('Idempotency-Key', `different-${i}`)).send(body);
        }),
      );

      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array(11).fill(409)]);
      const orderId = responses.find((response) => response.status === 201)!.body.orderId;
      for (const duplicate of responses.filter((response) => response.status === 409)) {
        expect(duplicate.body).toMatchObject({ code: 'ORDER.DUPLICATE_ORDER', orderId });
        expect(duplicate.headers.location).toBe(`/orders/${orderId}`);
      }
      expect(await db()('orders').where({ external_order_id: 'PAR-NO-KEY' }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect((await commands(orderId)).filter((row) => row.command === 'RECEIVE')).toHaveLength(1);
    });
  });

  describe('group commit', () => {
    const batchesSoFar = async () => {
      const metrics = (await harness.http().get('/metrics').expect(200)).text;
      return Number(/^group_commit_batch_size_count\{committer="order-intake"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };

    it('writes orders that arrive together in shared transactions, each with its own answer', async () => {
      await harness.http().put('/channel-mappings/b2b-batch').send({ skus: { 'b-a': 'SKU-A' }, units: { pcs: 'Units' }, statuses: {} }).expect(200);
      const distinct = Array.from({ length: 30 }, (_, i) => orderBody({ externalOrderId: `GC-${i}` }));
      const repeatedKey = orderBody({ externalOrderId: 'GC-SAME-KEY' });
      const unmapped = orderBody({ channel: 'b2b-batch', externalOrderId: 'GC-UNMAPPED', lines: [{ sku: 'b-z', quantity: '1', unit: 'pcs', unitPrice: '1' }] });
      const batchesBefore = await batchesSoFar();

      const [accepted, sameKey, repeatOrder, refused] = await Promise.all([
        Promise.all(distinct.map((body, i) => harness.http().post('/orders').set('Idempotency-Key', `gc-${i}`).send(body))),
        Promise.all([1, 2].map(() => harness.http().post('/orders').set('Idempotency-Key', 'gc-same').send(repeatedKey))),
        harness.http().post('/orders').set('Idempotency-Key', 'gc-repeat').send(distinct[0]),
        harness.http().post('/orders').set('Idempotency-Key', 'gc-unmapped').send(unmapped),
      ]);

      expect(accepted.map((response) => response.status)).toEqual(Array(30).fill(201));
      expect(accepted.map((response) => response.body.externalOrderId)).toEqual(distinct.map((body) => body.externalOrderId));
      expect(sameKey.map((response) => response.status)).toEqual([201, 201]);
      expect(sameKey[0].body).toEqual(sameKey[1].body);
      expect(sameKey.map((response) => response.headers['idempotent-replayed']).sort()).toEqual(['true', undefined]);
      expect(repeatOrder.status).toBe(409);
      expect(repeatOrder.body).toMatchObject({ code: 'ORDER.DUPLICATE_ORDER', orderId: accepted[0].body.orderId });
      expect(refused.status).toBe(422);
      expect(await db()('idempotency_key').where({ key: 'gc-unmapped' }).first()).toBeUndefined();
      expect(Number((await db()('orders').where('external_order_id', 'like', 'GC-%').count({ n: '*' }))[0].n)).toBe(31);
      for (const { body } of [...accepted, sameKey[0]]) {
        const audit = await commands(body.orderId);
        expect(audit.map((row) => row.command)).toEqual(['RECEIVE', 'VALIDATE']);
        expect(audit.every((row) => typeof row.event_id === 'string')).toBe(true);
      }
      // 34 requests in fewer transactions: they were grouped.
      expect((await batchesSoFar()) - batchesBefore).toBeLessThan(34);
    });

    it('counts the orders of one batch against the credit limit one after the other', async () => {
      await seedCustomer(harness, { ref: 'C-BATCH-LIMIT', partnerId: 105, creditLimit: { amount: '100', currency: 'EUR' } });
      const body = (i: number) => orderBody({ externalOrderId: `GC-LIM-${i}`, customer: { customerId: 'C-BATCH-LIMIT', name: 'Limited' }, lines: [{ sku: 'SKU-B', quantity: '3', unit: 'Units', unitPrice: '10' }] });

      const responses = await Promise.all([0, 1, 2, 3, 4].map((i) => harness.http().post('/orders').send(body(i)).expect(201)));

      const statuses = responses.map((response) => response.body.status).sort();
      expect(statuses).toEqual(['ON_HOLD', 'ON_HOLD', 'VALIDATED', 'VALIDATED', 'VALIDATED']);
      for (const held of responses.filter((response) => response.body.status === 'ON_HOLD')) {
        expect(held.body.hold.reason.code).toBe('ORDER.CREDIT_LIMIT_EXCEEDED');
      }
    });
  });

  it('lists orders newest first with filters and keyset pages', async () => {
    const page1 = await harness.http().get('/orders?channel=webshop&limit=2').expect(200);
    const page2 = await harness.http().get(`/orders?channel=webshop&limit=2&cursor=${page1.body.nextCursor}`).expect(200);
    const held = await harness.http().get('/orders?status=ON_HOLD').expect(200);
    const bad = await harness.http().get('/orders?status=LOST&limit=0').expect(400);
    const forged = await harness.http().get(`/orders?cursor=${Buffer.from(JSON.stringify(['2026-11-23T10:00:00Z', 'not-an-order'])).toString('base64url')}`).expect(400);

    expect(page1.body.items).toHaveLength(2);
    expect(page2.body.items[0].orderId).not.toBe(page1.body.items[1].orderId);
    expect(new Date(page1.body.items[1].receivedAt).getTime()).toBeGreaterThanOrEqual(new Date(page2.body.items[0].receivedAt).getTime());
    expect(held.body.items.every((item: { status: string }) => item.status === 'ON_HOLD')).toBe(true);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['limit', 'status']);
    expect(forged.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor from this API' }]);
  });

  it('answers 404 with a problem for an unknown order and 400 for a malformed id', async () => {
    await harness.http().get('/orders/0199b7d5-0000-7000-8000-000000000000').expect(404);
    const malformed = await harness.http().get('/orders/nope/history').expect(400);
    expect(malformed.body.code).toBe('REQUEST.INVALID');
  });
});
