import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { RethrowEventErrors } from './kafka-event-server';

/**
 * `@EventPattern` for one event type (its Avro full name) or several (one handler for, say, every
 * event of a topic; `ctx.eventType` tells them apart), with the filter that hands the handler's
 * errors to the transport unchanged (so it can tell a retriable failure from a bug or poison).
 * Bound per handler, it holds in hybrid apps too, where a global microservice filter would be
 * registered only after the handlers. Nest's typed overloads would force the context parameter
 * to `unknown`; this keeps `@Ctx() ctx: EventContext` typed.
 */
export function OnEvent(eventTypes: string | readonly string[]): MethodDecorator {
  return applyDecorators(EventPattern<string[]>(typeof eventTypes === 'string' ? [eventTypes] : [...eventTypes]), UseFilters(new RethrowEventErrors()));
}
