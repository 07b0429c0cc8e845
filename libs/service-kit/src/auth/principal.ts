import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles';

/** Who is calling: a token's subject, an API key's id, or a webhook's source. */
export interface Principal {
  kind: 'user' | 'api-key' | 'webhook';
  id: string;
  roles: readonly Role[];
}

/** Every request's principal while AUTH_MODE=disabled. */
export const ANONYMOUS_ADMIN: Principal = Object.freeze({ kind: 'user', id: 'anonymous', roles: Object.freeze(['admin'] as const) });

const PRINCIPAL = Symbol('principal');

type RequestWithPrincipal = Request & { [PRINCIPAL]?: Principal };

export function setPrincipal(request: Request, principal: Principal): void {
  (request as RequestWithPrincipal)[PRINCIPAL] = principal;
}

/** The authenticated caller of `request`; undefined on a public route. */
export function principalOf(request: Request): Principal | undefined {
  return (request as RequestWithPrincipal)[PRINCIPAL];
}

/**
 * Handler parameter: the authenticated caller, e.g. for an audit record's "who". A public route
 * has no caller, so asking for one there is a programming error.
 */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<Request>());
  if (principal === undefined) throw new TypeError('@Principal() used on a route without authentication (@Public)');
  return principal;
});
