import { z } from 'zod';
import { jsonSetting } from '../auth/json-setting';

/** Settings for verifying signed webhooks; part of every service's base configuration. */
export const webhookSettings = {
  /**
   * `{ "<source>": ["<secret>", ...] }`: the shared secrets per webhook sender, any of which may
   * sign (list the new one first while rotating). Usually mounted and named by WEBHOOK_SECRETS_FILE.
   */
  WEBHOOK_SECRETS: jsonSetting(
    z.record(z.string().regex(/^[\w.-]+$/, 'source names are letters, digits, _ . -'), z.array(z.string().min(1)).min(1, 'must list at least one secret')),
  ).optional(),
};

export type WebhookSettings = z.output<z.ZodObject<typeof webhookSettings>>;
