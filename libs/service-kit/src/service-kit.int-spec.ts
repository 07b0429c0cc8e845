import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { knex, type Knex } from 'knex';
import request from 'supertest';
import { serviceConfigSchema } from './config/base.config';
import { loadConfig } from './config/load-config';
import { createService } from './create-service';
import { ServiceKitModule } from './service-kit.module';
import { stackEnv } from './testing/stack-env';

const UNUSED_PORT = '127.0.0.1:1';

describe('ServiceKitModule on the real stack', () => {
  const database = `service_kit_${randomUUID().slice(0, 8)}`;
  let admin: Knex;
  let migrations: string;

  beforeAll(async () => {
    admin = knex({ client: 'pg', connection: stackEnv('postgres').DATABASE_URL, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${database}`);
    migrations = mkdtempSync(join(tmpdir(), 'service-kit-migrations-'));
    writeFileSync(
      join(migrations, '20260101000000_create-probe.js'),
      "exports.up = (knex) => knex.schema.createTable('kit_probe', (table) => table.increments('id'));\n" +
        "exports.down = (knex) => knex.schema.dropTable('kit_probe');\n",
    );
  });

  afterAll(async () => {
    await admin.raw(`drop database if exists ${database} with (force)`);
    await admin.destroy();
  });

  async function startService(overrides: Record<string, string> = {}): Promise<INestApplication> {
    const config = loadConfig(serviceConfigSchema({ serviceName: 'kit-test', httpPort: 3999 }), { ...stackEnv(database), ...overrides });
    const app = await createService(
      ServiceKitModule.forRoot({ config, migrationDirectories: [migrations], openApi: { title: 'Kit test', description: 'Test', version: '1' } }),
    );
    return app.init();
  }

  describe('with every dependency answering', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await startService();
    });

    afterAll(async () => {
      await app.close();
    });

    it('applies the configured migrations at start-up, named without their extension', async () => {
      const db = knex({ client: 'pg', connection: stackEnv(database).DATABASE_URL, pool: { min: 0, max: 1 } });
      const applied = await db('knex_migrations').pluck('name').finally(() => db.destroy());

      expect(applied).toEqual(['20260101000000_create-probe']);
    });

    it('is ready', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready');

      expect(response.status).toBe(200);
      expect(response.body.details).toEqual({
        database: expect.objectContaining({ status: 'up' }),
        kafka: expect.objectContaining({ status: 'up' }),
        schemaRegistry: expect.objectContaining({ status: 'up' }),
        eventConsumers: expect.objectContaining({ status: 'up' }),
      });
    });

    it('echoes the caller’s correlation id, and issues one when there is none', async () => {
      const given = await request(app.getHttpServer()).get('/health/live').set('x-correlation-id', 'order-42.attempt-1');
      const issued = await request(app.getHttpServer()).get('/health/live');

      expect(given.headers['x-correlation-id']).toBe('order-42.attempt-1');
      expect(issued.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('records request durations by route template', async () => {
      await request(app.getHttpServer()).get('/health/live');

      const metrics = await request(app.getHttpServer()).get('/metrics');

      expect(metrics.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health\/live"[^}]*\} \d+/);
    });

    it('is not ready, naming the database, once the database stops answering', async () => {
      await admin.raw(`alter database ${database} allow_connections false`);
      await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ?', [database]);
      try {
        const response = await request(app.getHttpServer()).get('/health/ready');

        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({ code: 'SERVICE.NOT_READY', detail: 'Unavailable: database' });
        expect(response.body.checks.database.status).toBe('down');
      } finally {
        await admin.raw(`alter database ${database} allow_connections true`);
      }
    });
  });

  it('is not ready, naming Kafka, when no broker answers', async () => {
    const app = await startService({ KAFKA_BROKERS: UNUSED_PORT });
    try {
      const response = await request(app.getHttpServer()).get('/health/ready');

      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, code: 'SERVICE.NOT_READY', detail: 'Unavailable: kafka' });
      expect(response.body.checks.kafka).toEqual(expect.objectContaining({ status: 'down', message: expect.any(String) }));
      expect(response.body.checks.database.status).toBe('up');
    } finally {
      await app.close();
    }
  });
});
