import { ApiKeyStore, hashApiKey } from './api-keys';
import { AuthFailure } from './auth-failure';
import { Authenticator } from './authenticator';
import type { JwtVerifier } from './jwt-verifier';

const apiKeys = new ApiKeyStore([{ id: 'shop-1', keyHash: hashApiKey('shop-1-key'), roles: ['channel'] }]);
const verifyJwt: JwtVerifier = async (token) => {
  if (token === 'good.jwt.token') return { kind: 'user', id: 'alice', roles: ['ops'] };
  throw new AuthFailure('expired', 'The bearer token has expired');
};

async function failureOf(attempt: Promise<unknown>): Promise<AuthFailure> {
  const error = await attempt.then(() => undefined, (thrown: unknown) => thrown);
  if (error instanceof AuthFailure) return error;
  throw new Error(`expected an AuthFailure, got ${String(error)}`);
}

describe('Authenticator', () => {
  const authenticator = new Authenticator({ realm: 'order-service', verifyJwt, apiKeys });

  it('authenticates an API key sent as X-API-Key or as Authorization: ApiKey', async () => {
    const principal = { kind: 'api-key', id: 'shop-1', roles: ['channel'] };

    await expect(authenticator.authenticate({ 'x-api-key': 'shop-1-key' })).resolves.toEqual(principal);
    await expect(authenticator.authenticate({ authorization: 'ApiKey shop-1-key' })).resolves.toEqual(principal);
    await expect(authenticator.authenticate({ authorization: 'apikey  shop-1-key' })).resolves.toEqual(principal);
  });

  it('hands a bearer token to the JWT verifier', async () => {
    await expect(authenticator.authenticate({ authorization: 'Bearer good.jwt.token' })).resolves.toEqual({ kind: 'user', id: 'alice', roles: ['ops'] });
    expect((await failureOf(authenticator.authenticate({ authorization: 'bearer stale.jwt.token' }))).reason).toBe('expired');
  });

  it('says credentials are missing when there are none', async () => {
    const failure = await failureOf(authenticator.authenticate({}));

    expect(failure.reason).toBe('missing');
    expect(failure.message).toMatch(/^No credentials/);
  });

  it('refuses an unknown API key without echoing it', async () => {
    const failure = await failureOf(authenticator.authenticate({ 'x-api-key': 'guessed-key' }));

    expect(failure).toMatchObject({ reason: 'unknown-key', message: 'Unknown API key' });
  });

  it('refuses two credentials at once, and schemes other than Bearer and ApiKey', async () => {
    expect((await failureOf(authenticator.authenticate({ authorization: 'Bearer good.jwt.token', 'x-api-key': 'shop-1-key' }))).reason).toBe('ambiguous');
    expect((await failureOf(authenticator.authenticate({ authorization: 'Basic dXNlcjpwYXNz' }))).reason).toBe('unsupported-scheme');
    expect((await failureOf(authenticator.authenticate({ authorization: 'Bearer' }))).reason).toBe('unsupported-scheme');
  });

  it('refuses bearer tokens when no JWKS is configured', async () => {
    const keysOnly = new Authenticator({ realm: 'order-service', apiKeys });

    expect((await failureOf(keysOnly.authenticate({ authorization: 'Bearer good.jwt.token' }))).reason).toBe('unsupported-scheme');
  });

  describe('challenges', () => {
    it('offers each accepted scheme, without an error code when nothing was presented', () => {
      expect(authenticator.challenges(new AuthFailure('missing', 'No credentials'))).toEqual(['Bearer realm="order-service"', 'ApiKey realm="order-service"']);
    });

    it('names invalid_token and the reason when a bearer token failed', () => {
      const [bearer] = authenticator.challenges(new AuthFailure('expired', 'The bearer token has expired'));

      expect(bearer).toBe('Bearer realm="order-service", error="invalid_token", error_description="The bearer token has expired"');
    });

    it('offers only the schemes the service accepts', () => {
      expect(new Authenticator({ realm: 'edi-gateway', apiKeys }).challenges(new AuthFailure('missing', 'x'))).toEqual(['ApiKey realm="edi-gateway"']);
      expect(new Authenticator({ realm: 'edi-gateway', verifyJwt, apiKeys: new ApiKeyStore([]) }).challenges(new AuthFailure('missing', 'x'))).toEqual([
        'Bearer realm="edi-gateway"',
      ]);
    });
  });
});
