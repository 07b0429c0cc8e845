import type { PricelistItem } from '@backbone/schemas';
import { money } from './money';
import { runGates, type GateInputs } from './run-gates';
import { AT, anOrder, inStatus, SYSTEM } from './testing/order-builders';

const item = (sku: string, price: string): PricelistItem => ({
  productId: 1,
  sku,
  minQuantity: { value: '0', uom: 'Units' },
  price: money(price, 'EUR'),
  dateStart: null,
  dateEnd: null,
});

const passing: GateInputs = {
  credit: { customer: { customerId: 'C-1', active: true, onCreditHold: false, creditLimit: money('1000', 'EUR') }, openExposure: money('0', 'EUR') },
  prices: {
    pricelists: [{ pricelistId: 1, currency: 'EUR', active: true, items: [item('SKU-A', '2.50'), item('SKU-B', '10')] }],
    assignment: { customerPricelistId: null, channelPricelistId: null, defaultPricelistId: 1 },
    tolerance: { kind: 'absolute', amount: '0' },
  },
};

describe('runGates', () => {
  it('validates an order that passes credit and price checks', () => {
    const result = runGates(anOrder(), passing, SYSTEM, AT);

    expect(result.ok && result.value.order.status).toBe('VALIDATED');
    expect(result.ok && result.value.event).toBe('backbone.orders.OrderValidated');
    expect(result.ok && result.value.failures).toEqual([]);
  });

  it('holds an order with one failure under that failure as the reason', () => {
    const onHold = { ...passing, credit: { ...passing.credit, customer: { ...passing.credit.customer!, onCreditHold: true } } };

    const result = runGates(anOrder(), onHold, SYSTEM, AT);

    expect(result.ok && result.value.order).toMatchObject({
      status: 'ON_HOLD',
      hold: { returnTo: 'RECEIVED', reason: { code: 'ORDER.CREDIT_HOLD', message: 'customer C-1 is on credit hold' } },
    });
    expect(result.ok && result.value.event).toBe('backbone.orders.OrderOnHold');
  });

  it('returns every failure and names them all in the hold reason, led by the first', () => {
    const failing: GateInputs = {
      credit: { ...passing.credit, customer: { ...passing.credit.customer!, onCreditHold: true } },
      prices: { ...passing.prices, pricelists: [{ ...passing.prices.pricelists[0], items: [item('SKU-A', '2')] }] },
    };

    const result = runGates(anOrder(), failing, SYSTEM, AT);

    expect(result.ok && result.value.failures.map((failure) => failure.code)).toEqual(['ORDER.CREDIT_HOLD', 'ORDER.PRICE_MISMATCH', 'ORDER.NO_PRICE']);
    expect(result.ok && result.value.audit.reason).toEqual({
      code: 'ORDER.CREDIT_HOLD',
      message:
        '3 checks failed: customer C-1 is on credit hold; line 1: price 2.50 differs from pricelist 1 price 2 by more than 0; line 2: pricelist 1 has no price for SKU-B in Units',
    });
  });

  it('runs only on a RECEIVED order', () => {
    const result = runGates(inStatus(anOrder(), 'RESERVED'), passing, SYSTEM, AT);

    expect(!result.ok && result.error).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'RESERVED', to: 'VALIDATED' });
  });
});
