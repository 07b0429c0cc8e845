import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceConfigSchema } from '../config/base.config';
import { ConfigError } from '../config/config.error';
import { loadConfig } from '../config/load-config';

const schema = serviceConfigSchema({ serviceName: 'inventory-service', httpPort: 3102 });
const baseEnv = {
  DATABASE_URL: 'postgres://backbone:backbone@127.0.0.1:55432/inventory_service',
  KAFKA_BROKERS: '127.0.0.1:59092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:58081',
  AUTH_MODE: 'disabled',
};

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.setting}: ${issue.reason}`);
    throw error;
  }
}

describe('WEBHOOK_SECRETS', () => {
  const secrets = { wms: ['wms-secret-new', 'wms-secret-old'], '3pl.dhl': ['dhl-secret'] };

  it('is read inline or from the mounted file named by WEBHOOK_SECRETS_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'webhook-settings-')), 'webhook-secrets.json');
    writeFileSync(file, JSON.stringify(secrets));

    expect(loadConfig(schema, { ...baseEnv, WEBHOOK_SECRETS: JSON.stringify(secrets) }).WEBHOOK_SECRETS).toEqual(secrets);
    expect(loadConfig(schema, { ...baseEnv, WEBHOOK_SECRETS_FILE: file }).WEBHOOK_SECRETS).toEqual(secrets);
  });

  it('is optional', () => {
    expect(loadConfig(schema, baseEnv).WEBHOOK_SECRETS).toBeUndefined();
  });

  it('names a source without secrets, and never echoes a secret', () => {
    expect(issuesOf({ ...baseEnv, WEBHOOK_SECRETS: JSON.stringify({ wms: [] }) })).toEqual(['WEBHOOK_SECRETS: [wms] must list at least one secret']);
    expect(issuesOf({ ...baseEnv, WEBHOOK_SECRETS: '{"wms": ["leaked-secret"' })).toEqual(['WEBHOOK_SECRETS: must be valid JSON']);
    expect(issuesOf({ ...baseEnv, WEBHOOK_SECRETS: '{"wms": "leaked-secret"}' }).join()).not.toContain('leaked-secret');
  });
});
