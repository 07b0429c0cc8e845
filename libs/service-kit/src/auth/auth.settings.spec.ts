import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceConfigSchema } from '../config/base.config';
import { ConfigError } from '../config/config.error';
import { loadConfig } from '../config/load-config';
import { hashApiKey } from './api-keys';

const schema = serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 });

const baseEnv = {
  DATABASE_URL: 'postgres://backbone:backbone@127.0.0.1:55432/order_service',
  KAFKA_BROKERS: '127.0.0.1:59092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:58081',
};
const jwtEnv = { AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json', AUTH_ISSUER: 'https://idp.example.test/', AUTH_AUDIENCE: 'backbone' };
const apiKeys = JSON.stringify([{ id: 'shop-1', keyHash: hashApiKey('shop-1-key'), roles: ['channel'] }]);

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.setting}: ${issue.reason}`);
    throw error;
  }
  return [];
}

describe('auth settings', () => {
  it('enforce authentication by default, and refuse to start with nothing to check credentials against', () => {
    const [issue, ...others] = issuesOf(baseEnv);

    expect(others).toEqual([]);
    expect(issue).toMatch(/^AUTH_MODE: is enforce \(the default\), so set AUTH_JWKS_URL .*AUTH_ISSUER.*AUTH_AUDIENCE.*AUTH_API_KEYS.*AUTH_API_KEYS_FILE/);
  });

  it('accept a JWKS with its issuer and audience, the roles claim defaulting to roles', () => {
    const config = loadConfig(schema, { ...baseEnv, ...jwtEnv });

    expect(config).toMatchObject({ AUTH_MODE: 'enforce', ...jwtEnv, AUTH_ROLES_CLAIM: 'roles' });
  });

  it('require the issuer and audience together with the JWKS', () => {
    expect(issuesOf({ ...baseEnv, AUTH_JWKS_URL: jwtEnv.AUTH_JWKS_URL })).toEqual([
      'AUTH_ISSUER: is required when AUTH_JWKS_URL is set',
      'AUTH_AUDIENCE: is required when AUTH_JWKS_URL is set',
    ]);
  });

  it('read API keys inline or from the mounted file named by AUTH_API_KEYS_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'auth-settings-')), 'api-keys.json');
    writeFileSync(file, `${apiKeys}\n`);
    const expected = [{ id: 'shop-1', keyHash: hashApiKey('shop-1-key'), roles: ['channel'] }];

    expect(loadConfig(schema, { ...baseEnv, AUTH_API_KEYS: apiKeys }).AUTH_API_KEYS).toEqual(expected);
    expect(loadConfig(schema, { ...baseEnv, AUTH_API_KEYS_FILE: file }).AUTH_API_KEYS).toEqual(expected);
  });

  it('do not count an empty key list as credentials', () => {
    expect(issuesOf({ ...baseEnv, AUTH_API_KEYS: '[]' })).toEqual([expect.stringMatching(/^AUTH_MODE: is enforce/)]);
  });

  it('name a malformed key list without echoing its content', () => {
    const issues = issuesOf({ ...baseEnv, AUTH_API_KEYS: '[{"id":"shop-1","key":"s3cret-plain-key"' });

    expect(issues).toEqual(['AUTH_API_KEYS: must be valid JSON']);
  });

  it('let local development and tests run without credentials when AUTH_MODE=disabled', () => {
    expect(loadConfig(schema, { ...baseEnv, AUTH_MODE: 'disabled' }).AUTH_MODE).toBe('disabled');
    expect(issuesOf({ ...baseEnv, AUTH_MODE: 'off' })).toEqual([expect.stringMatching(/^AUTH_MODE: /)]);
  });
});
