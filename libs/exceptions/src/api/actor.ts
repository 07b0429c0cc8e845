import { ANONYMOUS_ADMIN, principalOf } from '@backbone/service-kit';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../model/business-exception';

/** Names the operator only while authentication is disabled (local development), where every caller is the same anonymous admin. */
export const ACTOR_HEADER = 'x-actor';
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ kind: 'anonymous', id: 'anonymous' });

/**
 * The one place that decides who acts on an exception: the authenticated principal (a token's
 * subject, an API key's id). A header cannot impersonate anyone: it is read only when
 * authentication is disabled, so audits in local runs still say who clicked.
 */
export function actorFromRequest(request: Request): Actor {
  const principal = principalOf(request);
  if (principal !== undefined && principal !== ANONYMOUS_ADMIN) return { kind: principal.kind, id: principal.id };
  const header = request.headers[ACTOR_HEADER];
  const id = (Array.isArray(header) ? header[0] : header)?.trim();
  return id ? { kind: 'user', id } : ANONYMOUS_ACTOR;
}

/** Handler parameter: the actor of the request (see `actorFromRequest`). */
export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => actorFromRequest(context.switchToHttp().getRequest<Request>()));
