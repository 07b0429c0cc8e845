import { fail, ok, OrderDomainError, reject, toReason } from './order.errors';

describe('rejections', () => {
  it('carry a stable code, a message and the fields of their code', () => {
    const rejection = reject('ORDER.CREDIT_HOLD', 'customer C-1 is on credit hold', { customerId: 'C-1' });

    expect(rejection).toEqual({ code: 'ORDER.CREDIT_HOLD', message: 'customer C-1 is on credit hold', customerId: 'C-1' });
  });

  it('become an event Reason with only code and message, since Avro records take no extra fields', () => {
    const rejection = reject('ORDER.UNKNOWN_CUSTOMER', 'customer C-9 is not known', { customerId: 'C-9' });

    expect(toReason(rejection)).toEqual({ code: 'ORDER.UNKNOWN_CUSTOMER', message: 'customer C-9 is not known' });
  });

  it('can be thrown for a broken precondition, keeping code and fields', () => {
    const error = new OrderDomainError(reject('ORDER.INVALID_DECIMAL', '"x" is not a decimal string', { value: 'x' }));

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OrderDomainError');
    expect(error.code).toBe('ORDER.INVALID_DECIMAL');
    expect(error.message).toBe('"x" is not a decimal string');
    expect(error.rejection).toMatchObject({ value: 'x' });
  });
});

describe('results', () => {
  it('are either ok with a value or failed with an error', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
    expect(fail('no')).toEqual({ ok: false, error: 'no' });
  });
});
