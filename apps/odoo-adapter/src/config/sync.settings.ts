import { intSetting } from '@backbone/service-kit';
import { z } from 'zod';


/** The sync worker that writes queued jobs into Odoo. */
export const syncSettings = {
  /** Jobs per batch: one batch is one fixed set of Odoo calls (vals_list create, one confirm…). */
  SYNC_BATCH_SIZE: intSetting(1, 1000).default(100),
  /** Batches in flight at once (each holds its jobs' rows locked); Odoo calls stay bounded by ODOO_WORKERS. */
  SYNC_CONCURRENCY: intSetting(1, 32).default(2),
  /** Wait between looks for due jobs when there were none; new jobs wake the workers at once (LISTEN/NOTIFY), so this bounds how late a retry starts. */
  SYNC_IDLE_POLL_MS: intSetting(5, 60_000).default(1_000),
  /** Tries of a job Odoo cannot take (unreachable, overloaded) before it is reported failed (retriable). */
  SYNC_MAX_ATTEMPTS: intSetting(1, 10_000).default(200),
  /** Longest wait between two tries of a job. */
  SYNC_RETRY_MAX_DELAY_MS: intSetting(100, 3_600_000).default(30_000),
  /**
   * Locations whose on-hand stock Odoo mirrors from the backbone (comma-separated; the backbone
   * location id is the Odoo location's full name, e.g. "WH/Stock"): each StockChanged there becomes an
   * inventory count in Odoo. Empty: Odoo keeps its own stock.
   */
  ODOO_STOCK_MIRROR_LOCATIONS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0)),
};
