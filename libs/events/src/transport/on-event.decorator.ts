import { EventPattern } from '@nestjs/microservices';

/**
 * `@EventPattern` for an event type (its Avro full name). Nest's typed overloads would force the
 * context parameter to `unknown`; this keeps `@Ctx() ctx: EventContext` typed.
 */
export function OnEvent(eventType: string): MethodDecorator {
  return EventPattern<string>(eventType);
}
