import { isOnCreditHold } from './credit-hold';

describe('credit hold rule', () => {
  const facts = { usePartnerCreditLimit: true, creditLimit: '1000', credit: '1000', holdFlag: false };

  it('holds a partner whose receivable exceeds its own credit limit', () => {
    expect(isOnCreditHold({ ...facts, credit: '1000.01' })).toBe(true);
    expect(isOnCreditHold(facts)).toBe(false);
  });

  it('ignores the limit when the partner does not use it, or when it is zero (no limit)', () => {
    expect(isOnCreditHold({ ...facts, usePartnerCreditLimit: false, credit: '5000' })).toBe(false);
    expect(isOnCreditHold({ ...facts, creditLimit: '0', credit: '5000' })).toBe(false);
  });

  it('holds a partner flagged by the configured field whatever its credit', () => {
    expect(isOnCreditHold({ ...facts, usePartnerCreditLimit: false, credit: '0', holdFlag: true })).toBe(true);
  });
});
