import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventConsumers } from '@backbone/events';
import { Controller, Get, Logger, Param, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import request from 'supertest';
import { serviceConfigSchema } from '../config/base.config';
import { loadConfig } from '../config/load-config';
import { DATABASE } from '../database/database.providers';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../metrics/metrics.controller';
import { setupOpenApi } from '../openapi/setup-openapi';
import { SERVICE_CONFIG } from '../service-kit.options';
import { stackEnv } from '../testing/stack-env';
import { hashApiKey } from './api-keys';
import { Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import { Principal } from './principal';

const ISSUER = 'https://idp.backbone.test/';
const AUDIENCE = 'backbone-api';
const overridesApplied: string[] = [];

@Roles('channel')
@Controller('orders')
class OrdersController {
  @Get()
  list(@Principal() principal: Principal): Principal {
    return principal;
  }

  @Roles('ops')
  @Post(':id/override')
  override(@Param('id') id: string, @Principal() principal: Principal): { overriddenBy: string } {
    overridesApplied.push(id);
    return { overriddenBy: principal.id };
  }
}

/** Declares no roles: admin only. */
@Controller('settings')
class SettingsController {
  @Get()
  read(@Principal() principal: Principal): Principal {
    return principal;
  }
}

const apiKeys = [
  { id: 'shop-1', key: 'shop-1-key-0123456789abcdef', roles: ['channel'] },
  { id: 'ops-console', key: 'ops-key-0123456789abcdef', roles: ['ops'] },
  { id: 'root', key: 'admin-key-0123456789abcdef', roles: ['admin'] },
];

async function startApp(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig(serviceConfigSchema({ serviceName: 'auth-test', httpPort: 3999 }), { ...stackEnv('unused'), ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(config), TerminusModule.forRoot()],
    controllers: [HealthController, MetricsController, OrdersController, SettingsController],
    providers: [
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      // /health/live touches none of these; /health/ready is not called here.
      { provide: DATABASE, useValue: {} },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: EventConsumers, useValue: {} },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupOpenApi(app, { title: 'Auth test', description: 'Test', version: '1' });
  return app.init();
}

/** An issuer's JWKS endpoint on 127.0.0.1, publishing one ES256 key. */
async function startIssuer(publicKey: CryptoKey): Promise<{ server: Server; jwksUrl: string }> {
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'issuer-key-1', alg: 'ES256', use: 'sig' }] });
  const server = createServer((req, res) => {
    if (req.url !== '/jwks.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` };
}

describe('authentication and roles on HTTP routes', () => {
  let issuer: { server: Server; jwksUrl: string };
  let issuerKey: CryptoKey;
  let app: INestApplication;

  function token(claims: JWTPayload, options: { issuer?: string; audience?: string; expiresAt?: number; key?: CryptoKey } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'issuer-key-1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? '5m')
      .sign(options.key ?? issuerKey);
  }

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    issuerKey = privateKey;
    issuer = await startIssuer(publicKey);
    app = await startApp({
      AUTH_MODE: 'enforce',
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_API_KEYS: JSON.stringify(apiKeys.map(({ id, key, roles }) => ({ id, keyHash: hashApiKey(key), roles }))),
    });
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => issuer?.server.close(resolve));
  });

  beforeEach(() => {
    overridesApplied.length = 0;
  });

  it('leaves health, metrics, the OpenAPI document and the docs open', async () => {
    const http = request(app.getHttpServer());

    await http.get('/health/live').expect(200);
    await http.get('/metrics').expect(200);
    await http.get('/openapi.json').expect(200);
    await http.get('/docs').expect(200);
  });

  it('answers a request without credentials with a 401 problem and challenges for both schemes', async () => {
    const response = await request(app.getHttpServer()).get('/orders');

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="auth-test", ApiKey realm="auth-test"');
    expect(response.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED', reason: 'missing', detail: expect.stringMatching(/^No credentials/) });
  });

  it('refuses an unknown API key without echoing it', async () => {
    const response = await request(app.getHttpServer()).get('/orders').set('X-API-Key', 'guessed-key-123');

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', reason: 'unknown-key', detail: 'Unknown API key' });
    expect(response.text).not.toContain('guessed-key-123');
  });

  it('serves a caller whose API key grants the route’s role, as that principal', async () => {
    const viaHeader = await request(app.getHttpServer()).get('/orders').set('X-API-Key', apiKeys[0].key);
    const viaAuthorization = await request(app.getHttpServer()).get('/orders').set('Authorization', `ApiKey ${apiKeys[0].key}`);

    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toEqual({ kind: 'api-key', id: 'shop-1', roles: ['channel'] });
    expect(viaAuthorization.body).toEqual(viaHeader.body);
  });

  it('refuses a caller without the handler’s role with a 403 naming the roles, before the handler runs', async () => {
    const response = await request(app.getHttpServer()).post('/orders/42/override').set('X-API-Key', apiKeys[0].key);

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.FORBIDDEN', detail: 'Requires one of the roles: ops, admin', requiredRoles: ['ops', 'admin'] });
    expect(overridesApplied).toEqual([]);
  });

  it('keeps routes that declare no roles for admin, and lets admin through every route', async () => {
    const asOps = await request(app.getHttpServer()).get('/settings').set('X-API-Key', apiKeys[1].key);
    const asAdmin = await request(app.getHttpServer()).get('/settings').set('X-API-Key', apiKeys[2].key);
    const adminOverride = await request(app.getHttpServer()).post('/orders/7/override').set('X-API-Key', apiKeys[2].key);

    expect(asOps.body).toMatchObject({ status: 403, requiredRoles: ['admin'] });
    expect(asAdmin.status).toBe(200);
    expect(adminOverride.body).toEqual({ overriddenBy: 'root' });
  });

  describe('with a bearer token from the issuer', () => {
    it('serves a valid token with the role, as the token’s subject', async () => {
      const response = await request(app.getHttpServer())
        .post('/orders/42/override')
        .set('Authorization', `Bearer ${await token({ sub: 'alice', roles: ['ops'] })}`);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({ overriddenBy: 'alice' });
      expect(overridesApplied).toEqual(['42']);
    });

    it.each([
      ['expired', 'The bearer token has expired', () => token({ sub: 'alice', roles: ['ops'] }, { expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
      ['wrong-audience', 'The bearer token is not meant for this service (audience)', () => token({ sub: 'alice', roles: ['ops'] }, { audience: 'another-api' })],
      ['wrong-issuer', 'The bearer token is from an untrusted issuer', () => token({ sub: 'alice', roles: ['ops'] }, { issuer: 'https://other-idp.test/' })],
    ])('refuses a token that is %s with a 401 saying so', async (reason, detail, makeToken) => {
      const response = await request(app.getHttpServer()).get('/orders').set('Authorization', `Bearer ${await makeToken()}`);

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', reason, detail });
      expect(response.headers['www-authenticate']).toContain(`Bearer realm="auth-test", error="invalid_token", error_description="${detail}"`);
    });

    it('refuses a token whose signature does not verify with the issuer’s published key', async () => {
      const { privateKey: foreignKey } = await generateKeyPair('ES256');

      const response = await request(app.getHttpServer())
        .get('/orders')
        .set('Authorization', `Bearer ${await token({ sub: 'mallory', roles: ['admin'] }, { key: foreignKey })}`);

      expect(response.status).toBe(401);
      expect(response.body.reason).toBe('bad-signature');
    });

    it('refuses a valid token that lacks the role', async () => {
      const response = await request(app.getHttpServer())
        .post('/orders/42/override')
        .set('Authorization', `Bearer ${await token({ sub: 'bob', roles: ['channel'] })}`);

      expect(response.status).toBe(403);
      expect(overridesApplied).toEqual([]);
    });
  });

  it('documents both schemes, and which operations need them', async () => {
    const { body: document } = await request(app.getHttpServer()).get('/openapi.json');

    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'apiKey']));
    expect(document.paths['/orders'].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(document.paths['/orders/{id}/override'].post.responses['403'].description).toBe('Requires one of the roles: ops, admin');
    expect(document.paths['/health/live'].get.security).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('x-backbone-public');
  });
});

describe('with AUTH_MODE=disabled', () => {
  let app: INestApplication;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    app = await startApp({ AUTH_MODE: 'disabled' });
  });

  afterAll(async () => {
    warn.mockRestore();
    await app?.close();
  });

  it('warns at start-up that nothing is protected', () => {
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^AUTH_MODE=disabled: every HTTP request is served as admin "anonymous"/));
  });

  it('serves every route without credentials, as admin "anonymous"', async () => {
    const response = await request(app.getHttpServer()).get('/settings');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ kind: 'user', id: 'anonymous', roles: ['admin'] });
  });
});
