import type { OdooSimulator } from '@backbone/odoo-simulator';
import { Logger } from '@nestjs/common';
import type { OdooSettings } from '../odoo/create-odoo-client';

// Clients built outside a Nest app log through Nest's console logger; the fault tests would print
// every expected retry warning. Specs assert outcomes, not log lines.
Logger.overrideLogger(false);

/** Client settings for a simulator, as the integration user; fast retries so fault tests stay short. */
export function odooSettingsFor(odoo: OdooSimulator, api: 'json2' | 'jsonrpc', overrides: Partial<OdooSettings> = {}): OdooSettings {
  const integration = odoo.users.find((user) => user.login === 'integration')!;
  return {
    ODOO_URL: odoo.url,
    ODOO_DATABASE: odoo.database,
    ODOO_API_KEY: integration.apiKey!,
    ODOO_LOGIN: integration.login,
    ODOO_API: api,
    ODOO_TIMEOUT_MS: 2_000,
    ODOO_WORKERS: 4,
    ODOO_MAX_CALLS_PER_SECOND: 0,
    ODOO_RETRY_ATTEMPTS: 4,
    ODOO_RETRY_INITIAL_DELAY_MS: 10,
    ODOO_RETRY_MAX_DELAY_MS: 200,
    ODOO_BREAKER_THRESHOLD: 3,
    ODOO_BREAKER_HALF_OPEN_MS: 300,
    ...overrides,
  };
}

/** The simulator's versions and the API the adapter uses on each (JSON-2 exists from 19). */
export const API_MATRIX: Array<{ version: 16 | 17 | 18 | 19; api: 'json2' | 'jsonrpc' }> = [
  { version: 16, api: 'jsonrpc' },
  { version: 17, api: 'jsonrpc' },
  { version: 18, api: 'jsonrpc' },
  { version: 19, api: 'jsonrpc' },
  { version: 19, api: 'json2' },
];
