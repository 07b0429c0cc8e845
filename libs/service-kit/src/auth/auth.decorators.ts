import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { acceptedRoles, type Role } from './roles';

export const IS_PUBLIC = 'backbone:auth:public';
export const REQUIRED_ROLES = 'backbone:auth:roles';
/** Set by decorators whose own guard authenticates the route (e.g. `@SignedWebhook`). */
export const AUTHENTICATED_BY = 'backbone:auth:authenticated-by';
/** Marks public operations in the OpenAPI document until `applyOpenApiSecurity` rewrites them. */
export const PUBLIC_OPERATION_EXTENSION = 'x-backbone-public';

/** The route (or every route of the controller) needs no credentials: health, metrics, docs. */
export function Public(): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
}

/**
 * The caller needs any one of `roles` (`admin` always passes). A handler's `@Roles` replaces its
 * controller's. A route with neither `@Roles` nor `@Public` is for `admin` only.
 */
export function Roles(...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiForbiddenResponse({ description: `Requires one of the roles: ${acceptedRoles(roles).join(', ')}` }),
  );
}

/** For decorators that authenticate a route by other means: the global guard lets it through to them. */
export function AuthenticatedBy(mechanism: string): ClassDecorator & MethodDecorator {
  return SetMetadata(AUTHENTICATED_BY, mechanism);
}
