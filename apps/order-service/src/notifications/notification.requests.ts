import { z } from 'zod';
import { NOTIFIABLE_EVENTS } from './order-notification';

const eventTypes = z
  .array(z.enum(NOTIFIABLE_EVENTS as [string, ...string[]], { error: `must be one of ${NOTIFIABLE_EVENTS.join(', ')}` }))
  .min(1, 'must name at least one event type')
  .transform((types) => [...new Set(types)]);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const description = z.string().max(500).nullable();

/** Subscription bodies; the secret must be one the configuration names (its value never travels through the API). */
export function subscriptionBodies(secretNames: readonly string[]) {
  const secretName = z.string().refine((name) => secretNames.includes(name), {
    error: secretNames.length > 0 ? `must name a secret of CHANNEL_NOTIFICATION_SECRETS (${secretNames.join(', ')})` : 'no secrets are configured (CHANNEL_NOTIFICATION_SECRETS)',
  });
  return {
    create: z
      .object({
        channel: z.string().regex(/^[\w.-]{1,64}$/, 'must be a channel slug (letters, digits, _ . -)'),
        url,
        secretName,
        eventTypes,
        active: z.boolean().default(true),
        description: description.default(null),
      })
      .strict(),
    update: z
      .object({ url, secretName, eventTypes, active: z.boolean(), description })
      .partial()
      .strict()
      .refine((changes) => Object.keys(changes).length > 0, { error: 'must change at least one of url, secretName, eventTypes, active, description' }),
  };
}

export const subscriptionQuery = z.object({ channel: z.string().min(1).optional() }).strict();

export const deliveryQuery = z
  .object({
    channel: z.string().min(1).optional(),
    orderId: z.string().min(1).optional(),
    subscriptionId: z.uuid().optional(),
    status: z.enum(['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().regex(/^\d+$/, 'must be the nextCursor of a previous page').transform(Number).optional(),
  })
  .strict();

export const idParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });
