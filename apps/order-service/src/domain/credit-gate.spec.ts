import { checkCredit, type CustomerAccount } from './credit-gate';
import { money } from './money';
import { anOrder } from './testing/order-builders';

// The fixture order totals 10 × 2.50 + 4 × 10 = 65 EUR.
const order = anOrder();
const goodStanding: CustomerAccount = { customerId: 'C-1', active: true, onCreditHold: false, creditLimit: money('1000', 'EUR') };
const noExposure = money('0', 'EUR');

describe('checkCredit', () => {
  it('passes a known, active customer within the credit limit', () => {
    expect(checkCredit(order, { customer: goodStanding, openExposure: noExposure })).toEqual([]);
  });

  it('passes when no credit limit applies, whatever the exposure', () => {
    expect(checkCredit(order, { customer: { ...goodStanding, creditLimit: null }, openExposure: money('1000000', 'EUR') })).toEqual([]);
  });

  it('refuses a customer the ERP never sent, and checks nothing else', () => {
    expect(checkCredit(order, { customer: null, openExposure: noExposure })).toEqual([
      { code: 'ORDER.UNKNOWN_CUSTOMER', message: 'customer C-1 is not known from the ERP', customerId: 'C-1' },
    ]);
  });

  it('reports an archived customer, a credit hold and an exceeded limit together', () => {
    const customer = { ...goodStanding, active: false, onCreditHold: true, creditLimit: money('100', 'EUR') };

    const failures = checkCredit(order, { customer, openExposure: money('40', 'EUR') });

    expect(failures.map((failure) => failure.code)).toEqual(['ORDER.CUSTOMER_ARCHIVED', 'ORDER.CREDIT_HOLD', 'ORDER.CREDIT_LIMIT_EXCEEDED']);
  });

  it('compares the order total with the remaining credit: limit minus open exposure', () => {
    const failures = checkCredit(order, { customer: { ...goodStanding, creditLimit: money('100', 'EUR') }, openExposure: money('35.01', 'EUR') });

    expect(failures).toEqual([
      {
        code: 'ORDER.CREDIT_LIMIT_EXCEEDED',
        message: 'order total 65 EUR exceeds the remaining credit 64.99 of customer C-1',
        customerId: 'C-1',
        creditLimit: money('100', 'EUR'),
        openExposure: money('35.01', 'EUR'),
        remainingCredit: money('64.99', 'EUR'),
        orderTotal: money('65', 'EUR'),
      },
    ]);
  });

  it('accepts an order that uses exactly the remaining credit', () => {
    expect(checkCredit(order, { customer: { ...goodStanding, creditLimit: money('100', 'EUR') }, openExposure: money('35', 'EUR') })).toEqual([]);
  });

  it('holds an order in another currency than the limit: there is no rate to compare them', () => {
    const failures = checkCredit(order, { customer: { ...goodStanding, creditLimit: money('1000', 'USD') }, openExposure: money('0', 'USD') });

    expect(failures).toEqual([expect.objectContaining({ code: 'ORDER.CURRENCY_MISMATCH', expected: 'USD', actual: 'EUR' })]);
  });

  it('throws when the exposure is not in the limit currency: the caller must sum it in that currency', () => {
    expect(() => checkCredit(order, { customer: goodStanding, openExposure: money('0', 'USD') })).toThrow('cannot combine EUR with USD');
  });
});
