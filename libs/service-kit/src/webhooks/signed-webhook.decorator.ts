import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthenticatedBy } from '../auth/auth.decorators';
import { WEBHOOK_SIGNATURE_SCHEME } from '../auth/openapi-security';
import type { Role } from '../auth/roles';
import { SIGNED_WEBHOOK, type SignedWebhookRoute } from './signed-webhook.route';
import { DEFAULT_WEBHOOK_TOLERANCE_SECONDS } from './webhook-signature';
import { WebhookSignatureGuard } from './webhook-signature.guard';

export interface SignedWebhookOptions {
  /** The principal's roles; `['warehouse']` unless given. */
  roles?: readonly Role[];
  toleranceSeconds?: number;
}

/**
 * The route receives webhooks from `source`, authenticated by their X-Signature (see
 * `verifyWebhookSignature`) under that source's WEBHOOK_SECRETS instead of a bearer token or API
 * key. An unsigned, wrongly signed or stale request is refused with a 401 problem before any
 * handler code runs; the principal is `{ kind: 'webhook', id: source, roles }`.
 */
export function SignedWebhook(source: string, options: SignedWebhookOptions = {}): ClassDecorator & MethodDecorator {
  const route: SignedWebhookRoute = {
    source,
    roles: options.roles ?? ['warehouse'],
    toleranceSeconds: options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  };
  return applyDecorators(
    SetMetadata(SIGNED_WEBHOOK, route),
    AuthenticatedBy('webhook-signature'),
    UseGuards(WebhookSignatureGuard),
    ApiSecurity(WEBHOOK_SIGNATURE_SCHEME),
    ApiHeader({ name: 'X-Signature', required: true, description: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> with the secret for ${source}` }),
    ApiUnauthorizedResponse({ description: 'A problem document: WEBHOOK.MISSING_SIGNATURE, WEBHOOK.BAD_SIGNATURE or WEBHOOK.STALE_TIMESTAMP' }),
  );
}
