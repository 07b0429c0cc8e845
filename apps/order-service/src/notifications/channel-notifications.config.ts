import { intSetting, jsonSetting } from '@backbone/service-kit';
import { z } from 'zod';

const milliseconds = (min: number, max: number, fallback: number) => intSetting(min, max).default(fallback);

/** Settings of the channel notifications; the order-service's configuration extends its schema with them. */
export const channelNotificationSettings = {
  /** Off: deliveries are still recorded from events, but this replica sends none (e.g. a replica kept for the API only). */
  CHANNEL_NOTIFICATIONS_ENABLED: z.stringbool().default(true),
  /** Fallback poll for due deliveries; new ones wake the worker at once through LISTEN/NOTIFY. */
  CHANNEL_NOTIFICATIONS_POLL_MS: milliseconds(10, 60_000, 1000),
  /** Attempts per delivery before it is FAILED and goes to the exception queue. */
  CHANNEL_NOTIFICATIONS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further retry doubles it (full jitter); the maximum caps every delay. */
  CHANNEL_NOTIFICATIONS_BACKOFF_BASE_MS: milliseconds(10, 3_600_000, 2000),
  CHANNEL_NOTIFICATIONS_BACKOFF_MAX_MS: milliseconds(10, 86_400_000, 600_000),
  /** Whole request: connect, send, response headers and the response excerpt. */
  CHANNEL_NOTIFICATIONS_TIMEOUT_MS: milliseconds(100, 120_000, 10_000),
  /** Deliveries sent at once per replica. */
  CHANNEL_NOTIFICATIONS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Days a delivered or cancelled delivery stays in the log with its attempts; failed and pending ones stay until settled. 0 keeps them forever. */
  CHANNEL_NOTIFICATIONS_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /**
   * `{ "<secret name>": ["<secret>", ...] }`: the signing secrets subscriptions name (never stored in
   * the database nor echoed by the API). Every listed secret signs (one v1 each), so a channel can
   * switch secrets without downtime. Usually mounted and named by CHANNEL_NOTIFICATION_SECRETS_FILE.
   */
  CHANNEL_NOTIFICATION_SECRETS: jsonSetting(
    z.record(z.string().regex(/^[\w.-]+$/, 'secret names are letters, digits, _ . -'), z.array(z.string().min(16, 'must be at least 16 characters')).min(1, 'must list at least one secret')),
  ).default({}),
};

export type ChannelNotificationSettings = z.output<z.ZodObject<typeof channelNotificationSettings>>;

