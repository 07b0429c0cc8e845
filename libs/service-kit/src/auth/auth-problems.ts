import { HttpProblem } from '../errors/http-problem';
import type { AuthFailure } from './auth-failure';
import { acceptedRoles, type Role } from './roles';

export function unauthenticated(failure: AuthFailure): HttpProblem {
  return new HttpProblem({ status: 401, code: 'AUTH.UNAUTHENTICATED', title: 'Unauthenticated', detail: failure.message, extensions: { reason: failure.reason } });
}

export function forbidden(required: readonly Role[]): HttpProblem {
  const roles = acceptedRoles(required);
  return new HttpProblem({
    status: 403,
    code: 'AUTH.FORBIDDEN',
    title: 'Forbidden',
    detail: `Requires one of the roles: ${roles.join(', ')}`,
    extensions: { requiredRoles: roles },
  });
}

export function authenticationUnavailable(): HttpProblem {
  return new HttpProblem({
    status: 503,
    code: 'AUTH.UNAVAILABLE',
    title: 'Authentication unavailable',
    detail: 'The token issuer key set cannot be fetched; retry later',
  });
}
