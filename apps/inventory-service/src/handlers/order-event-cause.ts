import { EventHeader, type EventContext } from '@backbone/events';
import type { OrderEventCause } from '../application/reservations';

export function causeOf(ctx: EventContext): OrderEventCause {
  return { eventId: ctx.eventId, correlationId: ctx.correlationId, source: ctx.headers[EventHeader.source] || 'order-service' };
}

/** When the order event happened in its source (the occurred-at header), else now. */
export function occurredAt(ctx: EventContext): Date {
  const header = ctx.headers[EventHeader.occurredAt];
  return header ? new Date(header) : new Date();
}
