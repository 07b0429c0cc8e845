import { assertValidRaise } from './raise-validation';

const valid = { code: 'ORDER.CREDIT_HOLD', message: 'Customer C-1 is on credit hold', subject: { type: 'order', id: 'O-1' }, details: { customerId: 'C-1' } };

describe('raise validation', () => {
  it('accepts DOMAIN.REASON codes with a message and a subject', () => {
    expect(() => assertValidRaise(valid)).not.toThrow();
    expect(() => assertValidRaise({ ...valid, code: 'EDI.PARTNER_MAPPING_GAP', details: undefined })).not.toThrow();
    expect(() => assertValidRaise({ ...valid, code: 'ERP.SYNC.VALIDATION' })).not.toThrow();
  });

  it('refuses a malformed raise as a programming error, naming every problem', () => {
    const raise = () => assertValidRaise({ code: 'credit hold', message: ' ', subject: { type: '', id: '' }, details: { amount: 12 as unknown as string } });

    expect(raise).toThrow(TypeError);
    expect(raise).toThrow(/code "credit hold" is not DOMAIN.REASON.*message is blank.*subject.type is blank.*subject.id is blank.*details.amount is not a string/);
  });

  it('wants a domain and a reason', () => {
    expect(() => assertValidRaise({ ...valid, code: 'CREDIT_HOLD' })).toThrow(TypeError);
    expect(() => assertValidRaise({ ...valid, code: 'ORDER.' })).toThrow(TypeError);
  });
});
