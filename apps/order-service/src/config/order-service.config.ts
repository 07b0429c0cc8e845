import { serviceConfigSchema } from '@backbone/service-kit';
import { z } from 'zod';
import { channelNotificationSettings } from '../notifications/channel-notifications.config';

const decimal = /^\d{1,12}(\.\d{1,6})?$/;

/** "0.5%" (of the pricelist price) or "0.01" (an amount in the order currency). */
const priceTolerance = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,6})?%?$/, 'must be an amount such as "0.01" or a percentage such as "0.5%"')
  .transform((value) => (value.endsWith('%') ? { kind: 'percent' as const, percent: value.slice(0, -1) } : { kind: 'absolute' as const, amount: value }))
  .refine((tolerance) => decimal.test(tolerance.kind === 'percent' ? tolerance.percent : tolerance.amount));

export const orderServiceConfigSchema = serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 }).extend({
  ...channelNotificationSettings,
  /** How far an order line's unit price may differ from the governing pricelist price, either way. */
  PRICE_TOLERANCE: priceTolerance.default({ kind: 'absolute', amount: '0' }),
  /** Odoo pricelist that governs when neither the customer nor the channel has one; unset: none. */
  DEFAULT_PRICELIST_ID: z.coerce.number().int().positive().optional(),
  /** Release a confirmed order to its warehouses as soon as the ERP has it (else an operator releases it). */
  AUTO_RELEASE_TO_WAREHOUSE: z.stringbool().default(true),
  /** Most order submissions written in one intake transaction (group commit; see IntakeOrder). */
  INTAKE_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(64),
  /** Intake transactions in flight at once, each with a database connection. */
  INTAKE_CONCURRENT_BATCHES: z.coerce.number().int().min(1).max(32).default(2),
  /** How long an Idempotency-Key and its answer are kept; a later repeat of the order gets 409 (duplicate). 0 keeps them forever. */
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().int().min(0).max(24 * 365).default(72),
  /** How often expired Idempotency-Keys are swept. */
  IDEMPOTENCY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** Currency of EDI purchase orders that carry no prices (the pricelist then supplies them). */
  EDI_DEFAULT_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"').default('EUR'),
});

export type OrderServiceConfig = z.output<typeof orderServiceConfigSchema>;
