import { intSetting, serviceConfigSchema } from '@backbone/service-kit';
import { z } from 'zod';
import { changeCaptureSettings } from '../change-capture/change-capture.settings';
import { reconciliationSettings } from '../reconciliation/reconciliation.settings';
import { syncSettings } from './sync.settings';


export const odooAdapterConfigSchema = serviceConfigSchema({ serviceName: 'odoo-adapter', httpPort: 3104 })
  .extend({
    /** Base URL of the Odoo server (no path), e.g. https://erp.example.com. */
    ODOO_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, '')),
    ODOO_DATABASE: z.string().min(1),
    /** API key of the integration user (Preferences → Account Security → New API Key); also accepted as its password. */
    ODOO_API_KEY: z.string().min(1),
    /** The integration user's login; needed by the legacy API (`common.authenticate`). */
    ODOO_LOGIN: z.string().min(1).optional(),
    /** `json2` for Odoo 19+, `jsonrpc` for 16–18 (deprecated in 19, removed in 22). */
    ODOO_API: z.enum(['json2', 'jsonrpc']).default('json2'),
    /** Deadline per Odoo call; a call without an answer by then ends as ERP.TIMEOUT. */
    ODOO_TIMEOUT_MS: intSetting(100, 600_000).default(30_000),
    /** Calls in flight at once: Odoo's worker count (`--workers`) left for integrations. */
    ODOO_WORKERS: intSetting(1, 256).default(4),
    /** Calls started per second at most (0: no limit beyond ODOO_WORKERS). */
    ODOO_MAX_CALLS_PER_SECOND: intSetting(0, 10_000).default(0),
    ODOO_RETRY_ATTEMPTS: intSetting(1, 20).default(5),
    ODOO_RETRY_INITIAL_DELAY_MS: intSetting(1, 60_000).default(200),
    ODOO_RETRY_MAX_DELAY_MS: intSetting(1, 300_000).default(10_000),
    /** Consecutive outage failures (unreachable, 5xx, timeout) that open the circuit breaker. */
    ODOO_BREAKER_THRESHOLD: intSetting(1, 1000).default(5),
    ODOO_BREAKER_HALF_OPEN_MS: intSetting(100, 600_000).default(5_000),
    ...syncSettings,
    ...changeCaptureSettings,
    ...reconciliationSettings,
  })
  .superRefine((config, ctx) => {
    if (config.ODOO_API === 'jsonrpc' && config.ODOO_LOGIN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['ODOO_LOGIN'], message: 'is required with ODOO_API=jsonrpc (common.authenticate needs the login)' });
    }
  });

export type OdooAdapterConfig = z.output<typeof odooAdapterConfigSchema>;
