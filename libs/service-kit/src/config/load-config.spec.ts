import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { serviceConfigSchema } from './base.config';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

const baseConfigSchema = serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 });

const validEnv = {
  HTTP_PORT: '3111',
  DATABASE_URL: 'postgres://backbone:backbone@127.0.0.1:55432/order_service',
  KAFKA_BROKERS: '127.0.0.1:59092, 127.0.0.2:59092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:58081',
  AUTH_MODE: 'disabled',
};

function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function secretFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'config-spec-')), 'secret');
  writeFileSync(path, content);
  return path;
}

describe('loadConfig', () => {
  it('parses a valid environment into typed settings with defaults', () => {
    const config = loadConfig(baseConfigSchema, validEnv);

    expect(config).toMatchObject({
      SERVICE_NAME: 'order-service',
      HTTP_PORT: 3111,
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['127.0.0.1:59092', '127.0.0.2:59092'],
      KAFKA_CLIENT_ID: 'order-service',
      KAFKA_SSL: false,
    });
  });

  it('names every missing and invalid setting at once', () => {
    const { DATABASE_URL: _missing, SCHEMA_REGISTRY_URL: _alsoMissing, ...env } = validEnv;

    const error = configErrorOf(() => loadConfig(baseConfigSchema, { ...env, HTTP_PORT: 'abc', KAFKA_BROKERS: 'nohost' }));

    expect(error.issues.map((issue) => issue.setting).sort()).toEqual(['DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL']);
    expect(error.issues).toContainEqual({ setting: 'DATABASE_URL', reason: 'is required' });
    expect(error.message).toContain('HTTP_PORT: must be a port number');
    expect(error.message).toContain('KAFKA_BROKERS: [0] must be host:port');
  });

  it('treats an empty value as unset', () => {
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { ...validEnv, SCHEMA_REGISTRY_URL: '' }));

    expect(error.issues).toEqual([{ setting: 'SCHEMA_REGISTRY_URL', reason: 'is required' }]);
  });

  it('reads a setting from the file named by its _FILE variable, without the trailing newline', () => {
    const { DATABASE_URL, ...env } = validEnv;

    const config = loadConfig(baseConfigSchema, { ...env, DATABASE_URL_FILE: secretFile(`${DATABASE_URL}\n`) });

    expect(config.DATABASE_URL).toBe(DATABASE_URL);
  });

  it('rejects a setting given both directly and as a file', () => {
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { ...validEnv, DATABASE_URL_FILE: secretFile('x') }));

    expect(error.issues).toEqual([{ setting: 'DATABASE_URL', reason: 'set either DATABASE_URL or DATABASE_URL_FILE, not both' }]);
  });

  it('names the _FILE variable when its file cannot be read, once', () => {
    const { DATABASE_URL: _unset, ...env } = validEnv;

    const error = configErrorOf(() => loadConfig(baseConfigSchema, { ...env, DATABASE_URL_FILE: '/nonexistent/secret' }));

    expect(error.issues).toEqual([{ setting: 'DATABASE_URL_FILE', reason: 'cannot read /nonexistent/secret: ENOENT' }]);
  });

  it('requires the Kafka SASL settings together', () => {
    const error = configErrorOf(() => loadConfig(baseConfigSchema, { ...validEnv, KAFKA_SASL_MECHANISM: 'plain' }));

    expect(error.issues.map((issue) => issue.setting).sort()).toEqual(['KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME']);
  });

  it('lets an app add settings of its own', () => {
    const appSchema = baseConfigSchema.extend({ ODOO_URL: z.url() });
    const { HTTP_PORT: _default, ...env } = validEnv;

    const config = loadConfig(appSchema, { ...env, ODOO_URL: 'http://127.0.0.1:8069' });

    expect(config.HTTP_PORT).toBe(3101);
    expect(config.ODOO_URL).toBe('http://127.0.0.1:8069');
  });
});
