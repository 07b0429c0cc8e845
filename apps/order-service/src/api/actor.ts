import type { Principal } from '@backbone/service-kit';
import type { Request } from 'express';
import type { Actor } from '../domain';
import type { ChangeCause } from '../application/order-changes';

/** The audit's "who" for a request: operators by their user or key id, channels by their key id. */
export function actorOf(principal: Principal, kind: Actor['kind']): Actor {
  return { kind, id: principal.id };
}

/** The request's correlation id (service-kit's logger takes X-Correlation-Id or generates one). */
export function causeOf(request: Request): ChangeCause {
  const id = (request as Request & { id?: unknown }).id;
  return typeof id === 'string' ? { correlationId: id } : {};
}
