import { backOff } from 'exponential-backoff';
import { DomainError, isPermanent } from '../errors';

export interface RetryPolicy {
  /** Total tries, the first one included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5000 };

/** Whether trying again can help: never for poison, validation, programming or business errors. */
export function isRetriable(error: unknown): boolean {
  return !isPermanent(error) && !(error instanceof DomainError);
}

/**
 * Runs `work` with jittered exponential backoff while `retryIf` says the error is worth another
 * try; `onRetry` runs between tries (the transport heartbeats there so a slow retry does not cost
 * the partition). Resolves to the work's result, or rejects with the last error and the number of
 * tries made.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  work: (attempt: number) => Promise<T>,
  onRetry: (error: unknown, attempt: number) => Promise<void> | void,
  retryIf: (error: unknown) => boolean = isRetriable,
): Promise<T> {
  let attempt = 0;
  try {
    return await backOff(() => work(++attempt), {
      numOfAttempts: policy.attempts,
      startingDelay: policy.initialDelayMs,
      maxDelay: policy.maxDelayMs,
      timeMultiple: 2,
      jitter: 'full',
      retry: async (error: unknown) => {
        if (!retryIf(error)) return false;
        await onRetry(error, attempt);
        return true;
      },
    });
  } catch (error) {
    throw new RetriesExhausted(error, attempt);
  }
}

export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} tries: ${(lastError as Error)?.message ?? String(lastError)}`);
  }
}
