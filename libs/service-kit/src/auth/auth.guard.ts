import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AuthFailure, KeySetUnavailable } from './auth-failure';
import { AUTHENTICATED_BY, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { authenticationUnavailable, forbidden, unauthenticated } from './auth-problems';
import type { Authenticator } from './authenticator';
import { ANONYMOUS_ADMIN, setPrincipal, type Principal } from './principal';
import { hasRequiredRole, type Role } from './roles';

export const AUTHENTICATION = Symbol('AUTHENTICATION');

/** How the service authenticates HTTP callers, as its configuration says. */
export type Authentication = { mode: 'disabled' } | { mode: 'enforce'; authenticator: Authenticator };

/**
 * The global guard: every HTTP route needs credentials and one of its `@Roles` (admin only if it
 * declares none), unless it is `@Public` or authenticated by its own guard (`@SignedWebhook`).
 * It runs before pipes, interceptors and the handler, so a refused request changes nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATION) private readonly authentication: Authentication,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Event transports authenticate with Kafka's own means; this guard is for HTTP.
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (this.authentication.mode === 'disabled') {
      setPrincipal(request, ANONYMOUS_ADMIN);
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<string | undefined>(AUTHENTICATED_BY, targets) !== undefined) return true;

    const principal = await this.authenticate(this.authentication.authenticator, request, context.switchToHttp().getResponse<Response>());
    setPrincipal(request, principal);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    if (!hasRequiredRole(principal.roles, required)) throw forbidden(required);
    return true;
  }

  private async authenticate(authenticator: Authenticator, request: Request, response: Response): Promise<Principal> {
    try {
      return await authenticator.authenticate(request.headers);
    } catch (error) {
      if (error instanceof AuthFailure) {
        // The problem filter sends the 401; the challenge header has to be on the response first.
        response.setHeader('WWW-Authenticate', authenticator.challenges(error));
        throw unauthenticated(error);
      }
      if (error instanceof KeySetUnavailable) {
        this.logger.error(`${error.message}: ${String(error.cause)}`);
        throw authenticationUnavailable();
      }
      throw error;
    }
  }
}
