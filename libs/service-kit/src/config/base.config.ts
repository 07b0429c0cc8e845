import { z } from 'zod';
import { authSettings, checkAuthSettings, JWT_SETTINGS } from '../auth/auth.settings';
import { webhookSettings } from '../webhooks/webhook.settings';

const port = z
  .string()
  .regex(/^\d+$/, 'must be a port number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535'));

const hostPortList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port')).min(1, 'must list at least one host:port'));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const SASL_SETTINGS = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
const REGISTRY_AUTH_SETTINGS = ['SCHEMA_REGISTRY_USERNAME', 'SCHEMA_REGISTRY_PASSWORD'] as const;

export interface ServiceDefaults {
  /** Default SERVICE_NAME and KAFKA_CLIENT_ID. */
  serviceName: string;
  httpPort: number;
}

/**
 * The settings every service reads, with the service's own defaults. An app adds its settings
 * with `.extend({ ... })`; a cross-field rule rides along, so existing keys cannot be redefined.
 */
export function serviceConfigSchema(defaults: ServiceDefaults) {
  return z
    .object({
      SERVICE_NAME: z.string().min(1).default(defaults.serviceName),
      HTTP_PORT: port.default(defaults.httpPort),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
      KAFKA_BROKERS: hostPortList,
      KAFKA_CLIENT_ID: z.string().min(1).default(defaults.serviceName),
      /** Consumer group of the service's event handlers (the inbox is kept per group). */
      KAFKA_CONSUMER_GROUP: z.string().min(1).default(defaults.serviceName),
      /** Where a consumer group without committed offsets starts: the topics' beginning, or only new records. */
      KAFKA_CONSUMER_START: z.enum(['earliest', 'latest']).default('earliest'),
      /** Partitions the consumer applies at once, each in order and in its own database transaction (so its own connection). */
      KAFKA_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(16).default(3),
      /** Days a handled event id stays in the inbox; must outlast topic and dead-letter retention (replays re-drive old events). */
      INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(35),
      KAFKA_SSL: z.stringbool().default(false),
      KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
      KAFKA_SASL_USERNAME: z.string().optional(),
      KAFKA_SASL_PASSWORD: z.string().optional(),
      SCHEMA_REGISTRY_URL: httpUrl,
      SCHEMA_REGISTRY_USERNAME: z.string().optional(),
      SCHEMA_REGISTRY_PASSWORD: z.string().optional(),
      /** Base URL of an OTLP/HTTP collector; without it spans are created but not exported. */
      OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
      ...authSettings,
      ...webhookSettings,
    })
    .superRefine((config, ctx) => {
      for (const group of [SASL_SETTINGS, REGISTRY_AUTH_SETTINGS, JWT_SETTINGS]) {
        const present = group.filter((setting) => config[setting] !== undefined);
        if (present.length === 0 || present.length === group.length) continue;
        for (const missing of group.filter((setting) => config[setting] === undefined)) {
          ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${present.join(' and ')} is set` });
        }
      }
      checkAuthSettings(config, ctx);
    });
}

export type BaseConfig = z.output<ReturnType<typeof serviceConfigSchema>>;
