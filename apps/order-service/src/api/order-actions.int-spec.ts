import { hashApiKey } from '@backbone/service-kit';
import { orderBody, seedCustomer, seedPricelist, startHarness, type Harness } from '../testing/order-service-harness';

const OPS_KEY = 'ops-key-for-order-tests';
const SHOP_KEY = 'shop-key-for-order-tests';

/** Operator actions with authentication enforced: the audit's actor is the authenticated caller. */
describe('operator actions on orders', () => {
  let harness: Harness;
  const as = (key: string) => ({ 'X-API-Key': key });

  beforeAll(async () => {
    harness = await startHarness({
      AUTH_MODE: 'enforce',
      AUTH_API_KEYS: JSON.stringify([
        { id: 'ops-console', keyHash: hashApiKey(OPS_KEY), roles: ['ops'] },
        { id: 'webshop-key', keyHash: hashApiKey(SHOP_KEY), roles: ['channel'] },
      ]),
      DEFAULT_PRICELIST_ID: '1',
    });
    await seedPricelist(harness, 1, { 'SKU-A': '2.50', 'SKU-B': '10' });
    await seedCustomer(harness, { ref: 'C-1' });
  }, 60_000);

  afterAll(() => harness?.close());

  const submit = async () => (await harness.http().post('/orders').set(as(SHOP_KEY)).send(orderBody()).expect(201)).body as { orderId: string; status: string };

  it('holds and releases an order with the operator as actor and the reason in the history', async () => {
    const { orderId } = await submit();

    await harness.http().post(`/orders/${orderId}/hold`).set(as(OPS_KEY)).send({ reason: 'customer asked to wait', code: 'ORDER.CUSTOMER_REQUEST' }).expect(200);
    const released = await harness.http().post(`/orders/${orderId}/release-hold`).set(as(OPS_KEY)).send({ reason: 'customer confirmed' }).expect(200);

    expect(released.body.status).toBe('VALIDATED');
    const history = (await harness.http().get(`/orders/${orderId}/history`).set(as(SHOP_KEY)).expect(200)).body.items;
    expect(history.slice(-2)).toEqual([
      expect.objectContaining({ command: 'HOLD', from: 'VALIDATED', to: 'ON_HOLD', actor: { kind: 'operator', id: 'ops-console' }, reason: { code: 'ORDER.CUSTOMER_REQUEST', message: 'customer asked to wait' } }),
      expect.objectContaining({ command: 'RELEASE_HOLD', from: 'ON_HOLD', to: 'VALIDATED', actor: { kind: 'operator', id: 'ops-console' }, reason: { code: 'ORDER.HOLD_RELEASED_BY_OPERATOR', message: 'customer confirmed' } }),
    ]);
    expect(history[0].actor).toEqual({ kind: 'channel', id: 'webshop-key' });
  });

  it('lets only operators act on orders, and only with a reason', async () => {
    const { orderId } = await submit();

    const forbidden = await harness.http().post(`/orders/${orderId}/cancel`).set(as(SHOP_KEY)).send({ reason: 'shop wants out' }).expect(403);
    const anonymous = await harness.http().post(`/orders/${orderId}/cancel`).send({ reason: 'who am I' }).expect(401);
    const noReason = await harness.http().post(`/orders/${orderId}/cancel`).set(as(OPS_KEY)).send({ reason: '  ' }).expect(400);
    const rejected = await harness.http().post(`/orders/${orderId}/reject`).set(as(OPS_KEY)).send({ reason: 'fraud suspected' }).expect(409);

    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(noReason.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'reason' }] });
    expect(rejected.body).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'VALIDATED', command: 'REJECT' });
    expect((await harness.http().get(`/orders/${orderId}`).set(as(OPS_KEY)).expect(200)).body.status).toBe('VALIDATED');
  });

  it('cancels an order before release: every line cancelled, OrderCancelled audited with the operator', async () => {
    const { orderId } = await submit();

    const cancelled = await harness.http().post(`/orders/${orderId}/cancel`).set(as(OPS_KEY)).send({ reason: 'duplicate purchase', code: 'ORDER.CUSTOMER_REQUEST' }).expect(200);

    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', lines: [{ ordered: '10', cancelled: '10' }, { ordered: '4', cancelled: '4' }] });
    const [last] = (await harness.http().get(`/orders/${orderId}/history`).set(as(OPS_KEY)).expect(200)).body.items.slice(-1);
    expect(last).toMatchObject({ command: 'CANCEL', from: 'VALIDATED', to: 'CANCELLED', actor: { kind: 'operator', id: 'ops-console' }, eventId: expect.any(String) });
  });

  it('scopes Idempotency-Keys per caller', async () => {
    const body = orderBody();

    await harness.http().post('/orders').set(as(SHOP_KEY)).set('Idempotency-Key', 'shared').send(body).expect(201);
    const other = await harness.http().post('/orders').set(as(OPS_KEY)).set('Idempotency-Key', 'shared').send({ ...body, notes: 'another caller, another request' }).expect(409);

    expect(other.body.code).toBe('ORDER.DUPLICATE_ORDER');
  });
});
