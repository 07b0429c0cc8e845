import { ExceptionAlreadyResolvedError, ReasonRequiredError } from './exception.errors';
import { assertResolvable, normalizeReason } from './resolution-rules';

const open = { id: 'e-1', status: 'OPEN' as const, resolution: null };
const operator = { kind: 'user', id: 'ops-1' };

describe('resolution rules', () => {
  it('lets an open exception be retried without a reason', () => {
    expect(() => assertResolvable(open, { resolution: 'RETRIED', actor: operator })).not.toThrow();
  });

  it.each(['OVERRIDDEN', 'REJECTED'] as const)('refuses %s without a non-blank reason', (resolution) => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(() => assertResolvable(open, { resolution, actor: operator, reason })).toThrow(ReasonRequiredError);
    }
    expect(() => assertResolvable(open, { resolution, actor: operator, reason: 'Customer paid by wire' })).not.toThrow();
  });

  it('refuses to resolve a resolved exception, whatever the resolution, with EXCEPTION.ALREADY_RESOLVED', () => {
    const resolved = { id: 'e-1', status: 'RESOLVED' as const, resolution: 'REJECTED' as const };

    for (const resolution of ['RETRIED', 'OVERRIDDEN', 'REJECTED'] as const) {
      let error: unknown;
      try {
        assertResolvable(resolved, { resolution, actor: operator, reason: 'again' });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ExceptionAlreadyResolvedError);
      expect(error).toMatchObject({ code: 'EXCEPTION.ALREADY_RESOLVED', exceptionId: 'e-1', resolution: 'REJECTED' });
    }
  });

  it('stores reasons trimmed, and blank ones as null', () => {
    expect(normalizeReason('  paid  ')).toBe('paid');
    expect(normalizeReason(' ')).toBeNull();
    expect(normalizeReason(undefined)).toBeNull();
  });
});
