import { intSetting, jsonSetting } from '@backbone/service-kit';
import { z } from 'zod';


/** Reconciliation settings, part of the adapter's configuration (src/config/odoo-adapter.config.ts). */
export const reconciliationSettings = {
  /** The inventory-service's base URL, for GET /stock-snapshot; stock runs fail (RECONCILIATION.INVENTORY_UNAVAILABLE) without it. */
  INVENTORY_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((url) => url.replace(/\/+$/, '')).optional(),
  /** API key with the `ops` role at the inventory-service (sent as X-API-Key). */
  INVENTORY_API_KEY: z.string().min(1).optional(),
  /** Time between scheduled runs of each kind (one replica runs each); 0 turns the schedule off. */
  RECONCILIATION_INTERVAL_MS: intSetting(0, 7 * 86_400_000).default(3_600_000),
  /** Absolute on-hand difference (in the product's unit) that is not drift. */
  RECONCILIATION_STOCK_TOLERANCE: z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal such as 0.001').default('0'),
  /**
   * Odoo location (full name, covering its children) → backbone location id, JSON:
   * `{"WH/Stock": "WH-1"}`. Unmapped locations are compared under their Odoo full name.
   */
  RECONCILIATION_LOCATION_MAP: jsonSetting(z.record(z.string().min(1), z.string().min(1))).default({}),
  /** Orders whose status changed more recently than this are not compared yet (their ERP write may be in flight). */
  RECONCILIATION_ORDER_GRACE_MS: intSetting(0, 86_400_000).default(300_000),
  /** Orders whose status has not changed for this long are no longer compared. */
  RECONCILIATION_ORDER_LOOKBACK_DAYS: intSetting(1, 3650).default(90),
  /** A run still RUNNING after this long is taken as abandoned (its replica died) and marked FAILED. */
  RECONCILIATION_RUN_TIMEOUT_MS: intSetting(1000, 86_400_000).default(3_600_000),
};

export type ReconciliationConfig = { [K in keyof typeof reconciliationSettings]: z.output<(typeof reconciliationSettings)[K]> };
