import { testStack } from '@backbone/events/testing';

/**
 * Settings that point a service at the test stack (see `testStack`), with the database swapped
 * for the service's own on the same server. Tests pass these to `loadConfig`; services never
 * read the environment themselves. Authentication is off (AUTH_MODE=disabled); a test that checks
 * it opts in by overriding AUTH_MODE and adding credentials.
 */
/** The secret every webhook source gets in tests (sign requests with `signWebhook`). */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret';

export function stackEnv(database: string): Record<string, string> {
  const databaseUrl = new URL(testStack.databaseUrl);
  databaseUrl.pathname = `/${database}`;
  return {
    DATABASE_URL: databaseUrl.toString(),
    KAFKA_BROKERS: testStack.brokers.join(','),
    SCHEMA_REGISTRY_URL: testStack.registryUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_MODE: 'disabled',
    WEBHOOK_SECRETS: JSON.stringify({ wms: [TEST_WEBHOOK_SECRET] }),
  };
}
