import { DomainError, PoisonMessageError, RetriableError } from '../errors';
import { isRetriable, RetriesExhausted, withRetries } from './retry-policy';

const fast = { attempts: 4, initialDelayMs: 1, maxDelayMs: 2 };

describe('withRetries', () => {
  it('retries a transient failure until it succeeds, calling onRetry between tries', async () => {
    const retried: number[] = [];
    let calls = 0;
    const result = await withRetries(
      fast,
      async () => {
        if (++calls < 3) throw new RetriableError('busy');
        return 'done';
      },
      (_error, attempt) => void retried.push(attempt),
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after the configured number of tries with the last error', async () => {
    const failure = withRetries(fast, async () => Promise.reject(new RetriableError('still busy')), () => undefined);
    await expect(failure).rejects.toBeInstanceOf(RetriesExhausted);
    await failure.catch((error: RetriesExhausted) => {
      expect(error.attempts).toBe(4);
      expect((error.lastError as Error).message).toBe('still busy');
    });
  });

  it.each([
    ['a poison record', new PoisonMessageError('EVENTS.NOT_AVRO', 'bad bytes')],
    ['a programming error', new TypeError('x is undefined')],
    ['a business rule', new DomainError('ORDER.CREDIT_HOLD', 'customer on hold')],
  ])('never retries %s', async (_name, error) => {
    let calls = 0;
    const failure = withRetries(fast, async () => {
      calls++;
      throw error;
    }, () => undefined);
    await expect(failure).rejects.toMatchObject({ attempts: 1, lastError: error });
    expect(calls).toBe(1);
    expect(isRetriable(error)).toBe(false);
  });

  it('treats unknown errors (a dropped connection) as retriable', () => {
    expect(isRetriable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });
});
