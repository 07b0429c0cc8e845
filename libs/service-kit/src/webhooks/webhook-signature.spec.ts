import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const body = '{"sku":"A-1","quantity":5}';
const signedAt = new Date('2026-01-01T00:00:00Z'); // t=1767225600
const secret = 'whsec-test-secret';

describe('webhook signatures', () => {
  it('sign t.<raw body> with HMAC-SHA256 into t=<unix>,v1=<hex>', () => {
    // Independently computed: printf '%s' '1767225600.{"sku":"A-1","quantity":5}' | openssl dgst -sha256 -hmac whsec-test-secret
    expect(signWebhook(secret, body, signedAt)).toBe('t=1767225600,v1=44b116207d32c89ffec3de180f41455cdeec839296ec058f5beb615a721f64fc');
  });

  it('accept a request signed with the secret within the window', () => {
    const result = verifyWebhookSignature({ secrets: secret, signature: signWebhook(secret, body, signedAt), rawBody: Buffer.from(body), now: new Date('2026-01-01T00:04:59Z') });

    expect(result).toEqual({ ok: true, timestamp: signedAt, secretIndex: 0 });
  });

  it('refuse a signature made with another secret', () => {
    const result = verifyWebhookSignature({ secrets: secret, signature: signWebhook('another-secret', body, signedAt), rawBody: body, now: signedAt });

    expect(result).toMatchObject({ ok: false, failure: 'bad-signature' });
  });

  it('refuse a body changed after signing, even by one space', () => {
    const signature = signWebhook(secret, body, signedAt);

    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: body.replace('5', '50'), now: signedAt })).toMatchObject({ failure: 'bad-signature' });
    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: `${body} `, now: signedAt })).toMatchObject({ failure: 'bad-signature' });
  });

  it('refuse a timestamp changed after signing', () => {
    const signature = signWebhook(secret, body, signedAt).replace('t=1767225600', 't=1767225660');

    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: body, now: signedAt })).toMatchObject({ failure: 'bad-signature' });
  });

  it('refuse an authentic request signed too long ago or too far in the future', () => {
    const signature = signWebhook(secret, body, signedAt);
    const check = { secrets: secret, signature, rawBody: body };

    expect(verifyWebhookSignature({ ...check, now: new Date('2026-01-01T00:05:01Z') })).toEqual({
      ok: false,
      failure: 'stale-timestamp',
      message: 'The signature was made 301 s ago; accepted within 300 s',
    });
    expect(verifyWebhookSignature({ ...check, now: new Date('2025-12-31T23:54:00Z') })).toMatchObject({ failure: 'stale-timestamp', message: expect.stringContaining('360 s in the future') });
    expect(verifyWebhookSignature({ ...check, now: new Date('2026-01-01T00:05:01Z'), toleranceSeconds: 600 })).toMatchObject({ ok: true });
  });

  it('report a forged request as a bad signature, however old its timestamp', () => {
    const signature = signWebhook('guessed-secret', body, new Date('2020-01-01T00:00:00Z'));

    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: body, now: signedAt })).toMatchObject({ failure: 'bad-signature' });
  });

  describe('secret rotation', () => {
    it('accept any of several v1 values, so a sender can sign with its old and new secret', () => {
      const signature = signWebhook(['retired-secret', secret], body, signedAt);

      expect(verifyWebhookSignature({ secrets: [secret], signature, rawBody: body, now: signedAt })).toMatchObject({ ok: true, secretIndex: 0 });
    });

    it('accept any of several configured secrets, and say which one matched', () => {
      const signature = signWebhook('old-secret', body, signedAt);

      expect(verifyWebhookSignature({ secrets: ['new-secret', 'old-secret'], signature, rawBody: body, now: signedAt })).toMatchObject({ ok: true, secretIndex: 1 });
    });
  });

  it('say the signature is missing when there is no header', () => {
    expect(verifyWebhookSignature({ secrets: secret, signature: undefined, rawBody: body })).toMatchObject({ ok: false, failure: 'missing-signature' });
    expect(verifyWebhookSignature({ secrets: secret, signature: ' ', rawBody: body })).toMatchObject({ ok: false, failure: 'missing-signature' });
  });

  it.each([
    ['no timestamp', 'v1=44b116207d32c89ffec3de180f41455cdeec839296ec058f5beb615a721f64fc'],
    ['no v1', 't=1767225600'],
    ['only an unknown scheme', 't=1767225600,v0=abc'],
    ['two timestamps', 't=1767225600,t=1767225601,v1=44b116207d32c89ffec3de180f41455cdeec839296ec058f5beb615a721f64fc'],
    ['a non-numeric timestamp', 't=soon,v1=44b116207d32c89ffec3de180f41455cdeec839296ec058f5beb615a721f64fc'],
    ['a short v1', 't=1767225600,v1=44b1'],
    ['a bare token', 'sha256=44b116207d32c89ffec3de180f41455cdeec839296ec058f5beb615a721f64fc=x'],
  ])('call a header with %s malformed', (_case, signature) => {
    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: body, now: signedAt })).toMatchObject({ ok: false, failure: 'malformed-signature' });
  });

  it('ignore unknown schemes next to v1', () => {
    const signature = `${signWebhook(secret, body, signedAt)},v2=future-scheme`;

    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: body, now: signedAt })).toMatchObject({ ok: true });
  });

  it('sign and verify the raw bytes, whatever their encoding', () => {
    const latin1 = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"n":"é"} in ISO-8859-1

    const signature = signWebhook(secret, latin1, signedAt);

    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: latin1, now: signedAt })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ secrets: secret, signature, rawBody: latin1.toString('utf8'), now: signedAt })).toMatchObject({ failure: 'bad-signature' });
  });
});
