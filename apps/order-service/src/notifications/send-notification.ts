import { CORRELATION_ID_HEADER, parseRetryAfter, signWebhook, WEBHOOK_SIGNATURE_HEADER } from '@backbone/service-kit';
import type { AttemptResult } from './delivery-policy';

/** Response bytes kept in the delivery log: enough to see a receiver's error message. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface Notification {
  deliveryId: string;
  eventId: string;
  eventType: string;
  correlationId: string;
  url: string;
  body: string;
  /** Every secret signs (one v1 each), so a receiver may rotate. */
  secrets: readonly string[];
}

export interface SentAttempt extends AttemptResult {
  startedAt: Date;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/**
 * POSTs one notification, signed as service-kit's signed webhooks are (`X-Signature:
 * t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">`), so a backbone service could receive it with
 * @SignedWebhook. Never throws: a refused connection or a timeout is an attempt without status.
 * Redirects are not followed (a moved endpoint is the subscription's to fix).
 */
export async function sendNotification(notification: Notification, timeoutMs: number): Promise<SentAttempt> {
  const startedAt = new Date();
  const began = performance.now();
  const elapsed = () => Math.round(performance.now() - began);
  try {
    const response = await fetch(notification.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'backbone-order-service',
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(notification.secrets, notification.body, startedAt),
        'x-event-id': notification.eventId,
        'x-event-type': notification.eventType,
        'x-delivery-id': notification.deliveryId,
        [CORRELATION_ID_HEADER]: notification.correlationId,
      },
      body: notification.body,
    });
    const responseExcerpt = await readExcerpt(response);
    return {
      startedAt,
      latencyMs: elapsed(),
      statusCode: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      error: response.ok ? null : `HTTP ${response.status}`,
      responseExcerpt,
    };
  } catch (error) {
    return { startedAt, latencyMs: elapsed(), statusCode: null, error: describe(error, timeoutMs), responseExcerpt: null };
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  // The rest of a long body is not wanted: stop reading it.
  await reader.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
  return text === '' ? null : text;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no response within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message}: ${cause.code}` : cause?.message ? `${message}: ${cause.message}` : message;
}
