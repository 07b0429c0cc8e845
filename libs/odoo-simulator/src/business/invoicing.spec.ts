import { startOdooSimulator } from '../simulator';
import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

const clock = () => new Date('2025-09-15T12:00:00Z');

describe('customer invoices and credit notes (Odoo 19)', () => {
  const sim = useSimulator({ version: 19, clock });

  async function postedInvoice() {
    const partner = sim().seed.partner({ name: 'Acme' });
    const product = sim().seed.product({ name: 'Drill', list_price: 100 });
    const [tax] = sim().orm.search('account.tax', [['amount', '=', 15]]);
    const call = json2(sim());
    const [invoice] = (await json2Result(
      call('account.move', 'create', { vals_list: [{ move_type: 'out_invoice', partner_id: partner, invoice_line_ids: [[0, 0, { product_id: product, quantity: 2, tax_ids: [[6, 0, [tax]]] }]] }] }),
    )) as number[];
    expect(sim().orm.read('account.move', [invoice], ['display_name'])[0].display_name).toBe(`Draft Invoice (* ${invoice})`);
    expect(await json2Result(call('account.move', 'action_post', { ids: [invoice] }))).toBe(false);
    return { partner, product, invoice };
  }

  it('posts a draft invoice: number, date, amounts, not paid, and the customer owes it', async () => {
    const { partner, invoice } = await postedInvoice();
    expect(sim().orm.read('account.move', [invoice], ['name', 'state', 'invoice_date', 'payment_state', 'amount_untaxed', 'amount_tax', 'amount_total', 'amount_residual'])[0]).toEqual({
      id: invoice,
      name: 'INV/2025/00001',
      state: 'posted',
      invoice_date: '2025-09-15',
      payment_state: 'not_paid',
      amount_untaxed: 200,
      amount_tax: 30,
      amount_total: 230,
      amount_residual: 230,
    });
    expect(sim().orm.read('res.partner', [partner], ['credit'])[0].credit).toBe(230);
  });

  it('refuses to post twice or without lines', async () => {
    const { partner, invoice } = await postedInvoice();
    const twice = await legacy(sim())('account.move', 'action_post', [[invoice]]);
    expect(twice.error?.data.message).toBe(`The entry INV/2025/00001 (id ${invoice}) must be in draft.`);
    const empty = sim().orm.create('account.move', { move_type: 'out_invoice', partner_id: partner });
    const noLines = await legacy(sim())('account.move', 'action_post', [[empty]]);
    expect(noLines.error?.data.message).toBe('You need to add a line before posting.');
  });

  it('reverses with refund_moves into a draft credit note, which posts with its own sequence', async () => {
    const { invoice } = await postedInvoice();
    const call = json2(sim());
    const context = { active_model: 'account.move', active_ids: [invoice] };
    const [wizard] = (await json2Result(call('account.move.reversal', 'create', { vals_list: [{ reason: 'damaged' }], context }))) as number[];
    const action = (await json2Result(call('account.move.reversal', 'refund_moves', { ids: [wizard] }))) as Record<string, unknown>;
    expect(action).toEqual({ name: 'Reverse Moves', type: 'ir.actions.act_window', res_model: 'account.move', view_mode: 'form', res_id: expect.any(Number), context: { default_move_type: 'out_refund' } });
    const refund = action.res_id as number;
    expect(sim().orm.read('account.move', [refund], ['move_type', 'state', 'ref', 'reversed_entry_id', 'amount_total'])[0]).toMatchObject({
      move_type: 'out_refund',
      state: 'draft',
      ref: 'Reversal of: INV/2025/00001, damaged',
      reversed_entry_id: [invoice, 'INV/2025/00001'],
      amount_total: 230,
    });
    await json2Result(call('account.move', 'action_post', { ids: [refund] }));
    expect(sim().orm.read('account.move', [refund], ['name', 'payment_state'])[0]).toMatchObject({ name: 'RINV/2025/00001', payment_state: 'not_paid' });
  });

  it('marks the original reversed with modify_moves and drafts a copy to correct', async () => {
    const { invoice } = await postedInvoice();
    const wizard = sim().orm.create('account.move.reversal', { move_ids: [[6, 0, [invoice]]] });
    const action = (await json2Result(json2(sim())('account.move.reversal', 'modify_moves', { ids: [wizard] }))) as { res_id: number };
    expect(sim().orm.read('account.move', [invoice], ['payment_state', 'amount_residual'])[0]).toMatchObject({ payment_state: 'reversed', amount_residual: 0 });
    expect(sim().orm.read('account.move', [action.res_id], ['move_type', 'state'])[0]).toMatchObject({ move_type: 'out_invoice', state: 'draft' });
  });

  it('reverses only posted moves', async () => {
    const partner = sim().seed.partner({ name: 'Acme' });
    const draft = sim().orm.create('account.move', { move_type: 'out_invoice', partner_id: partner });
    const wizard = sim().orm.create('account.move.reversal', { move_ids: [[6, 0, [draft]]] });
    const response = await json2(sim())('account.move.reversal', 'refund_moves', { ids: [wizard] });
    expect([response.status, (response.json as { message: string }).message]).toEqual([422, 'You can only reverse posted moves.']);
  });
});

describe('credit notes in Odoo 16: reverse_moves with refund_method', () => {
  it('posts and reconciles the credit note for a full refund, and has no refund_moves', async () => {
    const sim = await startOdooSimulator({ version: 16, clock });
    try {
      const partner = sim.seed.partner({ name: 'Acme' });
      const product = sim.seed.product({ name: 'Drill', list_price: 50 });
      const invoice = sim.orm.create('account.move', { move_type: 'out_invoice', partner_id: partner, invoice_line_ids: [[0, 0, { product_id: product }]] });
      await legacyResult(legacy(sim)('account.move', 'action_post', [[invoice]]));
      const wizard = (await legacyResult(legacy(sim)('account.move.reversal', 'create', [{ refund_method: 'cancel' }], { context: { active_model: 'account.move', active_ids: [invoice] } }))) as number;
      expect((await legacy(sim)('account.move.reversal', 'refund_moves', [[wizard]])).error?.data.name).toBe('builtins.AttributeError');
      const action = (await legacyResult(legacy(sim)('account.move.reversal', 'reverse_moves', [[wizard]]))) as { res_id: number };
      expect(sim.orm.read('account.move', [action.res_id], ['name', 'state', 'payment_state'])[0]).toMatchObject({ name: 'RINV/2025/00001', state: 'posted', payment_state: 'paid' });
      expect(sim.orm.read('account.move', [invoice], ['payment_state'])[0].payment_state).toBe('reversed');
    } finally {
      await sim.stop();
    }
  });
});
