import type { SchemaRegistryConnection } from '../codec/backbone-catalog';

/** Resolves when the registry answers `GET /config` with a 2xx within `timeoutMs`. */
export async function checkSchemaRegistry(registry: SchemaRegistryConnection, timeoutMs: number): Promise<void> {
  const base = registry.url.endsWith('/') ? registry.url : `${registry.url}/`;
  const headers: Record<string, string> = {};
  if (registry.username !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${registry.username}:${registry.password ?? ''}`).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await fetch(new URL('config', base), { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // fetch reports every network failure as "fetch failed"; the cause says which.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`schema registry at ${registry.url} did not answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  await response.arrayBuffer(); // release the connection
  if (!response.ok) throw new Error(`schema registry at ${registry.url} answered ${response.status} ${response.statusText}`);
}
