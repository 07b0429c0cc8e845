import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { setPrincipal } from '../auth/principal';
import { HttpProblem } from '../errors/http-problem';
import { SIGNED_WEBHOOK, type SignedWebhookRoute } from './signed-webhook.route';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, type WebhookSignatureFailure } from './webhook-signature';

export const WEBHOOK_VERIFICATION = Symbol('WEBHOOK_VERIFICATION');

/** Whether signatures are checked, and each source's secrets. */
export type WebhookVerificationSettings = { mode: 'disabled' } | { mode: 'enforce'; secrets: Readonly<Record<string, readonly string[]>> };

const PROBLEM_CODES: Record<WebhookSignatureFailure, string> = {
  'missing-signature': 'WEBHOOK.MISSING_SIGNATURE',
  'malformed-signature': 'WEBHOOK.BAD_SIGNATURE',
  'bad-signature': 'WEBHOOK.BAD_SIGNATURE',
  'stale-timestamp': 'WEBHOOK.STALE_TIMESTAMP',
};

/** Applied by `@SignedWebhook`: verifies the request's signature over its raw body. */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(WEBHOOK_VERIFICATION) private readonly verification: WebhookVerificationSettings,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // With AUTH_MODE=disabled, AuthGuard has already let the request in as the anonymous admin.
    if (context.getType() !== 'http' || this.verification.mode === 'disabled') return true;
    const route = this.reflector.getAllAndOverride<SignedWebhookRoute>(SIGNED_WEBHOOK, [context.getHandler(), context.getClass()]);
    const secrets = this.verification.secrets[route.source];
    // WebhooksModule refuses to start without them; reaching this is a bug, not a caller's fault.
    if (secrets === undefined) throw new Error(`No WEBHOOK_SECRETS for webhook source ${route.source}`);
    const request = context.switchToHttp().getRequest<Request & { rawBody?: Buffer }>();
    if (request.rawBody === undefined && hasBody(request)) throw unsupportedBody();

    const result = verifyWebhookSignature({
      secrets,
      signature: request.header(WEBHOOK_SIGNATURE_HEADER),
      rawBody: request.rawBody ?? Buffer.alloc(0),
      toleranceSeconds: route.toleranceSeconds,
    });
    if (!result.ok) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', `HMAC-SHA256 realm="${route.source}"`);
      throw new HttpProblem({
        status: 401,
        code: PROBLEM_CODES[result.failure],
        title: 'Webhook not authenticated',
        detail: result.message,
        extensions: { source: route.source },
      });
    }
    setPrincipal(request, { kind: 'webhook', id: route.source, roles: route.roles });
    return true;
  }
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/** Nest keeps the raw body (`rawBody: true`) only for the media types it parses. */
function unsupportedBody(): HttpProblem {
  return new HttpProblem({
    status: 415,
    code: 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
    detail: 'A signed webhook body must be application/json or application/x-www-form-urlencoded',
  });
}
