import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks (Stripe-like). The sender adds one header:
 *
 *     X-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]
 *
 * where each `v1` is the lowercase hex HMAC-SHA256, keyed with a secret shared with that sender, of
 * the bytes `<t>.<raw body>`: the timestamp as sent, a dot, and the body exactly as sent. The
 * timestamp rides in the signed header, so it cannot be swapped without breaking the signature.
 *
 * The receiver accepts a request when any `v1` matches the HMAC under any of its secrets for the
 * sender (several `v1` values and several secrets let either side rotate secrets without downtime)
 * and `t` lies within `toleranceSeconds` of its clock, in either direction (limits replays and
 * clock skew). Unknown keys (e.g. a future `v2`) are ignored.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookSignatureFailure = 'missing-signature' | 'malformed-signature' | 'bad-signature' | 'stale-timestamp';

export type WebhookVerification =
  | { ok: true; timestamp: Date; /** Index of the secret that matched: tells when an old one can go. */ secretIndex: number }
  | { ok: false; failure: WebhookSignatureFailure; message: string };

export interface WebhookSignatureCheck {
  /** The sender's secrets, current first; any of them may match. */
  secrets: string | readonly string[];
  /** The X-Signature header value as received. */
  signature: string | undefined;
  rawBody: Buffer | string;
  now?: Date;
  toleranceSeconds?: number;
}

export function verifyWebhookSignature(check: WebhookSignatureCheck): WebhookVerification {
  const secrets = typeof check.secrets === 'string' ? [check.secrets] : check.secrets;
  if (secrets.length === 0) throw new TypeError('verifyWebhookSignature needs at least one secret');
  if (check.signature === undefined || check.signature.trim() === '') {
    return { ok: false, failure: 'missing-signature', message: 'The request has no X-Signature header' };
  }
  const parsed = parseSignature(check.signature);
  if (parsed === undefined) {
    return { ok: false, failure: 'malformed-signature', message: 'X-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256>' };
  }

  const signedPayload = Buffer.concat([Buffer.from(`${parsed.t}.`), toBuffer(check.rawBody)]);
  const secretIndex = secrets.findIndex((secret) => {
    const expected = createHmac('sha256', secret).update(signedPayload).digest();
    return parsed.signatures.some((signature) => timingSafeEqual(signature, expected));
  });
  if (secretIndex === -1) return { ok: false, failure: 'bad-signature', message: 'The signature does not match the body' };

  // Checked after the signature, so a stale timestamp is only ever reported for an authentic request.
  const tolerance = check.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const skewSeconds = Math.floor((check.now ?? new Date()).getTime() / 1000) - Number(parsed.t);
  if (Math.abs(skewSeconds) > tolerance) {
    const when = skewSeconds > 0 ? `${skewSeconds} s ago` : `${-skewSeconds} s in the future`;
    return { ok: false, failure: 'stale-timestamp', message: `The signature was made ${when}; accepted within ${tolerance} s` };
  }
  return { ok: true, timestamp: new Date(Number(parsed.t) * 1000), secretIndex };
}

/** The X-Signature value for `body`, with one `v1` per secret: for tests, simulators and senders. */
export function signWebhook(secret: string | readonly string[], body: Buffer | string, timestamp: Date = new Date()): string {
  const t = String(Math.floor(timestamp.getTime() / 1000));
  const signedPayload = Buffer.concat([Buffer.from(`${t}.`), toBuffer(body)]);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return [`t=${t}`, ...secrets.map((key) => `v1=${createHmac('sha256', key).update(signedPayload).digest('hex')}`)].join(',');
}

function parseSignature(header: string): { t: string; signatures: Buffer[] } | undefined {
  let t: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return undefined;
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      t = value;
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  return t !== undefined && signatures.length > 0 ? { t, signatures } : undefined;
}

function toBuffer(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
