import { Body, Controller, HttpCode, Logger, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { hashApiKey } from '../auth/api-keys';
import { AuthModule } from '../auth/auth.module';
import { Principal } from '../auth/principal';
import { serviceConfigSchema } from '../config/base.config';
import { ConfigError } from '../config/config.error';
import { loadConfig } from '../config/load-config';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { setupOpenApi } from '../openapi/setup-openapi';
import { stackEnv } from '../testing/stack-env';
import { SignedWebhook } from './signed-webhook.decorator';
import { signWebhook } from './webhook-signature';
import { WebhooksModule } from './webhooks.module';

const received: { body: unknown; principal: Principal }[] = [];

@Controller('webhooks')
class WmsWebhookController {
  @SignedWebhook('wms')
  @Post('wms/stock-movements')
  @HttpCode(202)
  receive(@Body() body: unknown, @Principal() principal: Principal): { accepted: true } {
    received.push({ body, principal });
    return { accepted: true };
  }
}

@Controller('webhooks')
class CarrierWebhookController {
  @SignedWebhook('carrier', { roles: ['partner'] })
  @Post('carrier')
  @HttpCode(202)
  receive(@Body() body: unknown, @Principal() principal: Principal): void {
    received.push({ body, principal });
  }
}

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const WMS_SECRETS = ['wms-secret-current', 'wms-secret-previous'];

async function startApp(env: Record<string, string>, controllers: (new () => object)[] = [WmsWebhookController]): Promise<INestApplication> {
  const config = loadConfig(serviceConfigSchema({ serviceName: 'webhook-test', httpPort: 3999 }), { ...stackEnv('unused'), ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(config), WebhooksModule.forRoot(config)],
    controllers,
    providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
  }).compile();
  // As createService does: the raw body is what the signature covers.
  const app = moduleRef.createNestApplication({ rawBody: true, logger: false });
  setupOpenApi(app, { title: 'Webhook test', description: 'Test', version: '1' });
  return app.init();
}

const enforced = {
  AUTH_MODE: 'enforce',
  AUTH_API_KEYS: JSON.stringify([{ id: 'root', keyHash: hashApiKey(ADMIN_KEY), roles: ['admin'] }]),
  WEBHOOK_SECRETS: JSON.stringify({ wms: WMS_SECRETS, carrier: ['carrier-secret'] }),
};

describe('@SignedWebhook routes', () => {
  let app: INestApplication;
  // Deliberately not JSON.stringify's output: the signature covers the bytes as sent.
  const body = '{ "sku": "A-1",  "locationId": "WH-1", "quantity": 5 }';

  function post(signature?: string, payload = body) {
    const call = request(app.getHttpServer()).post('/webhooks/wms/stock-movements').set('Content-Type', 'application/json');
    return (signature === undefined ? call : call.set('X-Signature', signature)).send(payload);
  }

  beforeAll(async () => {
    app = await startApp(enforced, [WmsWebhookController, CarrierWebhookController]);
  });

  afterAll(() => app?.close());

  beforeEach(() => {
    received.length = 0;
  });

  it('accepts a request signed over its raw body, without a bearer token, as the webhook source', async () => {
    const response = await post(signWebhook(WMS_SECRETS[0], body));

    expect(response.status).toBe(202);
    expect(received).toEqual([{ body: { sku: 'A-1', locationId: 'WH-1', quantity: 5 }, principal: { kind: 'webhook', id: 'wms', roles: ['warehouse'] } }]);
  });

  it('accepts a request signed with the previous secret while it is still configured', async () => {
    await post(signWebhook(WMS_SECRETS[1], body)).expect(202);
  });

  it('gives the principal the roles the route names', async () => {
    const carrierBody = '{"trackingNumber":"1Z999"}';

    await request(app.getHttpServer()).post('/webhooks/carrier').set('Content-Type', 'application/json').set('X-Signature', signWebhook('carrier-secret', carrierBody)).send(carrierBody).expect(202);

    expect(received.map(({ principal }) => principal)).toEqual([{ kind: 'webhook', id: 'carrier', roles: ['partner'] }]);
  });

  it('refuses a wrong signature with a 401 problem before the handler runs', async () => {
    const response = await post(signWebhook('not-the-secret', body));

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('HMAC-SHA256 realm="wms"');
    expect(response.body).toMatchObject({ code: 'WEBHOOK.BAD_SIGNATURE', detail: 'The signature does not match the body', source: 'wms' });
    expect(received).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const response = await post(signWebhook(WMS_SECRETS[0], body), body.replace('5', '500'));

    expect(response.body.code).toBe('WEBHOOK.BAD_SIGNATURE');
    expect(received).toEqual([]);
  });

  it('refuses a replay from outside the timestamp window', async () => {
    const response = await post(signWebhook(WMS_SECRETS[0], body, new Date(Date.now() - 10 * 60_000)));

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('WEBHOOK.STALE_TIMESTAMP');
    expect(received).toEqual([]);
  });

  it('refuses an unsigned request, even with an admin API key', async () => {
    const response = await request(app.getHttpServer()).post('/webhooks/wms/stock-movements').set('X-API-Key', ADMIN_KEY).set('Content-Type', 'application/json').send(body);

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('WEBHOOK.MISSING_SIGNATURE');
    expect(received).toEqual([]);
  });

  it('refuses a body whose raw bytes were not kept', async () => {
    const xml = '<movement sku="A-1"/>';

    const response = await request(app.getHttpServer()).post('/webhooks/wms/stock-movements').set('Content-Type', 'application/xml').set('X-Signature', signWebhook(WMS_SECRETS[0], xml)).send(xml);

    expect(response.status).toBe(415);
    expect(received).toEqual([]);
  });

  it('documents the signature as the route’s security', async () => {
    const { body: document } = await request(app.getHttpServer()).get('/openapi.json');

    expect(document.paths['/webhooks/wms/stock-movements'].post.security).toEqual([{ webhookSignature: [] }]);
    expect(document.components.securitySchemes.webhookSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Signature' });
  });
});

describe('a service with a @SignedWebhook source that has no secrets', () => {
  it('refuses to start, naming WEBHOOK_SECRETS and the source', async () => {
    const error = await startApp({ ...enforced, WEBHOOK_SECRETS: JSON.stringify({ carrier: ['carrier-secret'] }) }).then(
      (app) => app.close(),
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ setting: 'WEBHOOK_SECRETS', reason: 'has no secrets for webhook source "wms" (used by @SignedWebhook)' }]);
  });
});

describe('@SignedWebhook routes with AUTH_MODE=disabled', () => {
  let app: INestApplication;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    app = await startApp({ AUTH_MODE: 'disabled' });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  it('accept unsigned requests as admin "anonymous"', async () => {
    received.length = 0;

    await request(app.getHttpServer()).post('/webhooks/wms/stock-movements').set('Content-Type', 'application/json').send('{"sku":"A-1"}').expect(202);

    expect(received[0].principal).toEqual({ kind: 'user', id: 'anonymous', roles: ['admin'] });
  });
});
