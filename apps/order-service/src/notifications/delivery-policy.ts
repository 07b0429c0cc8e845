/** What one HTTP attempt came to: a status code, or none when the request failed (refused, reset, timed out). */
export interface AttemptResult {
  statusCode: number | null;
  /** Retry-After of a 429/503, in milliseconds, when the receiver sent one. */
  retryAfterMs?: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type NextStep =
  | { status: 'DELIVERED' }
  | { status: 'FAILED'; reason: 'REFUSED' | 'EXHAUSTED' }
  | { status: 'PENDING'; delayMs: number };

/**
 * After attempt number `attempt` (1-based): 2xx delivered; 408, 429, 5xx and network failures
 * retried with backoff until `maxAttempts`; anything else (3xx, other 4xx) is the receiver
 * refusing this body, which sending it again will not change, so it fails at once.
 */
export function afterAttempt(result: AttemptResult, attempt: number, policy: RetryPolicy, random: () => number = Math.random): NextStep {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { status: 'DELIVERED' };
  const retriable = code === null || code === 408 || code === 429 || code >= 500;
  if (!retriable) return { status: 'FAILED', reason: 'REFUSED' };
  if (attempt >= policy.maxAttempts) return { status: 'FAILED', reason: 'EXHAUSTED' };
  return { status: 'PENDING', delayMs: retryDelayMs(attempt, policy, result.retryAfterMs, random) };
}

/**
 * Exponential backoff with "equal jitter" (half fixed, half random): base × 2^(attempt−1), capped
 * at the maximum, so retries of many deliveries spread out while each still waits at least half its
 * step. A receiver's Retry-After is honoured up to the maximum.
 */
export function retryDelayMs(attempt: number, policy: Pick<RetryPolicy, 'backoffBaseMs' | 'backoffMaxMs'>, retryAfterMs = 0, random: () => number = Math.random): number {
  const step = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(attempt - 1, 30));
  const jittered = Math.round(step / 2 + (random() * step) / 2);
  return Math.min(policy.backoffMaxMs, Math.max(jittered, retryAfterMs));
}
