import { EventHeader, type EventContext } from '@backbone/events';
import type { Actor } from '../domain';
import type { ChangeCause } from '../application/order-changes';

/** Changes caused by a consumed event carry its correlation id and name it as their cause. */
export function causeOf(ctx: EventContext): ChangeCause {
  return { correlationId: ctx.correlationId, causationId: ctx.eventId };
}

/** The publishing service, as the audit's "who". */
export function sourceActor(ctx: EventContext, kind: Actor['kind']): Actor {
  return { kind, id: ctx.headers[EventHeader.source] || 'unknown' };
}
