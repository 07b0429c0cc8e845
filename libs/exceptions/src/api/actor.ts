import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../model/business-exception';

/** Interim: who the operator is, until service-kit's authenticated principal takes its place. */
export const ACTOR_HEADER = 'x-actor';
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ kind: 'anonymous', id: 'anonymous' });

/**
 * The one place that decides who acts on an exception. Once service-kit authenticates
 * requests, this returns the principal's `{ kind, id }` instead of trusting a header.
 */
export function actorFromRequest(request: Pick<Request, 'headers'>): Actor {
  const header = request.headers[ACTOR_HEADER];
  const id = (Array.isArray(header) ? header[0] : header)?.trim();
  return id ? { kind: 'user', id } : ANONYMOUS_ACTOR;
}

/** Handler parameter: the actor of the request (see `actorFromRequest`). */
export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => actorFromRequest(context.switchToHttp().getRequest<Request>()));
