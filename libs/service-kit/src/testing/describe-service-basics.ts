import type { DynamicModule, INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { z } from 'zod';
import { ConfigError } from '../config/config.error';
import { loadConfig, type ConfigSchema } from '../config/load-config';
import { createService } from '../create-service';
import { stackEnv } from './stack-env';

export interface ServiceUnderTest<S extends ConfigSchema> {
  configSchema: S;
  rootModule: (config: z.output<S>) => DynamicModule;
  /** The service's own database on the test stack's server. */
  database: string;
  openApiTitle: string;
  /** Settings the service requires beyond the stack's (e.g. the ERP it talks to). */
  env?: Record<string, string>;
}

/** What every service must do, asserted once here and run by each app's own spec. */
export function describeServiceBasics<S extends ConfigSchema>(service: ServiceUnderTest<S>): void {
  describe('service basics', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createService(service.rootModule(loadConfig(service.configSchema, { ...stackEnv(service.database), ...service.env })));
      await app.init();
    });

    afterAll(async () => {
      await app?.close();
    });

    it('reports itself live', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });

    it('serves its OpenAPI document at /openapi.json and the docs UI at /docs', async () => {
      const document = await request(app.getHttpServer()).get('/openapi.json').expect(200);
      expect(document.body.info.title).toBe(service.openApiTitle);

      await request(app.getHttpServer()).get('/docs').expect(200).expect('content-type', /html/);
    });

    it('serves Prometheus metrics including process metrics', async () => {
      const metrics = await request(app.getHttpServer()).get('/metrics').expect(200);

      expect(metrics.text).toContain('process_cpu');
    });

    it('refuses bad configuration, naming every bad setting', () => {
      const { DATABASE_URL: _missing, ...env } = { ...stackEnv(service.database), ...service.env };

      let error: unknown;
      try {
        loadConfig(service.configSchema, { ...env, HTTP_PORT: 'abc' });
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/HTTP_PORT: .+/);
      expect((error as ConfigError).message).toMatch(/DATABASE_URL: is required/);
    });
  });
}
