import { afterAttempt, retryDelayMs, type RetryPolicy } from './delivery-policy';

const policy: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 10_000 };
const half = () => 0.5;

describe('what happens after an attempt', () => {
  it.each([200, 201, 204, 299])('%i delivers', (statusCode) => {
    expect(afterAttempt({ statusCode }, 1, policy)).toEqual({ status: 'DELIVERED' });
  });

  it.each([null, 408, 429, 500, 502, 503, 504])('%s is retried later', (statusCode) => {
    expect(afterAttempt({ statusCode }, 1, policy, half)).toEqual({ status: 'PENDING', delayMs: 750 });
  });

  it.each([301, 400, 401, 403, 404, 410, 422])('%i fails at once: sending it again would not change the answer', (statusCode) => {
    expect(afterAttempt({ statusCode }, 1, policy)).toEqual({ status: 'FAILED', reason: 'REFUSED' });
  });

  it('gives up after the last attempt', () => {
    expect(afterAttempt({ statusCode: 503 }, 4, policy, half).status).toBe('PENDING');
    expect(afterAttempt({ statusCode: 503 }, 5, policy)).toEqual({ status: 'FAILED', reason: 'EXHAUSTED' });
  });
});

describe('backoff', () => {
  it('doubles per attempt, with half of each step random, up to the maximum', () => {
    const lowest = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, 0, () => 0));
    const highest = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, 0, () => 1));

    expect(lowest).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(highest).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("honours the receiver's Retry-After up to the maximum", () => {
    expect(afterAttempt({ statusCode: 429, retryAfterMs: 7000 }, 1, policy, half)).toEqual({ status: 'PENDING', delayMs: 7000 });
    expect(retryDelayMs(1, policy, 60_000, half)).toBe(10_000);
  });
});
