import { orderBody, seedCustomer, seedPricelist, startHarness, type Harness } from '../testing/order-service-harness';
import { ReservationOutcomes } from './reservation-outcomes';

const units = (value: string) => ({ value, uom: 'Units' });

describe('reservation outcomes of one fetched batch', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ DEFAULT_PRICELIST_ID: '1' });
    await seedPricelist(harness, 1, { 'SKU-A': '2.50' });
    await seedCustomer(harness, { ref: 'C-1', partnerId: 101 });
  }, 60_000);

  afterAll(() => harness?.close());

  const validatedOrder = async () => {
    const response = await harness.http().post('/orders').send(orderBody({ lines: [{ sku: 'SKU-A', quantity: '2', unit: 'Units', unitPrice: '2.50' }] })).expect(201);
    return response.body.orderId as string;
  };
  const status = async (orderId: string) => (await harness.database.db('orders').where({ order_id: orderId }).first('status')).status;

  it('applies them together in arrival order, a later outcome of an order seeing what the earlier one did', async () => {
    const [first, second] = [await validatedOrder(), await validatedOrder()];
    const decided = (orderId: string, reserved: string) => ({
      kind: 'decided' as const,
      orderId,
      lines: [{ sku: 'SKU-A', locationId: 'WH-1', requested: units('2'), reserved: units(reserved) }],
      actor: { kind: 'system' as const, id: 'inventory-service' },
      cause: { correlationId: `corr-${orderId}` },
    });

    await harness.database.db.transaction((trx) =>
      harness.app.get(ReservationOutcomes).apply(trx, [
        decided(first, '2'),
        decided(second, '1'),
        { kind: 'released', orderId: first, reason: { code: 'INVENTORY.RESERVATION_EXPIRED', message: 'held too long' }, cause: {} },
      ]),
    );

    expect([await status(first), await status(second)]).toEqual(['RESERVED', 'ON_HOLD']);
    const exceptions = await harness.database.db('business_exception').whereIn('subject_id', [first, second]).orderBy('raised_at').select('subject_id', 'code');
    expect(exceptions).toEqual([
      { subject_id: second, code: 'ORDER.NOT_AVAILABLE' },
      // The release came after the reservation: the order was RESERVED then, so it is unexpected.
      { subject_id: first, code: 'ORDER.RESERVATION_RELEASED' },
    ]);
    const audit = await harness.database.db('order_audit').whereIn('order_id', [first, second]).orderBy('id').select('order_id', 'command', 'event_id');
    expect(audit.map((row) => [row.order_id, row.command])).toEqual([
      [first, 'RECEIVE'],
      [first, 'VALIDATE'],
      [second, 'RECEIVE'],
      [second, 'VALIDATE'],
      [first, 'RESERVE'],
      [second, 'HOLD'],
    ]);
    expect(audit.every((row) => typeof row.event_id === 'string')).toBe(true);
  });
});
