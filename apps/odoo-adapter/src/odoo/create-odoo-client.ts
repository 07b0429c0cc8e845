import type { OdooAdapterConfig } from '../config/odoo-adapter.config';
import { Json2Transport } from './json2-transport';
import { JsonRpcTransport } from './jsonrpc-transport';
import { OdooClient } from './odoo-client';
import type { OdooTransport } from './odoo-transport';
import { ProtectedOdooRpc } from './protected-odoo-rpc';

export type OdooSettings = Pick<
  OdooAdapterConfig,
  | 'ODOO_URL'
  | 'ODOO_DATABASE'
  | 'ODOO_API_KEY'
  | 'ODOO_LOGIN'
  | 'ODOO_API'
  | 'ODOO_TIMEOUT_MS'
  | 'ODOO_WORKERS'
  | 'ODOO_MAX_CALLS_PER_SECOND'
  | 'ODOO_RETRY_ATTEMPTS'
  | 'ODOO_RETRY_INITIAL_DELAY_MS'
  | 'ODOO_RETRY_MAX_DELAY_MS'
  | 'ODOO_BREAKER_THRESHOLD'
  | 'ODOO_BREAKER_HALF_OPEN_MS'
>;

export function createOdooTransport(config: OdooSettings): OdooTransport {
  const connection = { url: config.ODOO_URL, database: config.ODOO_DATABASE, apiKey: config.ODOO_API_KEY, timeoutMs: config.ODOO_TIMEOUT_MS };
  return config.ODOO_API === 'json2' ? new Json2Transport(connection) : new JsonRpcTransport({ ...connection, login: config.ODOO_LOGIN ?? '' });
}

/** The guarded client every caller uses (see ProtectedOdooRpc), with its protection for tests to inspect. */
export function createOdooClient(config: OdooSettings): { client: OdooClient; rpc: ProtectedOdooRpc } {
  const rpc = new ProtectedOdooRpc(createOdooTransport(config), {
    workers: config.ODOO_WORKERS,
    maxCallsPerSecond: config.ODOO_MAX_CALLS_PER_SECOND,
    retryAttempts: config.ODOO_RETRY_ATTEMPTS,
    retryInitialDelayMs: config.ODOO_RETRY_INITIAL_DELAY_MS,
    retryMaxDelayMs: config.ODOO_RETRY_MAX_DELAY_MS,
    breakerThreshold: config.ODOO_BREAKER_THRESHOLD,
    breakerHalfOpenAfterMs: config.ODOO_BREAKER_HALF_OPEN_MS,
  });
  return { client: new OdooClient(rpc), rpc };
}
