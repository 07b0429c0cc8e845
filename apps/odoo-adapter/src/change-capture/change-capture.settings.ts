import { intSetting, jsonSetting } from '@backbone/service-kit';
import { z } from 'zod';

/** The Odoo models change capture polls (each has its own checkpoint, interval and overlap). */
export const CAPTURED_MODELS = ['product.product', 'product.template', 'res.partner', 'product.pricelist', 'product.pricelist.item', 'account.move', 'stock.quant'] as const;
export type CapturedModel = (typeof CAPTURED_MODELS)[number];

const perModel = z.object({ pollMs: intSetting(100, 86_400_000).optional(), overlapMs: intSetting(0, 86_400_000).optional() }).strict();

/** Change-capture settings, part of the adapter's configuration (src/config/odoo-adapter.config.ts). */
export const changeCaptureSettings = {
  /** Off: no polling (e.g. a replica dedicated to writes). */
  CHANGE_CAPTURE_ENABLED: z.stringbool().default(true),
  /** Default interval between two passes over a model. */
  CHANGE_CAPTURE_POLL_MS: intSetting(100, 86_400_000).default(60_000),
  /**
   * How far before the watermark each pass reads again. Odoo stamps write_date with the start of
   * the writing transaction, so this must exceed Odoo's longest write transaction (its
   * limit_time_real, 120 s by default, bounds it); records re-read are not republished.
   */
  CHANGE_CAPTURE_OVERLAP_MS: intSetting(0, 86_400_000).default(300_000),
  /** Rows per search_read page. */
  CHANGE_CAPTURE_PAGE_SIZE: intSetting(1, 10_000).default(500),
  /** Per-model overrides, JSON: `{"stock.quant": {"pollMs": 10000, "overlapMs": 180000}}`. */
  CHANGE_CAPTURE_MODELS: jsonSetting(z.partialRecord(z.enum(CAPTURED_MODELS), perModel)).default({}),
  /** ISO 4217 code of the Odoo company currency, for Money fields (one company; Odoo's currency_id is not read). */
  ODOO_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').default('EUR'),
  /**
   * Optional boolean field of res.partner that puts a partner on credit hold when true (e.g. a
   * custom `x_credit_hold`), in addition to the credit-over-limit rule.
   */
  PARTNER_CREDIT_HOLD_FIELD: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a field name such as x_credit_hold').optional(),
};

export interface StreamTiming {
  pollMs: number;
  overlapMs: number;
}

type Settings = { [K in keyof typeof changeCaptureSettings]: z.output<(typeof changeCaptureSettings)[K]> };

export function timingOf(config: Settings, model: CapturedModel): StreamTiming {
  const override = config.CHANGE_CAPTURE_MODELS[model];
  return { pollMs: override?.pollMs ?? config.CHANGE_CAPTURE_POLL_MS, overlapMs: override?.overlapMs ?? config.CHANGE_CAPTURE_OVERLAP_MS };
}

export type ChangeCaptureConfig = Settings;
