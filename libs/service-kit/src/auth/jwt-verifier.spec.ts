import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthFailure, KeySetUnavailable } from './auth-failure';
import { createJwtVerifier, rolesFromClaim, type JwtSettings } from './jwt-verifier';

const settings: JwtSettings = { jwksUrl: 'http://unused.invalid/jwks', issuer: 'https://idp.test/', audience: 'backbone', rolesClaim: 'roles' };

describe('createJwtVerifier', () => {
  let keys: JWTVerifyGetKey;
  let sign: (claims: JWTPayload, options?: { issuer?: string; audience?: string; expiresIn?: string | number }) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(options.issuer ?? settings.issuer)
        .setAudience(options.audience ?? settings.audience)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(privateKey);
  });

  async function failureOf(token: string, verifierSettings = settings): Promise<Error> {
    return createJwtVerifier(verifierSettings, keys)(token).then(
      () => {
        throw new Error('expected the token to be refused');
      },
      (error: Error) => error,
    );
  }

  it('maps a valid token to a user principal with its known roles', async () => {
    const token = await sign({ sub: 'alice', roles: ['ops', 'offline_access'] });

    await expect(createJwtVerifier(settings, keys)(token)).resolves.toEqual({ kind: 'user', id: 'alice', roles: ['ops'] });
  });

  it('reads roles from a space-separated scope claim, or a nested claim, when configured', async () => {
    const token = await sign({ sub: 'svc-1', scope: 'openid warehouse partner', realm_access: { roles: ['channel'] } });

    await expect(createJwtVerifier({ ...settings, rolesClaim: 'scope' }, keys)(token)).resolves.toMatchObject({ roles: ['warehouse', 'partner'] });
    await expect(createJwtVerifier({ ...settings, rolesClaim: 'realm_access.roles' }, keys)(token)).resolves.toMatchObject({ roles: ['channel'] });
  });

  it('names a client-credentials token by its client when it has no subject', async () => {
    const token = await sign({ client_id: 'wms-connector', roles: ['warehouse'] });

    await expect(createJwtVerifier(settings, keys)(token)).resolves.toMatchObject({ id: 'wms-connector' });
  });

  it.each([
    ['expired', () => sign({ sub: 'alice' }, { expiresIn: Math.floor(Date.now() / 1000) - 120 })],
    ['wrong-issuer', () => sign({ sub: 'alice' }, { issuer: 'https://evil.test/' })],
    ['wrong-audience', () => sign({ sub: 'alice' }, { audience: 'another-api' })],
    ['invalid-claims', () => sign({ roles: ['admin'] })],
    ['malformed-token', async () => 'not-a-jwt'],
  ])('refuses a token as %s', async (reason, token) => {
    const failure = await failureOf(await token());

    expect(failure).toBeInstanceOf(AuthFailure);
    expect((failure as AuthFailure).reason).toBe(reason);
  });

  it('refuses a token whose signature does not verify', async () => {
    const token = await sign({ sub: 'alice', roles: ['ops'] });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'alice', roles: ['admin'], iss: settings.issuer, aud: settings.audience })).toString('base64url');

    expect(await failureOf(`${header}.${forged}.${signature}`)).toMatchObject({ reason: 'bad-signature' });
  });

  it('reports an unreachable key set as unavailable, not as bad credentials', async () => {
    const unreachable: JWTVerifyGetKey = async () => {
      throw new TypeError('fetch failed');
    };
    const token = await sign({ sub: 'alice' });

    await expect(createJwtVerifier(settings, unreachable)(token)).rejects.toBeInstanceOf(KeySetUnavailable);
  });
});

describe('rolesFromClaim', () => {
  it('keeps the known roles of an array or a space-separated string, once each', () => {
    expect(rolesFromClaim(['ops', 'ops', 'admin', 42])).toEqual(['ops', 'admin']);
    expect(rolesFromClaim('channel  partner email')).toEqual(['channel', 'partner']);
  });

  it('grants nothing for a missing or odd claim', () => {
    expect(rolesFromClaim(undefined)).toEqual([]);
    expect(rolesFromClaim({ ops: true })).toEqual([]);
  });
});
