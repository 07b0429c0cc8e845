import { json2, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

const T0 = new Date('2025-06-01T10:00:00.000Z');
const T1 = new Date('2025-06-01T10:00:05.000Z');

describe('per-call transactions', () => {
  const clock = { now: T0 };
  const sim = useSimulator({ version: 19, latencyMs: 60, clock: () => clock.now });
  beforeEach(() => (clock.now = T0));

  it('stamps create_date and write_date with the call start, not with its end', async () => {
    const pending = legacyResult(legacy(sim())('res.partner', 'create', [{ name: 'Slow' }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.now = T1;
    const id = (await pending) as number;
    expect(sim().orm.read('res.partner', [id], ['create_date', 'write_date'])[0]).toMatchObject({ create_date: '2025-06-01 10:00:00', write_date: '2025-06-01 10:00:00' });
  });

  it('lets a long transaction commit rows older than what a poller already saw', async () => {
    sim().faults.inject({ kind: 'delay', ms: 150, match: { method: 'create' }, once: true });
    const slow = legacyResult(legacy(sim())('res.partner', 'create', [{ name: 'Long transaction' }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.now = T1;
    await legacyResult(legacy(sim())('res.partner', 'write', [[1], { phone: '123' }]));
    const seenAfterT1 = () => sim().orm.search('res.partner', [['write_date', '>=', '2025-06-01 10:00:05']]);
    expect(seenAfterT1()).toEqual([1]);
    const slowId = (await slow) as number;
    expect(seenAfterT1()).toEqual([1]);
    expect(sim().orm.search('res.partner', [['write_date', '>=', '2025-06-01 10:00:00'], ['name', '=', 'Long transaction']])).toEqual([slowId]);
  });

  it('records the calling user in create_uid and write_uid', async () => {
    const integration = sim().users[1];
    const id = (await legacyResult(legacy(sim(), integration)('res.partner', 'create', [{ name: 'Made by integration' }]))) as number;
    expect(sim().orm.read('res.partner', [id], ['create_uid', 'write_uid'])[0]).toMatchObject({ create_uid: [6, 'Integration'], write_uid: [6, 'Integration'] });
  });

  it('rolls back everything a failing call wrote, though sequence numbers stay consumed', async () => {
    const partner = sim().seed.partner({ name: 'Acme' });
    const product = sim().seed.product({ name: 'Drill' });
    const failing = await legacy(sim())('sale.order', 'create', [{ partner_id: partner, order_line: [[0, 0, { product_id: product }], [0, 0, { product_id: product, colour: 'red' }]] }]);
    expect(failing.error?.data.name).toBe('builtins.ValueError');
    expect(sim().orm.search('sale.order', [])).toEqual([]);
    expect(sim().orm.search('sale.order.line', [])).toEqual([]);
    const order = (await legacyResult(legacy(sim())('sale.order', 'create', [{ partner_id: partner }]))) as number;
    expect(sim().orm.read('sale.order', [order], ['name'])[0].name).toBe('S00002');
  });

  it('reports a missing required field as the ValidationError of a NOT NULL violation', async () => {
    const message =
      'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      'Model: Sales Order (sale.order)\nField: Customer (partner_id)\n';
    const body = await legacy(sim())('sale.order', 'create', [{ client_order_ref: 'PO-1' }]);
    expect(body.error?.data).toMatchObject({ name: 'odoo.exceptions.ValidationError', message, arguments: [message] });
    const response = await json2(sim())('sale.order', 'create', { vals_list: [{ client_order_ref: 'PO-1' }] });
    expect([response.status, (response.json as { name: string }).name]).toEqual([422, 'odoo.exceptions.ValidationError']);
  });

  it('refuses to delete a record another one requires, and a confirmed order', async () => {
    const partner = sim().seed.partner({ name: 'Acme' });
    const product = sim().seed.product({ name: 'Drill' });
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: product }]] });
    const partnerDelete = await legacy(sim())('res.partner', 'unlink', [[partner]]);
    expect(partnerDelete.error?.data).toMatchObject({ name: 'odoo.exceptions.ValidationError', message: expect.stringContaining('Constraint: sale_order_partner_id_fkey') });
    await legacyResult(legacy(sim())('sale.order', 'action_confirm', [[order]]));
    const orderDelete = await legacy(sim())('sale.order', 'unlink', [[order]]);
    expect(orderDelete.error?.data.message).toBe('You can not delete a sent quotation or a confirmed sales order. You must first cancel it.');
  });

  it('deletes lines with their order (ON DELETE CASCADE)', async () => {
    const partner = sim().seed.partner({ name: 'Acme' });
    const product = sim().seed.product({ name: 'Drill' });
    const order = sim().orm.create('sale.order', { partner_id: partner, order_line: [[0, 0, { product_id: product }]] });
    expect(await legacyResult(legacy(sim())('sale.order', 'unlink', [[order]]))).toBe(true);
    expect(sim().orm.search('sale.order.line', [])).toEqual([]);
  });
});
