/**
 * Settings that point a service at the test stack: the local one (`infra/stack.sh`) unless
 * DATABASE_URL, KAFKA_BROKERS and SCHEMA_REGISTRY_URL name another. The database is swapped for
 * the service's own on the same server. Tests pass these to `loadConfig`; services never read the
 * environment themselves.
 */
export function stackEnv(database: string): Record<string, string> {
  const databaseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://backbone:backbone@127.0.0.1:55432/backbone_test');
  databaseUrl.pathname = `/${database}`;
  return {
    DATABASE_URL: databaseUrl.toString(),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:59092',
    SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:58081',
    LOG_LEVEL: 'silent',
  };
}
