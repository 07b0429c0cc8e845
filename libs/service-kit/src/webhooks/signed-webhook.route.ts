import type { Role } from '../auth/roles';

export const SIGNED_WEBHOOK = 'backbone:webhooks:signed';

/** What `@SignedWebhook` records on a route for its guard. */
export interface SignedWebhookRoute {
  source: string;
  roles: readonly Role[];
  toleranceSeconds: number;
}
